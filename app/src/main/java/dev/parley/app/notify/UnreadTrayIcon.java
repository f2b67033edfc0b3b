package dev.parley.app.notify;

import java.awt.AWTException;
import java.awt.EventQueue;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * Parley in the system tray with the unread count (Settings → "Show tray icon"); clicking it brings
 * the window forward. Every AWT call runs on the AWT thread, never on the FX thread. Where the
 * desktop has no tray that java.awt reaches, the setting is not offered.
 */
public final class UnreadTrayIcon {
  private static final System.Logger LOG = System.getLogger(UnreadTrayIcon.class.getName());

  private final Runnable openWindow;
  private BufferedImage base;
  private TrayIcon tray;
  private int unread;

  /** Set once it was asked to show: before that, nothing here touches AWT. */
  private boolean asked;

  /** A tray entry, not shown yet, whose click runs {@code openWindow} (on the AWT thread). */
  public UnreadTrayIcon(Runnable openWindow) {
    this.openWindow = openWindow;
  }

  /**
   * Whether a tray entry can be shown on this desktop. Slow the first time (it starts AWT): call it
   * off the FX thread. On Windows and macOS the notifications already keep an entry in the tray
   * that counts unread messages, so the separate one is not offered there.
   */
  public static boolean offered() {
    return !DesktopBackends.usesTrayForNotifications() && TrayNotifier.supported();
  }

  /** Shows or hides the entry (call on the FX thread). */
  public void setShown(boolean shown) {
    if (!shown && !asked) {
      return;
    }
    asked = true;
    EventQueue.invokeLater(shown ? this::add : this::remove);
  }

  /** The count to show. */
  public void setUnread(int count) {
    EventQueue.invokeLater(
        () -> {
          unread = count;
          if (tray != null) {
            update();
          }
        });
  }

  private void add() {
    if (tray != null) {
      return;
    }
    try {
      if (base == null) {
        base = TrayImages.icon();
      }
      tray = new TrayIcon(base, FreedesktopNotifier.APP_NAME);
      tray.setImageAutoSize(true);
      tray.addActionListener(e -> openWindow.run());
      update();
      SystemTray.getSystemTray().add(tray);
    } catch (AWTException | IOException | UnsupportedOperationException e) {
      LOG.log(Level.INFO, "No tray icon: " + e);
      tray = null;
    }
  }

  private void update() {
    tray.setImage(TrayImages.withCount(base, unread));
    tray.setToolTip(
        unread > 0 ? FreedesktopNotifier.APP_NAME + " — " + unread + " unread" : "Parley");
  }

  private void remove() {
    if (tray != null) {
      SystemTray.getSystemTray().remove(tray);
      tray = null;
    }
  }
}
