package dev.parley.app.notify;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * A notification server for tests: a real peer on a session bus that owns
 * org.freedesktop.Notifications, records every call and can click a notification (ActionInvoked) as
 * the desktop would.
 */
final class ScriptedNotificationService implements FreedesktopNotifications, AutoCloseable {
  /** One Notify call as the service received it. */
  record Notify(
      String appName,
      long replacesId,
      String appIcon,
      String summary,
      String body,
      List<String> actions,
      Map<String, Variant<?>> hints,
      long id) {}

  final BlockingQueue<Notify> notified = new LinkedBlockingQueue<>();
  final BlockingQueue<Long> closed = new LinkedBlockingQueue<>();

  /** The unread counts Parley put on its launcher entry, in order. */
  final BlockingQueue<Long> badges = new LinkedBlockingQueue<>();

  private final AtomicLong nextId = new AtomicLong(1);
  private final DBusConnection bus;

  private ScriptedNotificationService(DBusConnection bus) {
    this.bus = bus;
  }

  /** Connects to the bus at {@code address} and takes the service's name there. */
  static ScriptedNotificationService on(String address) throws DBusException {
    DBusConnection bus = DBusConnectionBuilder.forAddress(address).withShared(false).build();
    ScriptedNotificationService s = new ScriptedNotificationService(bus);
    bus.exportObject(OBJECT_PATH, s);
    bus.requestBusName(INTERFACE);
    // Listening as a dock would.
    bus.addSigHandler(
        UnityLauncherEntry.Update.class,
        u -> {
          if (UnityLauncherEntry.APP_URI.equals(u.appUri())) {
            s.badges.add(((Number) u.properties().get("count").getValue()).longValue());
          }
        });
    return s;
  }

  @Override
  public List<String> getCapabilities() {
    return List.of("actions", "body");
  }

  @Override
  public UInt32 sendNotification(
      String appName,
      UInt32 replacesId,
      String appIcon,
      String summary,
      String body,
      List<String> actions,
      Map<String, Variant<?>> hints,
      int expireTimeout) {
    // As the specification says: a replaced notification keeps its id.
    long id = replacesId.longValue() != 0 ? replacesId.longValue() : nextId.getAndIncrement();
    notified.add(
        new Notify(
            appName,
            replacesId.longValue(),
            appIcon,
            summary,
            body,
            actions,
            Map.copyOf(hints),
            id));
    return new UInt32(id);
  }

  @Override
  public void closeNotification(UInt32 id) {
    closed.add(id.longValue());
  }

  /** Waits until the launcher entry shows {@code count}; false if it never did. */
  boolean badgeShows(long count) throws InterruptedException {
    for (Long b = badges.poll(20, TimeUnit.SECONDS);
        b != null;
        b = badges.poll(20, TimeUnit.SECONDS)) {
      if (b == count) {
        return true;
      }
    }
    return false;
  }

  /** The user clicks notification {@code id}. */
  void click(long id) throws DBusException {
    bus.sendMessage(new ActionInvoked(OBJECT_PATH, new UInt32(id), "default"));
  }

  @Override
  public String getObjectPath() {
    return OBJECT_PATH;
  }

  @Override
  public void close() {
    bus.disconnect();
  }
}
