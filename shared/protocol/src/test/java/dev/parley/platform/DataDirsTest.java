package dev.parley.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirsTest {

  @Test
  void linuxFollowsXdg() {
    assertThat(DataDirs.userData("Linux", "/home/ann", Map.of()))
        .isEqualTo(Path.of("/home/ann/.local/share/parley"));
    assertThat(DataDirs.userData("Linux", "/home/ann", Map.of("XDG_DATA_HOME", "/data/ann")))
        .isEqualTo(Path.of("/data/ann/parley"));
    // A relative XDG_DATA_HOME is invalid per the spec and ignored.
    assertThat(DataDirs.userData("Linux", "/home/ann", Map.of("XDG_DATA_HOME", "rel")))
        .isEqualTo(Path.of("/home/ann/.local/share/parley"));
  }

  @Test
  void macUsesApplicationSupport() {
    assertThat(DataDirs.userData("Mac OS X", "/Users/ann", Map.of()))
        .isEqualTo(Path.of("/Users/ann/Library/Application Support/Parley"));
  }

  @Test
  void windowsUsesAppData() {
    assertThat(DataDirs.userData("Windows 11", "/home/ann", Map.of("APPDATA", "/appdata")))
        .isEqualTo(Path.of("/appdata/Parley"));
  }
}
