package dev.parley.app.notify;

import dev.parley.app.ui.Fx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Picks this desktop's notifications: the freedesktop service on the session bus (Linux, BSD), the
 * system tray on Windows and macOS, nothing elsewhere. The system property {@value #BUS_PROPERTY}
 * overrides DBUS_SESSION_BUS_ADDRESS ("none": no bus), so that tests use a bus of their own and
 * never the developer's desktop.
 */
public final class DesktopBackends {
  /** System property naming the session bus address; wins over the environment. */
  public static final String BUS_PROPERTY = "parley.dbus.address";

  private static final String ICON = "/dev/parley/icons/parley-128.png";

  private DesktopBackends() {}

  /** The session bus address in effect, or null when there is none. */
  public static String sessionBusAddress() {
    String address = System.getProperty(BUS_PROPERTY, System.getenv("DBUS_SESSION_BUS_ADDRESS"));
    return address == null || address.isBlank() || address.equals("none") ? null : address;
  }

  /** Whether notifications on this OS go through the system tray (Windows, macOS). */
  public static boolean usesTrayForNotifications() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    return os.startsWith("windows") || os.startsWith("mac");
  }

  /**
   * What connects this desktop's notifications (run it off the FX thread; it returns null where
   * there are none); {@code open} gets, on the FX thread, the conversation of a clicked one. {@code
   * dataDir} receives a copy of the app icon for the notification server to read.
   */
  public static Callable<DesktopNotifier> forThisDesktop(Path dataDir, Consumer<String> open) {
    Consumer<String> onFx = peer -> Fx.run(() -> open.accept(peer));
    if (usesTrayForNotifications()) {
      return () -> TrayNotifier.supported() ? TrayNotifier.add(TrayImages.icon(), onFx) : null;
    }
    return () -> {
      String address = sessionBusAddress();
      return address == null
          ? null
          : FreedesktopNotifier.connect(address, iconFile(dataDir).toUri().toString(), onFx);
    };
  }

  /** The app icon as a file (notification servers read icons from disk, not from our jar). */
  private static Path iconFile(Path dataDir) throws IOException {
    Path file = dataDir.resolve("parley-icon.png");
    if (!Files.exists(file)) {
      Files.createDirectories(dataDir);
      try (InputStream in = resource()) {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return file;
  }

  private static InputStream resource() {
    InputStream in = DesktopBackends.class.getResourceAsStream(ICON);
    if (in == null) {
      throw new UncheckedIOException(new java.io.FileNotFoundException(ICON));
    }
    return in;
  }
}
