package dev.parley.app.notify;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * The desktop notification service of the freedesktop.org Desktop Notifications Specification
 * (1.2), as far as Parley uses it: what GNOME Shell, KDE Plasma, dunst, mako and xfce4-notifyd
 * serve on the session bus.
 */
@DBusInterfaceName(FreedesktopNotifications.INTERFACE)
public interface FreedesktopNotifications extends DBusInterface {
  /** The well-known bus name and interface of the service. */
  String INTERFACE = "org.freedesktop.Notifications";

  /** Where the service's object lives. */
  String OBJECT_PATH = "/org/freedesktop/Notifications";

  /** What the server supports, e.g. "actions", "body", "body-markup". */
  @DBusMemberName("GetCapabilities")
  List<String> getCapabilities();

  /**
   * Shows a notification, or updates the one with id {@code replacesId} (0: a new one); returns its
   * id.
   */
  @DBusMemberName("Notify")
  UInt32 sendNotification(
      String appName,
      UInt32 replacesId,
      String appIcon,
      String summary,
      String body,
      List<String> actions,
      Map<String, Variant<?>> hints,
      int expireTimeout);

  /** Takes a notification off the screen. */
  @DBusMemberName("CloseNotification")
  void closeNotification(UInt32 id);

  /** The user invoked an action of a notification ("default": clicked its body). */
  class ActionInvoked extends DBusSignal {
    private final UInt32 id;
    private final String actionKey;

    /** The signal as received or sent from {@code path}. */
    public ActionInvoked(String path, UInt32 id, String actionKey) throws DBusException {
      super(path, id, actionKey);
      this.id = id;
      this.actionKey = actionKey;
    }

    /** The notification's id. */
    public UInt32 id() {
      return id;
    }

    /** Which action. */
    public String actionKey() {
      return actionKey;
    }
  }

  /** A notification left the screen (expired, dismissed, closed by a call). */
  class NotificationClosed extends DBusSignal {
    private final UInt32 id;
    private final UInt32 reason;

    /** The signal as received or sent from {@code path}. */
    public NotificationClosed(String path, UInt32 id, UInt32 reason) throws DBusException {
      super(path, id, reason);
      this.id = id;
      this.reason = reason;
    }

    /** The notification's id. */
    public UInt32 id() {
      return id;
    }

    /** 1 expired, 2 dismissed by the user, 3 closed by a call, 4 undefined. */
    public UInt32 reason() {
      return reason;
    }
  }
}
