package dev.parley.app.settings;

import dev.parley.app.auth.PasswordChecklist;
import dev.parley.app.dialog.ThemedDialog;
import dev.parley.app.theme.Theme;
import dev.parley.app.theme.ThemeController;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Settings: theme, notifications, password, log out. Changes apply at once. */
public final class SettingsDialog extends ThemedDialog<Void> {
  /** Settings over {@code model}; {@code logOut} runs after the dialog closed, if chosen. */
  public SettingsDialog(
      Window owner, SettingsViewModel model, ThemeController themes, Runnable logOut) {
    super(owner, "Settings");

    ToggleGroup themeGroup = new ToggleGroup();
    RadioButton light = new RadioButton("Light");
    light.setId("theme-light");
    RadioButton dark = new RadioButton("Dark");
    dark.setId("theme-dark");
    light.setToggleGroup(themeGroup);
    dark.setToggleGroup(themeGroup);
    (themes.themeProperty().get() == Theme.DARK ? dark : light).setSelected(true);
    themeGroup
        .selectedToggleProperty()
        .addListener((o, a, b) -> themes.themeProperty().set(b == dark ? Theme.DARK : Theme.LIGHT));

    CheckBox notifications =
        new CheckBox("Show a notification when a message arrives in a conversation not in view");
    notifications.setId("notifications-toggle");
    notifications.setWrapText(true);
    notifications.selectedProperty().bindBidirectional(model.notificationsProperty());
    CheckBox preview = new CheckBox("Show message preview in notifications");
    preview.setId("notification-preview-toggle");
    preview.setWrapText(true);
    preview.selectedProperty().bindBidirectional(model.previewProperty());
    preview.disableProperty().bind(model.notificationsProperty().not());
    CheckBox tray = new CheckBox("Show tray icon with the unread count");
    tray.setId("tray-icon-toggle");
    tray.setWrapText(true);
    tray.selectedProperty().bindBidirectional(model.trayIconProperty());
    // Only where the desktop has a tray java.awt can reach.
    tray.visibleProperty().bind(model.trayOfferedProperty());
    tray.managedProperty().bind(model.trayOfferedProperty());

    Button logout = new Button("Log out", new FontIcon(Feather.LOG_OUT));
    logout.setId("settings-logout");
    logout.setOnAction(
        e -> {
          setResult(null);
          close();
          logOut.run();
        });

    VBox body =
        new VBox(
            10,
            section("Appearance"),
            new HBox(16, light, dark),
            new Separator(),
            section("Notifications"),
            notifications,
            preview,
            tray,
            new Separator(),
            section("Change password"),
            passwordForm(model),
            new Separator(),
            logout);
    body.setPadding(new Insets(8, 16, 8, 16));
    body.setPrefWidth(440);
    getDialogPane().setContent(body);
    getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
    getDialogPane().setId("settings");
  }

  private static Label section(String text) {
    Label l = new Label(text);
    l.getStyleClass().add("settings-section");
    return l;
  }

  private static Node passwordForm(SettingsViewModel model) {
    PasswordField current = field("current-password", model.currentProperty());
    PasswordField fresh = field("new-password", model.freshProperty());
    PasswordField confirm = field("confirm-new-password", model.confirmProperty());
    Button change = new Button("Change password");
    change.setId("change-password");
    change.disableProperty().bind(model.canChangeProperty().not());
    change.setOnAction(e -> model.changePassword());
    confirm.setOnAction(e -> model.changePassword());
    Label done = new Label();
    done.setId("password-changed");
    done.getStyleClass().add("text-success");
    done.textProperty().bind(model.doneProperty());
    done.setWrapText(true);
    return new VBox(
        6,
        labelled("Current password", current),
        error("current-password-error", model.currentErrorProperty()),
        labelled("New password", fresh),
        new PasswordChecklist(model.rules()),
        labelled("Repeat the new password", confirm),
        error("new-password-error", model.freshErrorProperty()),
        new HBox(10, change),
        done);
  }

  private static PasswordField field(String id, StringProperty text) {
    PasswordField f = new PasswordField();
    f.setId(id);
    f.textProperty().bindBidirectional(text);
    return f;
  }

  private static Node labelled(String text, PasswordField field) {
    Label l = new Label(text);
    l.setLabelFor(field);
    return new VBox(4, l, field);
  }

  private static Label error(String id, StringProperty text) {
    Label l = new Label();
    l.setId(id);
    l.getStyleClass().add("field-error");
    l.textProperty().bind(text);
    l.visibleProperty().bind(Bindings.isNotEmpty(text));
    l.managedProperty().bind(l.visibleProperty());
    l.setWrapText(true);
    return l;
  }
}
