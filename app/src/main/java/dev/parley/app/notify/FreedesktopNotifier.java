package dev.parley.app.notify;

import dev.parley.app.chat.Notice;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * Desktop notifications on Linux and the BSDs: org.freedesktop.Notifications on the session bus.
 * One notification per conversation, updated in place by a newer message (replaces_id); clicking it
 * (the "default" action) opens that conversation.
 */
public final class FreedesktopNotifier implements DesktopNotifier {
  /** The app name the notification server shows and groups by. */
  public static final String APP_NAME = "Parley";

  /** The action a click on the notification's body invokes. */
  public static final String DEFAULT_ACTION = "default";

  private final DBusConnection bus;
  private final FreedesktopNotifications service;
  private final String icon;
  private final boolean actions;
  private final boolean markup;
  private final Consumer<String> open;

  /** Our notification on screen for each conversation, and back. */
  private final Map<String, UInt32> byPeer = new ConcurrentHashMap<>();

  private final Map<UInt32, String> byId = new ConcurrentHashMap<>();

  private FreedesktopNotifier(
      DBusConnection bus,
      FreedesktopNotifications service,
      List<String> capabilities,
      String icon,
      Consumer<String> open) {
    this.bus = bus;
    this.service = service;
    this.icon = icon;
    this.actions = capabilities.contains("actions");
    this.markup = capabilities.contains("body-markup");
    this.open = open;
  }

  /**
   * Connects to the session bus at {@code address} and checks that a notification service answers
   * there; {@code icon} is the app icon (a file URI or icon name), {@code open} is called (on a bus
   * thread) with the conversation whose notification was clicked.
   *
   * @throws DBusException when there is no bus at that address or no service on it
   */
  public static FreedesktopNotifier connect(String address, String icon, Consumer<String> open)
      throws DBusException {
    DBusConnection bus = DBusConnectionBuilder.forAddress(address).withShared(false).build();
    try {
      FreedesktopNotifications service =
          bus.getRemoteObject(
              FreedesktopNotifications.INTERFACE,
              FreedesktopNotifications.OBJECT_PATH,
              FreedesktopNotifications.class);
      // Fails with ServiceUnknown when no notification daemon runs (and none is activatable).
      List<String> capabilities = service.getCapabilities();
      FreedesktopNotifier notifier =
          new FreedesktopNotifier(bus, service, capabilities, icon, open);
      bus.addSigHandler(FreedesktopNotifications.ActionInvoked.class, notifier::invoked);
      bus.addSigHandler(FreedesktopNotifications.NotificationClosed.class, notifier::closed);
      return notifier;
    } catch (DBusException | RuntimeException e) {
      bus.disconnect();
      throw e;
    }
  }

  @Override
  public void show(Notice notice) {
    String body = markup ? NoticeText.escapeMarkup(notice.text()) : notice.text();
    UInt32 replaces = byPeer.getOrDefault(notice.peer(), new UInt32(0));
    UInt32 id =
        service.sendNotification(
            APP_NAME,
            replaces,
            icon,
            notice.peer(),
            body,
            actions ? List.of(DEFAULT_ACTION, "Open") : List.of(),
            Map.of(
                "category", new Variant<>("im.received"),
                "desktop-entry", new Variant<>(UnityLauncherEntry.DESKTOP_ID),
                "urgency", new Variant<>((byte) 1)),
            -1);
    byId.remove(replaces);
    byPeer.put(notice.peer(), id);
    byId.put(id, notice.peer());
  }

  @Override
  public void dismiss(String peer) {
    UInt32 id = byPeer.remove(peer);
    if (id != null) {
      byId.remove(id);
      service.closeNotification(id);
    }
  }

  @Override
  public void badge(int unread, boolean attention) throws DBusException {
    bus.sendMessage(
        new UnityLauncherEntry.Update(
            UnityLauncherEntry.OBJECT_PATH,
            UnityLauncherEntry.APP_URI,
            Map.of(
                "count", new Variant<>((long) unread),
                "count-visible", new Variant<>(unread > 0),
                "urgent", new Variant<>(attention && unread > 0))));
  }

  private void invoked(FreedesktopNotifications.ActionInvoked s) {
    // The signal goes to every client of the service: only our own ids mean anything here.
    String peer = byId.get(s.id());
    if (peer != null && DEFAULT_ACTION.equals(s.actionKey())) {
      open.accept(peer);
    }
  }

  private void closed(FreedesktopNotifications.NotificationClosed s) {
    String peer = byId.remove(s.id());
    if (peer != null) {
      byPeer.remove(peer, s.id());
    }
  }

  @Override
  public void close() {
    bus.disconnect();
  }
}
