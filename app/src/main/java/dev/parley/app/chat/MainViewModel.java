package dev.parley.app.chat;

import dev.parley.app.ui.Fx;
import dev.parley.client.ParleyClient;
import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.ClientListener;
import dev.parley.client.api.ConnectionState;
import dev.parley.client.api.Contact;
import dev.parley.client.api.Conversation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The main window's state: conversations with presence and unread counts, which one is open,
 * connection status and notifications. Client callbacks arrive on the client thread and are moved
 * onto the FX thread here.
 */
public final class MainViewModel {
  private final ParleyClient client;
  private final ObservableList<ConversationItem> conversations =
      FXCollections.observableArrayList();
  private final ObjectProperty<String> selected = new SimpleObjectProperty<>();
  private final ObjectProperty<ConversationViewModel> conversation = new SimpleObjectProperty<>();
  private final BooleanProperty notificationsEnabled = new SimpleBooleanProperty(true);
  private final ObservableBooleanValue windowFocused;
  private Consumer<Notice> notifier = n -> {};
  private Predicate<String> inView = peer -> false;
  private final StringProperty status = new SimpleStringProperty("");
  private final StringProperty addContactError = new SimpleStringProperty("");
  private final IntegerProperty totalUnread = new SimpleIntegerProperty();
  private final ClientListener listener;
  // Messages still being decrypted from a backlog (0: none); while it lasts, one notification per
  // sender and a status line with the count, instead of one notification per message.
  private final IntegerProperty catchingUp = new SimpleIntegerProperty();
  private final Set<String> notifiedWhileCatchingUp = new HashSet<>();
  private ConnectionState connection;
  // One reload at a time; a change meanwhile reloads once more when it is done.
  private boolean refreshing;
  private boolean refreshAgain;

  /**
   * The main window model over a logged-in {@code client}; {@code windowFocused} tells whether the
   * main window has the focus (its open conversation is then in view).
   */
  public MainViewModel(ParleyClient client, ObservableBooleanValue windowFocused) {
    this.client = client;
    this.windowFocused = windowFocused;
    listener =
        new ClientListener() {
          @Override
          public void connectionChanged(ConnectionState state) {
            Fx.run(
                () -> {
                  connection = state;
                  status.set(describe(state));
                });
          }

          @Override
          public void catchingUp(int waiting) {
            Fx.run(
                () -> {
                  catchingUp.set(waiting);
                  if (waiting > 0) {
                    status.set(
                        String.format(
                            Locale.ROOT, "Catching up: %,d messages to decrypt…", waiting));
                  } else {
                    notifiedWhileCatchingUp.clear();
                    status.set(describe(connection));
                  }
                });
          }

          @Override
          public void messageAdded(ChatMessage m) {
            Fx.run(
                () -> {
                  if (!m.outgoing()
                      && m.kind() == ChatMessage.Kind.TEXT
                      && notificationsEnabled.get()
                      && !inView.test(m.peer())
                      && (catchingUp.get() == 0 || notifiedWhileCatchingUp.add(m.peer()))) {
                    notifier.accept(new Notice(m.peer(), m.text()));
                  }
                  refresh();
                });
          }

          @Override
          public void presenceChanged(String contact, boolean online) {
            Fx.run(MainViewModel.this::refresh);
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
    connection = client.state();
    status.set(describe(connection));
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

  /**
   * Reloads the contacts list from the client (off the FX thread). Calls while a reload runs are
   * folded into one more, so a backlog of thousands of messages costs a handful of reloads.
   */
  public void refresh() {
    if (refreshing) {
      refreshAgain = true;
      return;
    }
    refreshing = true;
    CompletableFuture<List<Conversation>> convs = client.conversations();
    CompletableFuture<List<Contact>> contacts = client.contacts();
    Fx.whenDone(
        convs.thenCombine(contacts, (a, b) -> merge(a, b)),
        (items, err) -> {
          refreshing = false;
          if (err == null) {
            conversations.setAll(items);
            totalUnread.set(items.stream().mapToInt(ConversationItem::unread).sum());
          }
          if (refreshAgain) {
            refreshAgain = false;
            refresh();
          }
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
              last == null ? 0 : last.sentAt(),
              k != null && k.listed(),
              k != null && k.mutual()));
    }
    out.sort(
        Comparator.comparingLong(ConversationItem::lastAt)
            .reversed()
            .thenComparing(ConversationItem::peer));
    return out;
  }

  private void open(String peer) {
    ConversationViewModel old = conversation.get();
    if (old != null) {
      old.dispose();
    }
    conversation.set(peer == null ? null : new ConversationViewModel(client, peer, windowFocused));
    if (peer != null) {
      // Opening it reads it; the client then reports contactsChanged, which refreshes the list.
      client.markRead(peer);
    }
  }

  /** Opens the next ({@code +1}) or previous ({@code -1}) conversation in the list. */
  public void selectNeighbour(int direction) {
    if (conversations.isEmpty()) {
      return;
    }
    int at = -1;
    for (int i = 0; i < conversations.size(); i++) {
      if (conversations.get(i).peer().equals(selected.get())) {
        at = i;
      }
    }
    int next =
        at < 0
            ? (direction > 0 ? 0 : conversations.size() - 1)
            : Math.floorMod(at + direction, conversations.size());
    selected.set(conversations.get(next).peer());
  }

  /** Removes {@code peer} from the contacts (the history stays); closes it if open. */
  public void removeContact(String peer) {
    Fx.whenDone(
        client.removeContact(peer),
        (v, err) -> {
          if (err != null) {
            status.set(Fx.describe(err));
            return;
          }
          if (peer.equals(selected.get())) {
            selected.set(null);
          }
          refresh();
        });
  }

  /** Where notifications go (a toast or a tray balloon); they never block. */
  public void setNotifier(Consumer<Notice> notifier) {
    this.notifier = notifier;
  }

  /** Which contacts' conversations the user has in front of them (no notification for those). */
  public void setInView(Predicate<String> inView) {
    this.inView = inView;
  }

  /** Notifications for messages arriving while their conversation is not in view. */
  public BooleanProperty notificationsEnabledProperty() {
    return notificationsEnabled;
  }

  /** The open conversation's model, or null. */
  public ReadOnlyObjectProperty<ConversationViewModel> conversationProperty() {
    return conversation;
  }

  /**
   * Adds {@code peer}, who wrote first, to the contacts without changing the open conversation, so
   * presence can be shared once they add this user too.
   */
  public void addToContacts(String peer) {
    Fx.whenDone(
        client.addContact(peer),
        (c, err) -> {
          if (err != null) {
            status.set(Fx.describe(err));
          }
          refresh();
        });
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

  /** Stops listening to the client (the window closes or the user logs out). */
  public void dispose() {
    client.removeListener(listener);
    if (conversation.get() != null) {
      conversation.get().dispose();
    }
  }

  /** Conversations, most recent first. */
  public ObservableList<ConversationItem> conversations() {
    return conversations;
  }

  /** The open conversation's contact. */
  public ObjectProperty<String> selectedProperty() {
    return selected;
  }

  /** The connection status line. */
  public StringProperty statusProperty() {
    return status;
  }

  /** Why adding a contact failed. */
  public StringProperty addContactErrorProperty() {
    return addContactError;
  }

  /** Messages of a backlog still to decrypt (0 when there is none). */
  public ReadOnlyIntegerProperty catchingUpProperty() {
    return catchingUp;
  }

  /** Unread messages across all conversations. */
  public IntegerProperty totalUnreadProperty() {
    return totalUnread;
  }

  /** The logged-in user. */
  public String user() {
    return client.user();
  }
}
