package dev.parley.app.ui;

import dev.parley.app.theme.Theme;
import dev.parley.app.theme.ThemeController;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The app bar: logo, name, optional actions, and the light/dark switch. */
public final class AppHeader {
  private AppHeader() {}

  /** A bar with {@code actions} placed before the theme switch. */
  public static HBox build(ThemeController themes, String subtitle, Node... actions) {
    ImageView logo = new ImageView(AppIcons.ofSize(32));
    logo.setFitWidth(28);
    logo.setFitHeight(28);
    Label name = new Label("Parley");
    name.getStyleClass().addAll("title-3", "app-name");
    HBox bar = new HBox(10, logo, name);
    if (subtitle != null) {
      Label sub = new Label(subtitle);
      sub.setId("header-subtitle");
      sub.getStyleClass().add("text-muted");
      bar.getChildren().add(sub);
    }
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    bar.getChildren().add(spacer);
    bar.getChildren().addAll(actions);
    Button theme = new Button();
    theme.setId("theme-toggle");
    theme.getStyleClass().addAll("button-icon", "flat");
    theme.setFocusTraversable(false);
    Runnable refresh =
        () -> {
          boolean dark = themes.themeProperty().get() == Theme.DARK;
          theme.setGraphic(new FontIcon(dark ? Feather.SUN : Feather.MOON));
          theme.setTooltip(new Tooltip(dark ? "Switch to light theme" : "Switch to dark theme"));
          theme.setAccessibleText(theme.getTooltip().getText());
        };
    refresh.run();
    themes.themeProperty().addListener((obs, old, now) -> refresh.run());
    theme.setOnAction(e -> themes.toggle());
    bar.getChildren().add(theme);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setPadding(new Insets(10, 16, 10, 16));
    bar.getStyleClass().add("app-header");
    return bar;
  }
}
