package dev.parley.app.notify;

import dev.parley.app.chat.Notice;
import java.awt.AWTException;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.SystemTray;
import java.awt.Taskbar;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.util.function.Consumer;

/**
 * Desktop notifications on Windows (a toast in the Action Center) and macOS (Notification Center)
 * through java.awt's system tray: a tray entry with the app icon and the unread count whose balloon
 * names who wrote; clicking it opens the conversation of the last one shown.
 */
public final class TrayNotifier implements DesktopNotifier {
  private final TrayIcon tray;
  private final BufferedImage icon;
  private volatile String lastPeer;

  private TrayNotifier(BufferedImage icon, Consumer<String> open) {
    this.icon = icon;
    tray = new TrayIcon(icon, FreedesktopNotifier.APP_NAME);
    tray.setImageAutoSize(true);
    tray.addActionListener(
        e -> {
          String peer = lastPeer;
          if (peer != null) {
            open.accept(peer);
          }
        });
  }

  /** Whether this desktop has a system tray that java.awt can reach. */
  public static boolean supported() {
    return !GraphicsEnvironment.isHeadless() && SystemTray.isSupported();
  }

  /**
   * Adds Parley to the system tray; {@code open} is called (on the AWT thread) with the
   * conversation whose notification was clicked.
   */
  public static TrayNotifier add(BufferedImage icon, Consumer<String> open) throws AWTException {
    TrayNotifier n = new TrayNotifier(icon, open);
    SystemTray.getSystemTray().add(n.tray);
    return n;
  }

  @Override
  public void show(Notice notice) {
    lastPeer = notice.peer();
    tray.displayMessage(notice.peer(), notice.text(), TrayIcon.MessageType.NONE);
  }

  @Override
  public void dismiss(String peer) {
    // The tray shows one balloon at a time and takes it away itself.
  }

  @Override
  public void badge(int unread, boolean attention) {
    EventQueue.invokeLater(() -> tray.setImage(TrayImages.withCount(icon, unread)));
    // The dock badge and bounce exist on macOS only; Windows' taskbar wants AWT windows.
    if (!Taskbar.isTaskbarSupported()) {
      return;
    }
    Taskbar taskbar = Taskbar.getTaskbar();
    if (taskbar.isSupported(Taskbar.Feature.ICON_BADGE_TEXT)) {
      taskbar.setIconBadge(unread > 0 ? Integer.toString(unread) : null);
    }
    if (attention && unread > 0 && taskbar.isSupported(Taskbar.Feature.USER_ATTENTION)) {
      taskbar.requestUserAttention(true, false);
    }
  }

  @Override
  public void close() {
    EventQueue.invokeLater(() -> SystemTray.getSystemTray().remove(tray));
  }
}
