package dev.parley.app.notify;

import java.util.Map;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.Variant;

/**
 * The launcher entry API that Linux docks and task managers read for a count badge and an "urgent"
 * highlight (Ubuntu Dock, Dash to Dock, KDE Plasma's task manager, Plank): a signal on the session
 * bus, no reply, harmless where nobody listens.
 */
@DBusInterfaceName("com.canonical.Unity.LauncherEntry")
public interface UnityLauncherEntry extends DBusInterface {
  /** The desktop file id the .deb installs (jpackage names it package-name-app-name). */
  String DESKTOP_ID = "parley-Parley";

  /** The app the signal is about, as the launchers match it. */
  String APP_URI = "application://" + DESKTOP_ID + ".desktop";

  /** Any object path of ours; launchers go by the app URI. */
  String OBJECT_PATH = "/dev/parley/Launcher";

  /** New badge state: "count" (int64), "count-visible" and "urgent" (booleans). */
  class Update extends DBusSignal {
    private final String appUri;
    private final Map<String, Variant<?>> properties;

    /** The signal as sent or received from {@code path}. */
    public Update(String path, String appUri, Map<String, Variant<?>> properties)
        throws DBusException {
      super(path, appUri, properties);
      this.appUri = appUri;
      this.properties = properties;
    }

    /** Which app. */
    public String appUri() {
      return appUri;
    }

    /** What changed. */
    public Map<String, Variant<?>> properties() {
      return properties;
    }
  }
}
