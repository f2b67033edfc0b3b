package dev.parley.app.auth;

import dev.parley.app.ui.Fx;
import dev.parley.client.ParleyClient;
import dev.parley.client.api.ServerErrorException;
import dev.parley.client.api.ServerInfo;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.PasswordPolicy;
import dev.parley.protocol.UsernameRules;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.prefs.Preferences;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Login and registration: fields, the live password checklist, and errors per field. A field's
 * problem is shown, in words, once the person has left that field or tried to submit, and then
 * follows their typing (as Element's sign-up form does); the submit button stays usable, so
 * pressing it always says what is missing instead of doing nothing.
 */
public final class AuthViewModel {
  private static final String LAST_USER = "lastUsername";

  /** Which form is shown. */
  public enum Mode {
    LOGIN,
    REGISTER
  }

  /** A field of the form. */
  public enum Field {
    USERNAME,
    PASSWORD,
    CONFIRM
  }

  private final ParleyClient client;
  private final Preferences prefs;
  private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.LOGIN);
  private final StringProperty username = new SimpleStringProperty("");
  private final StringProperty password = new SimpleStringProperty("");
  private final StringProperty confirm = new SimpleStringProperty("");
  private final StringProperty usernameError = new SimpleStringProperty("");
  private final StringProperty passwordError = new SimpleStringProperty("");
  private final StringProperty confirmError = new SimpleStringProperty("");
  private final StringProperty formError = new SimpleStringProperty("");
  private final BooleanProperty busy = new SimpleBooleanProperty();
  private final PasswordRules rules = new PasswordRules();
  private final BooleanBinding canSubmit;
  // Fields whose problems are shown: the person left them filled in, or tried to submit.
  private final Set<Field> shown = EnumSet.noneOf(Field.class);

  /**
   * The form for {@code server}: Create account when this device has no account there yet, Log in
   * when it has; the last username comes from {@code prefs} (or this device's account there).
   */
  public AuthViewModel(ParleyClient client, Preferences prefs, ServerInfo server) {
    this.client = client;
    this.prefs = prefs;
    List<String> local = server.localAccounts();
    String last = prefs.get(LAST_USER, "");
    username.set(local.isEmpty() || local.contains(last) ? last : local.get(0));
    mode.set(local.isEmpty() ? Mode.REGISTER : Mode.LOGIN);
    username.addListener((o, a, b) -> refresh());
    password.addListener((o, a, b) -> refresh());
    confirm.addListener((o, a, b) -> refresh());
    mode.addListener(
        (o, a, b) -> {
          shown.clear();
          refresh();
        });
    refresh();
    canSubmit = busy.not();
  }

  /**
   * Recomputes the checklist and the shown problems; a server's error goes once anything changes.
   */
  private void refresh() {
    rules.check(username.get(), password.get());
    formError.set("");
    usernameError.set(
        problem(Field.USERNAME).filter(p -> shown.contains(Field.USERNAME)).orElse(""));
    passwordError.set(
        problem(Field.PASSWORD).filter(p -> shown.contains(Field.PASSWORD)).orElse(""));
    confirmError.set(problem(Field.CONFIRM).filter(p -> shown.contains(Field.CONFIRM)).orElse(""));
  }

  /** What is wrong with {@code field} as typed now. */
  private Optional<String> problem(Field field) {
    boolean register = mode.get() == Mode.REGISTER;
    return switch (field) {
      case USERNAME -> {
        if (username.get().isBlank()) {
          yield Optional.of(register ? "Choose a username." : "Enter your username.");
        }
        yield register ? UsernameRules.problem(username.get()) : Optional.empty();
      }
      case PASSWORD -> {
        if (password.get().isEmpty()) {
          yield Optional.of(register ? "Choose a password." : "Enter your password.");
        }
        if (!register) {
          yield Optional.empty();
        }
        String advice =
            PasswordAdvice.of(PasswordPolicy.violations(username.get(), password.get()));
        yield advice.isEmpty() ? Optional.empty() : Optional.of(advice);
      }
      case CONFIRM -> {
        if (!register || password.get().isEmpty()) {
          yield Optional.empty();
        }
        if (confirm.get().isEmpty()) {
          yield Optional.of("Repeat the password.");
        }
        yield confirm.get().equals(password.get())
            ? Optional.empty()
            : Optional.of("Passwords don't match.");
      }
    };
  }

  /**
   * The person left {@code field}: from now on its problem is shown (not for a field left empty on
   * the way elsewhere: that is not a mistake yet).
   */
  public void left(Field field) {
    String text =
        switch (field) {
          case USERNAME -> username.get();
          case PASSWORD -> password.get();
          case CONFIRM -> confirm.get();
        };
    if (!text.isEmpty() && shown.add(field)) {
      refresh();
    }
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

  /** An error shown under the password: the rules it breaks, in words. */
  public StringProperty passwordErrorProperty() {
    return passwordError;
  }

  /** An error shown under the repeated password. */
  public StringProperty confirmErrorProperty() {
    return confirmError;
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

  /** True when the form can be submitted (not while a request is under way). */
  public BooleanBinding canSubmitProperty() {
    return canSubmit;
  }

  /**
   * Sends the form in the background; {@code loggedIn} runs on the FX thread on success. When a
   * field is not right nothing is sent: every problem is shown and the first such field returned
   * (for the focus).
   */
  public Optional<Field> submit(Runnable loggedIn) {
    if (busy.get()) {
      return Optional.empty();
    }
    shown.addAll(EnumSet.allOf(Field.class));
    refresh();
    for (Field f : Field.values()) {
      if (problem(f).isPresent()) {
        return Optional.of(f);
      }
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
    return Optional.empty();
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
      case WEAK_PASSWORD -> {
        String advice =
            PasswordAdvice.of(
                e.rules().stream()
                    .flatMap(
                        c ->
                            Arrays.stream(PasswordPolicy.Rule.values())
                                .filter(r -> r.code().equals(c)))
                    .toList());
        passwordError.set(
            advice.isEmpty() ? "The password does not meet every rule below." : advice);
      }
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
