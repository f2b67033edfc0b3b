package dev.parley.app.auth;

import dev.parley.protocol.PasswordPolicy;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** The password policy's rules as properties that follow what the user types. */
public final class PasswordRules {
  private final Map<PasswordPolicy.Rule, BooleanProperty> met =
      new EnumMap<>(PasswordPolicy.Rule.class);

  /** Rules, none met yet. */
  public PasswordRules() {
    for (PasswordPolicy.Rule r : PasswordPolicy.Rule.values()) {
      met.put(r, new SimpleBooleanProperty());
    }
  }

  /**
   * Re-checks every rule for {@code password} of {@code username}. Nothing counts as met for an
   * empty password: a tick there ("At most 72 bytes") would praise a password that is not there.
   */
  public void check(String username, String password) {
    List<PasswordPolicy.Rule> broken = broken(username, password);
    met.forEach((rule, p) -> p.set(!password.isEmpty() && !broken.contains(rule)));
  }

  /** The rules {@code password} breaks (all of them for an empty one). */
  static List<PasswordPolicy.Rule> broken(String username, String password) {
    return password.isEmpty()
        ? List.of(PasswordPolicy.Rule.values())
        : PasswordPolicy.violations(username, password);
  }

  /** True while {@code rule} holds. */
  public ReadOnlyBooleanProperty metProperty(PasswordPolicy.Rule rule) {
    return met.get(rule);
  }

  /** True when every rule holds. */
  public boolean allMet() {
    return met.values().stream().allMatch(BooleanProperty::get);
  }
}
