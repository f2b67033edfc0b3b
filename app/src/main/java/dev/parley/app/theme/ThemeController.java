package dev.parley.app.theme;

import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** Holds the current theme, applies it to the whole app and remembers it between runs. */
public final class ThemeController {
  private static final String KEY = "theme";

  private final Preferences prefs;
  private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme");

  /** A controller that remembers its choice in {@code prefs}. */
  public ThemeController(Preferences prefs) {
    this.prefs = prefs;
    theme.set(read(prefs));
    theme.addListener((obs, old, now) -> prefs.put(KEY, now.name()));
  }

  private static Theme read(Preferences prefs) {
    try {
      return Theme.valueOf(prefs.get(KEY, Theme.LIGHT.name()));
    } catch (IllegalArgumentException unknown) {
      return Theme.LIGHT;
    }
  }

  /** The current theme; setting it restyles every window. */
  public ObjectProperty<Theme> themeProperty() {
    return theme;
  }

  /** Applies the current theme now and on every later change. Call on the FX thread. */
  public void applyToApplication() {
    Application.setUserAgentStylesheet(theme.get().userAgentStylesheet());
    theme.addListener(
        (obs, old, now) -> Application.setUserAgentStylesheet(now.userAgentStylesheet()));
  }

  /** Switches between light and dark. */
  public void toggle() {
    theme.set(theme.get().toggled());
  }

  /** Where the choice is kept. */
  Preferences preferences() {
    return prefs;
  }
}
