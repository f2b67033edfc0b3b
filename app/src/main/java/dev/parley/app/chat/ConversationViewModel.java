package dev.parley.app.chat;

import dev.parley.app.ui.Fx;
import dev.parley.client.ParleyClient;
import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.ClientListener;
import dev.parley.crypto.SafetyNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.animation.PauseTransition;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;

/**
 * One conversation as a window shows it: its messages (newest page first, older pages on demand),
 * the contact's presence, verified mark and typing. The main window and any detached chat window
 * each hold one; both hear the same client events, so they stay in step.
 */
public final class ConversationViewModel {
  /** Messages loaded at a time. */
  static final int PAGE = 100;

  private final ParleyClient client;
  private final String peer;
  private final ObservableBooleanValue seen;
  private final ChangeListener<Boolean> onFocus = (o, was, now) -> markReadIfSeen();
  private final ObservableList<ChatMessage> messages = FXCollections.observableArrayList();
  private final StringProperty typing = new SimpleStringProperty("");
  private final StringProperty problem = new SimpleStringProperty("");
  private final BooleanProperty verified = new SimpleBooleanProperty();
  private final BooleanProperty safetyNumberChanged = new SimpleBooleanProperty();
  // The safety number the banner stands for; "Accept" accepts this one and no later key.
  private final ObjectProperty<SafetyNumber> changedNumber = new SimpleObjectProperty<>();
  private final BooleanProperty mutual = new SimpleBooleanProperty(true);
  private final BooleanProperty listed = new SimpleBooleanProperty(true);
  private final BooleanProperty online = new SimpleBooleanProperty();
  private boolean hasOlder;
  private final PauseTransition typingTimeout = new PauseTransition(Duration.seconds(4));
  private final List<ChatMessage> arrivedWhileLoading = new ArrayList<>();
  private final ClientListener listener;
  private boolean loaded;
  private boolean loadingOlder;

  /**
   * The conversation with {@code peer}; {@code seen} is true while the user can see it (its window
   * has the focus): incoming messages count as read then, and what arrived meanwhile is read when
   * it turns true.
   */
  public ConversationViewModel(ParleyClient client, String peer, ObservableBooleanValue seen) {
    this.client = client;
    this.peer = peer;
    this.seen = seen;
    seen.addListener(onFocus);
    typingTimeout.setOnFinished(e -> typing.set(""));
    listener =
        new ClientListener() {
          @Override
          public void messageAdded(ChatMessage m) {
            if (m.peer().equals(peer)) {
              Fx.run(() -> added(m));
            }
          }

          @Override
          public void messageUpdated(ChatMessage m) {
            if (m.peer().equals(peer)) {
              Fx.run(() -> replace(m));
            }
          }

          @Override
          public void typing(String contact) {
            if (contact.equals(peer)) {
              Fx.run(
                  () -> {
                    typing.set(peer + " is typing…");
                    typingTimeout.playFromStart();
                  });
            }
          }

          @Override
          public void presenceChanged(String contact, boolean isOnline) {
            if (contact.equals(peer)) {
              Fx.run(
                  () -> {
                    online.set(isOnline);
                    if (isOnline) {
                      mutual.set(true);
                    }
                  });
            }
          }

          @Override
          public void contactsChanged() {
            refreshContact();
          }
        };
    client.addListener(listener);
    load();
    refreshContact();
  }

  private void load() {
    Fx.whenDone(
        client.history(peer, PAGE, Long.MAX_VALUE),
        (list, err) -> {
          loaded = true;
          if (err != null) {
            problem.set(Fx.describe(err));
            return;
          }
          long newest = list.isEmpty() ? Long.MIN_VALUE : list.get(list.size() - 1).localId();
          messages.setAll(list);
          arrivedWhileLoading.stream().filter(m -> m.localId() > newest).forEach(messages::add);
          arrivedWhileLoading.clear();
          hasOlder = list.size() == PAGE;
          markReadIfSeen();
        });
  }

  private void added(ChatMessage m) {
    if (!loaded) {
      arrivedWhileLoading.add(m);
      return;
    }
    if (messages.stream().anyMatch(x -> x.localId() == m.localId())) {
      return;
    }
    messages.add(m);
    if (!m.outgoing()) {
      typing.set("");
      markReadIfSeen();
    }
  }

