package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.ClientListener;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What a client's listeners heard that tests check: the problems reported and the texts shown. */
final class Heard implements ClientListener {
  final BlockingQueue<String> problems = new LinkedBlockingQueue<>();
  final List<ChatMessage> shown = new CopyOnWriteArrayList<>();

  /** Listens to {@code u} from now on. */
  static Heard on(TestUser u) {
    Heard h = new Heard();
    u.client.addListener(h);
    return h;
  }

  @Override
  public void problem(String message) {
    problems.add(message);
  }

  @Override
  public void messageAdded(ChatMessage message) {
    if (!message.outgoing() && message.kind() == ChatMessage.Kind.TEXT) {
      shown.add(message);
    }
  }

  /** The next problem reported; fails when none comes in time. */
  String nextProblem() throws InterruptedException {
    String p = problems.poll(TestUser.WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(p).as("a problem was reported").isNotNull();
    return p;
  }

  /** The texts of the received messages shown so far, in order. */
  List<String> shownTexts() {
    return shown.stream().map(ChatMessage::text).toList();
  }
}
