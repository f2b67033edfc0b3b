package dev.parley.platform;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Per-OS folders where Parley keeps its data, following each platform's convention. */
public final class DataDirs {
  private static final String APP = "Parley";

  private DataDirs() {}

  /** The user data folder for Parley on the running OS. */
  public static Path userData() {
    return userData(
        System.getProperty("os.name"), System.getProperty("user.home"), System.getenv());
  }

  /** The folder where a headless or embedded server keeps its data by default. */
  public static Path serverData() {
    return userData().resolve("server");
  }

  /** The user data folder for the given OS name, home folder and environment. */
  static Path userData(String osName, String home, Map<String, String> env) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.contains("win")) {
      String appData = env.get("APPDATA");
      Path base =
          appData != null && !appData.isBlank()
              ? Path.of(appData)
              : Path.of(home, "AppData", "Roaming");
      return base.resolve(APP);
    }
    if (os.contains("mac")) {
      return Path.of(home, "Library", "Application Support", APP);
    }
    String xdg = env.get("XDG_DATA_HOME");
    Path base =
        xdg != null && xdg.startsWith("/") ? Path.of(xdg) : Path.of(home, ".local", "share");
    return base.resolve(APP.toLowerCase(Locale.ROOT));
  }
}