  private void replace(ChatMessage m) {
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i).localId() == m.localId()) {
        messages.set(i, m);
        return;
      }
    }
  }

  private void refreshContact() {
    Fx.whenDone(
        client.contacts(),
        (list, err) -> {
          if (err == null) {
            list.stream()
                .filter(c -> c.name().equals(peer))
                .findFirst()
                .ifPresent(
                    c -> {
                      verified.set(c.verified());
                      if (c.safetyNumberChanged()) {
                        // Fixed when the banner first shows: a later key must not slip under it.
                        if (changedNumber.get() == null) {
                          rememberChangedNumber();
                        }
                      } else {
                        changedNumber.set(null);
                      }
                      safetyNumberChanged.set(c.safetyNumberChanged());
                      mutual.set(c.mutual());
                      listed.set(c.listed());
                      online.set(c.online());
                    });
          }
        });
  }

  private void rememberChangedNumber() {
    Fx.whenDone(
        client.safetyNumber(peer),
        (n, err) -> {
          if (err == null) {
            changedNumber.set(n);
          }
        });
  }

  /** Loads the page of messages before the oldest shown, if there is one. */
  public void loadOlder() {
    if (!hasOlder || loadingOlder || messages.isEmpty()) {
      return;
    }
    loadingOlder = true;
    Fx.whenDone(
        client.history(peer, PAGE, messages.get(0).localId()),
        (list, err) -> {
          loadingOlder = false;
          if (err != null) {
            problem.set(Fx.describe(err));
            return;
          }
          messages.addAll(0, list);
          hasOlder = list.size() == PAGE;
        });
  }

  private void markReadIfSeen() {
    if (seen.get()) {
      client.markRead(peer);
    }
  }

  /**
   * Sends {@code text}; false (and the reason in {@link #problemProperty()}) when it cannot go, so
   * the composer keeps it. Blank text is ignored.
   */
  public boolean send(String text) {
    String body = text.strip();
    if (body.isEmpty()) {
      return false;
    }
    Optional<String> tooLong = ParleyClient.tooLong(body);
    if (tooLong.isPresent()) {
      problem.set(tooLong.get());
      return false;
    }
    problem.set("");
    Fx.whenDone(
        client.send(peer, body),
        (m, err) -> {
          if (err != null) {
            problem.set(Fx.describe(err));
          }
        });
    return true;
  }

  /** Tells the contact this user is typing (the client core rate-limits it). */
  public void userTyped() {
    client.typing(peer);
  }

  /** The safety number with the contact. */
  public CompletableFuture<SafetyNumber> safetyNumber() {
    return client.safetyNumber(peer);
  }

  /**
   * Marks the contact verified (the user compared {@code compared}) or not. Refused, with the
   * reason in {@link #problemProperty()}, when the safety number changed meanwhile.
   */
  public void setVerified(SafetyNumber compared, boolean v) {
    Fx.whenDone(
        client.setVerified(peer, compared, v),
        (r, err) -> {
          if (err != null) {
            problem.set(Fx.describe(err));
          }
          refreshContact();
        });
  }

  /** Adds the contact on the server (someone who wrote first), so presence can be shared. */
  public void addToContacts() {
    Fx.whenDone(
        client.addContact(peer),
        (c, err) -> {
          if (err != null) {
            problem.set(Fx.describe(err));
          }
          refreshContact();
        });
  }

  /**
   * Accepts the contact's changed safety number without comparing it: the messages held since the
   * change are sent.
   */
  public void acceptSafetyNumber() {
    SafetyNumber shown = changedNumber.get();
    if (shown == null) {
      return; // not loaded yet (the button is disabled until it is)
    }
    Fx.whenDone(
        client.acceptSafetyNumber(peer, shown),
        (r, err) -> {
          if (err != null) {
            // Another key came after the banner appeared: say so, and let the next Accept be
            // about the key now on record (which its own notice announced).
            problem.set(Fx.describe(err));
            rememberChangedNumber();
          }
          refreshContact();
        });
  }

  /** Stops listening to the client (the window closed or shows another conversation). */
  public void dispose() {
    client.removeListener(listener);
    seen.removeListener(onFocus);
    typingTimeout.stop();
  }

  /** The contact. */
  public String peer() {
    return peer;
  }

  /** The loaded messages, oldest first. */
  public ObservableList<ChatMessage> messages() {
    return messages;
  }

  /** "bob is typing…" or empty. */
  public StringProperty typingProperty() {
    return typing;
  }

  /** Why the last action failed, or empty. */
  public StringProperty problemProperty() {
    return problem;
  }

  /** The contact's safety number is verified. */
  public ReadOnlyBooleanProperty verifiedProperty() {
    return verified;
  }

  /**
   * The verified contact's safety number changed: messages wait until the user compares and
   * verifies it again, or accepts it.
   */
  public ReadOnlyBooleanProperty safetyNumberChangedProperty() {
    return safetyNumberChanged;
  }

  /**
   * The contact has this user as a contact too. Until then neither sees the other's presence
   * (messages still go through).
   */
  public ReadOnlyBooleanProperty mutualProperty() {
    return mutual;
  }

  /** This user has the contact on the server's list (not only a conversation with them). */
  public ReadOnlyBooleanProperty listedProperty() {
    return listed;
  }

  /** True once the changed safety number the banner stands for is known, so it can be accepted. */
  public javafx.beans.binding.BooleanBinding canAcceptProperty() {
    return changedNumber.isNotNull();
  }

  /** The contact is online. */
  public ReadOnlyBooleanProperty onlineProperty() {
    return online;
  }
}
