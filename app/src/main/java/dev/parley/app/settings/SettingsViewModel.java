package dev.parley.app.settings;

import dev.parley.app.auth.PasswordRules;
import dev.parley.app.ui.Fx;
import dev.parley.client.ParleyClient;
import dev.parley.client.api.ServerErrorException;
import java.util.Arrays;
import java.util.prefs.Preferences;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Settings: notifications (remembered) and the password change form. */
public final class SettingsViewModel {
  /** Preference key of the notifications switch. */
  public static final String NOTIFICATIONS_KEY = "notifications";

  /** Preference key of "Show message preview in notifications" (off: the sender's name only). */
  public static final String PREVIEW_KEY = "notificationPreview";

  /** Preference key of "Show tray icon" (off unless chosen). */
  public static final String TRAY_ICON_KEY = "trayIcon";

  private final ParleyClient client;
  private final BooleanProperty notifications = new SimpleBooleanProperty();
  private final BooleanProperty preview = new SimpleBooleanProperty();
  private final BooleanProperty trayIcon = new SimpleBooleanProperty();
  private final BooleanProperty trayOffered = new SimpleBooleanProperty();
  private final StringProperty current = new SimpleStringProperty("");
  private final StringProperty fresh = new SimpleStringProperty("");
  private final StringProperty confirm = new SimpleStringProperty("");
  private final StringProperty currentError = new SimpleStringProperty("");
  private final StringProperty freshError = new SimpleStringProperty("");
  private final StringProperty done = new SimpleStringProperty("");
  private final BooleanProperty busy = new SimpleBooleanProperty();
  private final PasswordRules rules = new PasswordRules();
  private final BooleanBinding canChange;

  /** Settings for the logged-in {@code client}, remembered in {@code prefs}. */
  public SettingsViewModel(ParleyClient client, Preferences prefs) {
    this.client = client;
    notifications.set(prefs.getBoolean(NOTIFICATIONS_KEY, true));
    notifications.addListener((o, a, on) -> prefs.putBoolean(NOTIFICATIONS_KEY, on));
    preview.set(prefs.getBoolean(PREVIEW_KEY, true));
    preview.addListener((o, a, on) -> prefs.putBoolean(PREVIEW_KEY, on));
    trayIcon.set(prefs.getBoolean(TRAY_ICON_KEY, false));
    trayIcon.addListener((o, a, on) -> prefs.putBoolean(TRAY_ICON_KEY, on));
    current.addListener((o, a, b) -> clearMessages());
    fresh.addListener(
        (o, a, b) -> {
          rules.check(client.user() == null ? "" : client.user(), b);
          clearMessages();
        });
    confirm.addListener((o, a, b) -> clearMessages());
    rules.check("", "");
    canChange =
        Bindings.createBooleanBinding(
            () ->
                !busy.get()
                    && !current.get().isEmpty()
                    && rules.allMet()
                    && fresh.get().equals(confirm.get()),
            busy,
            current,
            fresh,
            confirm);
  }

  private void clearMessages() {
    currentError.set("");
    freshError.set("");
    done.set("");
  }

  /** Changes the password on the server and re-seals this device's keys; runs in the background. */
  public void changePassword() {
    if (!fresh.get().equals(confirm.get())) {
      freshError.set("The two new passwords differ.");
      return;
    }
    if (!canChange.get()) {
      return;
    }
    busy.set(true);
    char[] old = current.get().toCharArray();
    char[] now = fresh.get().toCharArray();
    var work = client.changePassword(old, now);
    Arrays.fill(old, '\0');
    Arrays.fill(now, '\0');
    Fx.whenDone(
        work,
        (v, err) -> {
          busy.set(false);
          if (err == null) {
            current.set("");
            fresh.set("");
            confirm.set("");
            done.set("Password changed. Use the new one next time you log in.");
            return;
          }
          if (err instanceof ServerErrorException e) {
            switch (e.code()) {
              case BAD_CREDENTIALS -> currentError.set("That is not your current password.");
              case WEAK_PASSWORD -> freshError.set("The new password does not meet every rule.");
              case RATE_LIMITED ->
                  currentError.set(
                      "Too many attempts. Try again in "
                          + Math.max(1, (e.retryAfterMs() + 999) / 1000)
                          + " seconds.");
              default -> currentError.set(e.getMessage());
            }
          } else {
            currentError.set(Fx.describe(err));
          }
        });
  }

  /** Notifications on or off. */
  public BooleanProperty notificationsProperty() {
    return notifications;
  }

  /** Whether notifications show the message text, or only who wrote. */
  public BooleanProperty previewProperty() {
    return preview;
  }

  /** Whether Parley shows a tray icon with the unread count (where {@link #trayOffered}). */
  public BooleanProperty trayIconProperty() {
    return trayIcon;
  }

  /** Whether this desktop has a tray for that icon (found out after start, off the FX thread). */
  public BooleanProperty trayOfferedProperty() {
    return trayOffered;
  }

  /** The current password, as typed. */
  public StringProperty currentProperty() {
    return current;
  }

  /** The new password. */
  public StringProperty freshProperty() {
    return fresh;
  }

  /** The new password again. */
  public StringProperty confirmProperty() {
    return confirm;
  }

  /** Why the current password was refused. */
  public StringProperty currentErrorProperty() {
    return currentError;
  }

  /** What is wrong with the new password. */
  public StringProperty freshErrorProperty() {
    return freshError;
  }

  /** Confirmation after a successful change. */
  public StringProperty doneProperty() {
    return done;
  }

  /** The policy checked against the new password. */
  public PasswordRules rules() {
    return rules;
  }

  /** True when the form can be sent. */
  public BooleanBinding canChangeProperty() {
    return canChange;
  }
}
