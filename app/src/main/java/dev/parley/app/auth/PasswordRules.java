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

  /** Re-checks every rule for {@code password} of {@code username}. */
  public void check(String username, String password) {
    List<PasswordPolicy.Rule> broken = PasswordPolicy.violations(username, password);
    met.forEach((rule, p) -> p.set(!broken.contains(rule)));
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
