package dev.parley.app.chat;

import dev.parley.app.Fx;
import dev.parley.client.ChatMessage;
import dev.parley.client.ClientListener;
import dev.parley.client.ConnectionState;
import dev.parley.client.Contact;
import dev.parley.client.Conversation;
import dev.parley.client.ParleyClient;
import dev.parley.crypto.SafetyNumber;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.animation.PauseTransition;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;

/**
 * The main window's state: conversations with presence and unread counts, the open conversation's
 * messages, typing and connection status. Client callbacks arrive on the client thread and are
 * moved onto the FX thread here.
 */
public final class MainViewModel {
  private final ParleyClient client;
  private final ObservableList<ConversationItem> conversations =
      FXCollections.observableArrayList();
  private final ObjectProperty<String> selected = new SimpleObjectProperty<>();
  private final ObservableList<ChatMessage> messages = FXCollections.observableArrayList();
  private final StringProperty typing = new SimpleStringProperty("");
  private final StringProperty status = new SimpleStringProperty("");
  private final StringProperty addContactError = new SimpleStringProperty("");
  private final IntegerProperty totalUnread = new SimpleIntegerProperty();
  private final PauseTransition typingTimeout = new PauseTransition(Duration.seconds(4));
  private final ClientListener listener;

  /** The main window model over a logged-in {@code client}. */
  public MainViewModel(ParleyClient client) {
    this.client = client;
    typingTimeout.setOnFinished(e -> typing.set(""));
    listener =
        new ClientListener() {
          @Override
          public void connectionChanged(ConnectionState state) {
            Fx.run(() -> status.set(describe(state)));
          }

          @Override
          public void messageAdded(ChatMessage m) {
            Fx.run(
                () -> {
                  if (m.peer().equals(selected.get())) {
                    messages.add(m);
                    if (!m.outgoing()) {
                      typing.set("");
                      client.markRead(m.peer());
                    }
                  }
                  refresh();
                });
          }

          @Override
          public void messageUpdated(ChatMessage m) {
            Fx.run(
                () -> {
                  for (int i = 0; i < messages.size(); i++) {
                    if (messages.get(i).localId() == m.localId()) {
                      messages.set(i, m);
                    }
                  }
                });
          }

          @Override
          public void presenceChanged(String contact, boolean online) {
            Fx.run(MainViewModel.this::refresh);
          }

          @Override
          public void typing(String contact) {
            Fx.run(
                () -> {
                  if (contact.equals(selected.get())) {
                    typing.set(contact + " is typing…");
                    typingTimeout.playFromStart();
                  }
                });
          }

          @Override
          public void contactsChanged() {
            Fx.run(MainViewModel.this::refresh);
          }

          @Override
          public void problem(String message) {
            Fx.run(() -> status.set(message));
          }
        };
    client.addListener(listener);
    status.set(describe(client.state()));
    selected.addListener((o, old, peer) -> open(peer));
    refresh();
  }

  private static String describe(ConnectionState s) {
    return switch (s) {
      case ONLINE -> "Connected";
      case CONNECTING -> "Connecting…";
      case RECONNECTING -> "Connection lost — reconnecting…";
      case DISCONNECTED -> "Disconnected";
    };
  }

  /** Reloads the contacts list from the client (off the FX thread). */
  public void refresh() {
    CompletableFuture<List<Conversation>> convs = client.conversations();
    CompletableFuture<List<Contact>> contacts = client.contacts();
    Fx.whenDone(
        convs.thenCombine(contacts, (a, b) -> merge(a, b)),
        (items, err) -> {
          if (err != null) {
            return;
          }
          conversations.setAll(items);
          totalUnread.set(items.stream().mapToInt(ConversationItem::unread).sum());
        });
  }

  private static List<ConversationItem> merge(List<Conversation> convs, List<Contact> contacts) {
    Map<String, Contact> byName = new HashMap<>();
    contacts.forEach(c -> byName.put(c.name(), c));
    List<ConversationItem> out = new ArrayList<>();
    for (Conversation c : convs) {
      Contact k = byName.get(c.peer());
      ChatMessage last = c.lastMessage();
      out.add(
          new ConversationItem(
              c.peer(),
              k != null && k.online(),
              k != null && k.verified(),
              c.unread(),
              last == null ? "" : (last.outgoing() ? "You: " : "") + last.text(),
              last == null ? 0 : last.sentAt()));
    }
    out.sort(
        Comparator.comparingLong(ConversationItem::lastAt)
            .reversed()
            .thenComparing(ConversationItem::peer));
    return out;
  }

  private void open(String peer) {
    messages.clear();
    typing.set("");
    if (peer == null) {
      return;
    }
    Fx.whenDone(
        client.history(peer, 500, Long.MAX_VALUE),
        (list, err) -> {
          if (err == null && peer.equals(selected.get())) {
            messages.setAll(list);
          }
        });
    Fx.whenDone(client.markRead(peer), (v, err) -> refresh());
  }

  /** Sends {@code text} to the open conversation. */
  public void send(String text) {
    String peer = selected.get();
    String body = text.strip();
    if (peer == null || body.isEmpty()) {
      return;
    }
    Fx.whenDone(
        client.send(peer, body),
        (m, err) -> {
          if (err != null) {
            status.set(Fx.describe(err));
          }
        });
  }

  /** Tells the open conversation's contact that this user is typing. */
  public void userTyped() {
    if (selected.get() != null) {
      client.typing(selected.get());
    }
  }

  /** Adds a contact by username and opens the conversation. */
  public void addContact(String name) {
    addContactError.set("");
    if (name.isBlank()) {
      return;
    }
    Fx.whenDone(
        client.addContact(name),
        (c, err) -> {
          if (err != null) {
            addContactError.set(Fx.describe(err));
          } else {
            refresh();
            selected.set(c.name());
          }
        });
  }

  /** The safety number with {@code peer}. */
  public CompletableFuture<SafetyNumber> safetyNumber(String peer) {
    return client.safetyNumber(peer);
  }

  /** Marks {@code peer} verified or not. */
  public void setVerified(String peer, boolean verified) {
    Fx.whenDone(client.setVerified(peer, verified), (v, e) -> refresh());
  }

  /** Stops listening to the client (the window closes or the user logs out). */
  public void dispose() {
    client.removeListener(listener);
  }

  /** Conversations, most recent first. */
  public ObservableList<ConversationItem> conversations() {
    return conversations;
  }

  /** The open conversation's contact. */
  public ObjectProperty<String> selectedProperty() {
    return selected;
  }

  /** The open conversation's entries, oldest first. */
  public ObservableList<ChatMessage> messages() {
    return messages;
  }

  /** "bob is typing…" or empty. */
  public StringProperty typingProperty() {
    return typing;
  }

  /** The connection status line. */
  public StringProperty statusProperty() {
    return status;
  }

  /** Why adding a contact failed. */
  public StringProperty addContactErrorProperty() {
    return addContactError;
  }

  /** Unread messages over all conversations. */
  public IntegerProperty totalUnreadProperty() {
    return totalUnread;
  }

  /** The logged-in user. */
  public String user() {
    return client.user();
  }
}
