package dev.parley.client;

import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.ClientListener;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A recipient in a JVM of its own, for {@link CatchUpCrashTest}: logs in to the server given and
 * prints a line for every received text its listeners are shown and for every batch done, until it
 * is killed.
 *
 * <p>Arguments: data folder, user, server port, server fingerprint.
 */
public final class CatchUpChild {
  /** Printed once the login completed. */
  static final String LOGGED_IN = "logged in";

  /** Printed before the text of every received message shown. */
  static final String SHOWN = "shown ";

  /** Printed when a batch is done and more are waiting (before how many). */
  static final String BATCH_DONE = "batch done, waiting ";

  private CatchUpChild() {}

  /** Runs the client until the process is killed. */
  public static void main(String[] args) throws InterruptedException {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    TestUser user = new TestUser(args[1], Path.of(args[0]));
    user.client.addListener(
        new ClientListener() {
          @Override
          public void messageAdded(ChatMessage m) {
            if (!m.outgoing() && m.kind() == ChatMessage.Kind.TEXT) {
              // Flushed at once: what the parent reads is exactly what was shown before the kill.
              out.println(SHOWN + m.text());
              out.flush();
            }
          }

          @Override
          public void catchingUp(int waiting) {
            out.println(BATCH_DONE + waiting);
            out.flush();
          }
        });
    user.connect(Integer.parseInt(args[2]), args[3]).login();
    out.println(LOGGED_IN);
    out.flush();
    Thread.currentThread().join();
  }
}
