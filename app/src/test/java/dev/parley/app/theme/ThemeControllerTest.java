package dev.parley.app.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThemeControllerTest {
  private final Preferences prefs =
      Preferences.userRoot().node("dev/parley/test/" + UUID.randomUUID());

  @AfterEach
  void cleanUp() throws BackingStoreException {
    prefs.removeNode();
  }

  @Test
  void startsLightAndRemembersTheChoice() {
    ThemeController first = new ThemeController(prefs);
    assertThat(first.themeProperty().get()).isEqualTo(Theme.LIGHT);
    first.toggle();
    assertThat(new ThemeController(prefs).themeProperty().get()).isEqualTo(Theme.DARK);
  }

  @Test
  void anUnknownStoredValueFallsBackToLight() {
    prefs.put("theme", "PURPLE");
    assertThat(new ThemeController(prefs).themeProperty().get()).isEqualTo(Theme.LIGHT);
  }
}
