package dev.parley.app.auth;

import dev.parley.protocol.PasswordPolicy;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The password policy as a checklist that ticks while the user types. */
public final class PasswordChecklist extends VBox {
  /** A checklist showing {@code rules}. */
  public PasswordChecklist(PasswordRules rules) {
    super(4);
    getStyleClass().add("password-checklist");
    for (PasswordPolicy.Rule rule : PasswordPolicy.Rule.values()) {
      Label item = new Label(rule.description());
      item.setId("rule-" + rule.code());
      Runnable update =
          () -> {
            boolean met = rules.metProperty(rule).get();
            FontIcon icon = new FontIcon(met ? Feather.CHECK_CIRCLE : Feather.CIRCLE);
            icon.getStyleClass().add(met ? "rule-met-icon" : "rule-unmet-icon");
            item.setGraphic(icon);
            item.getStyleClass().setAll("label", met ? "rule-met" : "rule-unmet");
            item.setAccessibleText(rule.description() + (met ? ": met" : ": not met"));
          };
      rules.metProperty(rule).addListener((o, a, b) -> update.run());
      update.run();
      getChildren().add(item);
    }
  }
}
