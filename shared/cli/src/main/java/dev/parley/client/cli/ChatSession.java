package dev.parley.client.cli;

import static dev.parley.client.cli.ParleyCli.await;

import dev.parley.client.ParleyClient;
import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.ClientListener;
import dev.parley.client.api.ConnectionState;
import dev.parley.client.api.Contact;
import dev.parley.client.api.Conversation;
import dev.parley.client.api.DeliveryState;
import dev.parley.crypto.SafetyNumber;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * The interactive terminal client: reads commands, prints what happens as it happens. As a {@link
 * ClientListener} it only prints (callbacks must not block); the commands run on the caller's
 * thread.
 */
final class ChatSession implements ClientListener {
  /** How many entries {@code /read} shows. */
  static final int READ_LIMIT = 20;

  static final String HELP =
      "/contacts  /add NAME  /remove NAME  /read NAME  /safety NAME  /verify NAME  /accept NAME"
          + "  /quit";
  static final String HELP_SEND = "@NAME text   send text to NAME";

  private static final ZoneId ZONE = ZoneId.systemDefault();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZONE);
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZONE);

  private final ParleyClient client;
  private final Screen screen;
  private final BufferedReader in;
  private volatile boolean started;

  ChatSession(ParleyClient client, Screen screen, InputStream in) {
    this.client = client;
    this.screen = screen;
    this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  /** Reads and runs commands until {@code /quit} or the end of input. */
  int run() {
    started = true;
    screen.say("Logged in as " + client.user() + ". Type /help for commands.");
    for (Conversation c : await(client.conversations())) {
      if (c.unread() > 0) {
        screen.say(c.unread() + " unread from " + c.peer() + ": /read " + c.peer());
      }
    }
    String line;
    while ((line = readLine()) != null) {
      line = line.strip();
      if (line.equals("/quit")) {
        break;
      }
      try {
        command(line);
      } catch (CompletionException e) {
        screen.warn(ParleyCli.reason(e));
      } catch (IllegalArgumentException | IllegalStateException e) {
        screen.warn(String.valueOf(e.getMessage()));
      }
    }
    return ParleyCli.OK;
  }

  private String readLine() {
    try {
      return in.readLine();
    } catch (IOException e) {
      return null;
    }
  }

  private void command(String line) {
    if (line.isEmpty()) {
      return;
    }
    if (line.equals("/help")) {
      screen.say(HELP);
      screen.say(HELP_SEND);
    } else if (line.equals("/contacts")) {
      printContacts(client, screen);
    } else if (line.startsWith("/add ")) {
      Contact c = await(client.addContact(argument(line)));
      screen.say("added " + c.name() + (c.online() ? " (online)" : ""));
    } else if (line.startsWith("/remove ")) {
      String name = argument(line);
      await(client.removeContact(name));
      screen.say("removed " + name);
    } else if (line.startsWith("/read ")) {
      read(argument(line));
    } else if (line.startsWith("/safety ")) {
      String name = argument(line);
      screen.say("Safety number with " + name + ": " + await(client.safetyNumber(name)));
    } else if (line.startsWith("/verify ")) {
      verify(argument(line));
    } else if (line.startsWith("/accept ")) {
      accept(argument(line));
    } else if (line.startsWith("@") && line.indexOf(' ') > 1) {
      int space = line.indexOf(' ');
      String to = line.substring(1, space);
      ChatMessage m = await(client.send(to, line.substring(space + 1).strip()));
      if (held(m.peer())) {
        heldHint(m.peer());
      }
    } else {
      screen.say("? type /help");
    }
  }

  private static String argument(String line) {
    return line.substring(line.indexOf(' ') + 1).strip();
  }

  /** Prints the newest entries of the conversation, then marks it read. */
  private void read(String name) {
    List<ChatMessage> entries = await(client.history(name, READ_LIMIT, Long.MAX_VALUE));
    if (entries.isEmpty()) {
      screen.say("No messages with " + name + ".");
      return;
    }
    for (ChatMessage m : entries) {
      print(m, true);
    }
    await(client.markRead(name));
  }

  private void verify(String name) {
    SafetyNumber number = await(client.safetyNumber(name));
    screen.say("Safety number with " + name + ": " + number);
    screen.say(
        "Compare it with the one " + name + " sees (in person or on a call). Do they match? [y/N]");
    String answer = readLine();
    if (answer != null && answer.strip().equalsIgnoreCase("y")) {
      // Bound to the number shown: a key that came in meanwhile is refused, not verified.
      await(client.setVerified(name, number, true));
      screen.say(name + " is now verified.");
    } else {
      screen.say("Not verified.");
    }
  }

  private void accept(String name) {
    if (!held(name)) {
      screen.say("The safety number with " + name + " has not changed; nothing to accept.");
      return;
    }
    SafetyNumber number = await(client.safetyNumber(name));
    screen.say("The new safety number with " + name + ": " + number);
    screen.say("Accept it without comparing? [y/N]");
    String answer = readLine();
    if (answer == null || !answer.strip().equalsIgnoreCase("y")) {
      screen.say("Not accepted; messages to " + name + " keep waiting.");
      return;
    }
    await(client.acceptSafetyNumber(name, number));
    screen.say(
        "Accepted the new safety number with "
            + name
            + "; waiting messages are sent now. "
            + name
            + " is not verified: compare safety numbers and /verify "
            + name
            + " when you can.");
  }

  private boolean held(String name) {
    return await(client.contacts()).stream()
        .anyMatch(c -> c.name().equals(name) && c.safetyNumberChanged());
  }

  private void heldHint(String name) {
    screen.warn(
        "Messages to "
            + name
            + " wait: compare the new safety number (/safety "
            + name
            + "), then /verify "
            + name
            + ", or accept it without comparing with /accept "
            + name
            + ".");
  }

  /** Contacts with presence, verified and changed marks, then conversations with unread counts. */
  static void printContacts(ParleyClient client, Screen screen) {
    for (Contact c : await(client.contacts())) {
      screen.say(
          (c.online() ? "● " : "○ ")
              + c.name()
              + (c.verified() ? " ✔ verified" : "")
              + (c.safetyNumberChanged()
                  ? " ⚠ safety number changed (/verify "
                      + c.name()
                      + " or /accept "
                      + c.name()
                      + ")"
                  : ""));
    }
    for (Conversation c : await(client.conversations())) {
      screen.say(
          "  "
              + c.peer()
              + ": "
              + c.unread()
              + " unread"
              + (c.lastMessage() == null
                  ? ""
                  : " — " + TerminalText.shortLine(c.lastMessage().text(), 40)));
    }
  }

  /** One entry: {@code [time] sender: text}, a notice as {@code ! text}. */
  private void print(ChatMessage m, boolean withDate) {
    if (m.kind() != ChatMessage.Kind.TEXT) {
      screen.warn(m.text());
      return;
    }
    String sender = m.outgoing() ? client.user() : m.peer();
    String state =
        !m.outgoing()
            ? ""
            : m.state() == DeliveryState.FAILED
                ? " (not sent)"
                : m.state() == DeliveryState.SENDING ? " (sending)" : "";
    screen.message("[" + when(m.sentAt(), withDate) + "] " + sender + state + ": ", m.text());
  }

  private static String when(long millis, boolean withDate) {
    Instant t = Instant.ofEpochMilli(millis);
    boolean today = LocalDate.ofInstant(t, ZONE).equals(LocalDate.now(ZONE));
    return withDate && !today ? DATE_TIME.format(t) : TIME.format(t);
  }

  // ---- what happens meanwhile (client thread: print only, never block) ----

  @Override
  public void messageAdded(ChatMessage m) {
    if (!m.outgoing()) {
      print(m, false);
    }
  }

  @Override
  public void messageUpdated(ChatMessage m) {
    if (m.outgoing()) {
      String state =
          m.state() == DeliveryState.FAILED ? "NOT SENT" : m.state().name().toLowerCase();
      screen.say(
          "  (" + TerminalText.shortLine(m.text(), 40) + " → " + m.peer() + ": " + state + ")");
    }
  }

  @Override
  public void presenceChanged(String contact, boolean online) {
    screen.say("* " + contact + (online ? " is online" : " went offline"));
  }

  @Override
  public void identityChanged(String contact) {
    screen.warn(
        "WARNING: the safety number with "
            + contact
            + " changed: a new device, or someone between you. Compare it again: /safety "
            + contact);
    // The hold is known once the change is recorded; asking here must not block this thread.
    client
        .contacts()
        .thenAccept(
            list -> {
              if (list.stream()
                  .anyMatch(c -> c.name().equals(contact) && c.safetyNumberChanged())) {
                heldHint(contact);
              }
            });
  }

  @Override
  public void connectionChanged(ConnectionState state) {
    if (started) {
      screen.say("* " + state.name().toLowerCase());
    }
  }

  @Override
  public void problem(String message) {
    screen.warn(message);
  }
}
