package dev.parley.app.auth;

import dev.parley.app.Fx;
import dev.parley.client.ParleyClient;
import dev.parley.client.ServerErrorException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.UsernameRules;
import java.util.Arrays;
import java.util.prefs.Preferences;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Login and registration: fields, the live password checklist, and server errors per field. */
public final class AuthViewModel {
  private static final String LAST_USER = "lastUsername";

  /** Which form is shown. */
  public enum Mode {
    LOGIN,
    REGISTER
  }

  private final ParleyClient client;
  private final Preferences prefs;
  private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.LOGIN);
  private final StringProperty username = new SimpleStringProperty("");
  private final StringProperty password = new SimpleStringProperty("");
  private final StringProperty confirm = new SimpleStringProperty("");
  private final StringProperty usernameError = new SimpleStringProperty("");
  private final StringProperty passwordError = new SimpleStringProperty("");
  private final StringProperty formError = new SimpleStringProperty("");
  private final BooleanProperty busy = new SimpleBooleanProperty();
  private final PasswordRules rules = new PasswordRules();
  private final BooleanBinding canSubmit;

  /** The form for {@code client}; the last username comes from {@code prefs}. */
  public AuthViewModel(ParleyClient client, Preferences prefs) {
    this.client = client;
    this.prefs = prefs;
    username.set(prefs.get(LAST_USER, ""));
    username.addListener((o, a, b) -> refresh());
    password.addListener((o, a, b) -> refresh());
    refresh();
    canSubmit =
        Bindings.createBooleanBinding(
            () -> {
              if (busy.get() || username.get().isBlank() || password.get().isEmpty()) {
                return false;
              }
              if (mode.get() == Mode.LOGIN) {
                return true;
              }
              return rules.allMet()
                  && UsernameRules.isValid(username.get())
                  && password.get().equals(confirm.get());
            },
            busy,
            username,
            password,
            confirm,
            mode);
  }

  private void refresh() {
    rules.check(username.get(), password.get());
    usernameError.set("");
    passwordError.set("");
    formError.set("");
  }

  /** Login or register. */
  public ObjectProperty<Mode> modeProperty() {
    return mode;
  }

  /** The username field. */
  public StringProperty usernameProperty() {
    return username;
  }

  /** The password field. */
  public StringProperty passwordProperty() {
    return password;
  }

  /** The repeated password (registration). */
  public StringProperty confirmProperty() {
    return confirm;
  }

  /** An error shown under the username. */
  public StringProperty usernameErrorProperty() {
    return usernameError;
  }

  /** An error shown under the password. */
  public StringProperty passwordErrorProperty() {
    return passwordError;
  }

  /** An error about the whole form (wrong credentials, rate limit, network). */
  public StringProperty formErrorProperty() {
    return formError;
  }

  /** True while the server (bcrypt) and key set-up work. */
  public BooleanProperty busyProperty() {
    return busy;
  }

  /** The policy checked against what is typed now. */
  public PasswordRules rules() {
    return rules;
  }

  /** True when the form can be submitted. */
  public BooleanBinding canSubmitProperty() {
    return canSubmit;
  }

  /** Sends the form in the background; {@code loggedIn} runs on the FX thread on success. */
  public void submit(Runnable loggedIn) {
    if (!canSubmit.get()) {
      if (mode.get() == Mode.REGISTER && !password.get().equals(confirm.get())) {
        passwordError.set("The two passwords differ.");
      }
      return;
    }
    busy.set(true);
    String name = username.get().strip();
    char[] pw = password.get().toCharArray();
    var work = mode.get() == Mode.REGISTER ? client.register(name, pw) : client.login(name, pw);
    Arrays.fill(pw, '\0');
    Fx.whenDone(
        work,
        (ok, failure) -> {
          busy.set(false);
          if (failure == null) {
            prefs.put(LAST_USER, UsernameRules.canonical(name));
            password.set("");
            confirm.set("");
            loggedIn.run();
            return;
          }
          show(failure);
        });
  }

  private void show(Throwable failure) {
    if (!(failure instanceof ServerErrorException e)) {
      formError.set(Fx.describe(failure));
      return;
    }
    ErrorCode code = e.code();
    switch (code) {
      case INVALID_USERNAME -> usernameError.set(e.getMessage());
      case USERNAME_TAKEN -> usernameError.set("That username is taken. Try another one.");
      case WEAK_PASSWORD -> passwordError.set("The password does not meet every rule below.");
      case BAD_CREDENTIALS -> formError.set("Wrong username or password.");
      case RATE_LIMITED ->
          formError.set(
              "Too many attempts. Try again in "
                  + Math.max(1, (e.retryAfterMs() + 999) / 1000)
                  + " seconds.");
      default -> formError.set(e.getMessage());
    }
  }
}
