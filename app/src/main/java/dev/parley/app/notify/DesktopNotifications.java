package dev.parley.app.notify;

import dev.parley.app.chat.Notice;
import dev.parley.app.ui.Fx;
import java.lang.System.Logger.Level;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Where message notifications go: the desktop's own notifications when this desktop has them, else
 * (no session bus, no notification service, any error) the app's toast. Everything that talks to
 * the desktop runs on one worker thread, so the FX thread never waits for D-Bus.
 */
public final class DesktopNotifications implements Consumer<Notice>, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(DesktopNotifications.class.getName());

  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "parley-notifications");
            t.setDaemon(true);
            return t;
          });
  private final Consumer<Notice> toast;
  private final BooleanSupplier showPreview;

  /** Only touched on the worker; null once it failed or where there is none. */
  private DesktopNotifier desktop;

  /**
   * Notifications through what {@code connect} returns (null: nothing on this desktop), falling
   * back to {@code toast} (called on the FX thread); {@code showPreview} says whether the message
   * text may show (read on the FX thread).
   */
  public DesktopNotifications(
      Callable<DesktopNotifier> connect, Consumer<Notice> toast, BooleanSupplier showPreview) {
    this.toast = toast;
    this.showPreview = showPreview;
    worker.execute(
        () -> {
          try {
            desktop = connect.call();
            if (desktop == null) {
              LOG.log(Level.INFO, "No desktop notifications here; notifying inside the window");
            }
          } catch (Exception e) {
            fellBack(e);
          }
        });
  }

  /** Tells the user about {@code n}, without the message text if previews are off. */
  @Override
  public void accept(Notice n) {
    Notice shown =
        new Notice(
            n.peer(),
            showPreview.getAsBoolean() ? NoticeText.preview(n.text()) : NoticeText.HIDDEN);
    later(
        () -> {
          if (desktop != null) {
            try {
              desktop.show(shown);
              return;
            } catch (Exception e) {
              fellBack(e);
            }
          }
          Fx.run(() -> toast.accept(shown));
        });
  }

  /** Takes {@code peer}'s notification off the desktop (its conversation was opened). */
  public void dismiss(String peer) {
    later(
        () -> {
          if (desktop != null && peer != null) {
            try {
              desktop.dismiss(peer);
            } catch (Exception e) {
              fellBack(e);
            }
          }
        });
  }

  /**
   * Shows {@code unread} on the taskbar or dock entry, asking for attention when {@code attention}
   * (no Parley window has the focus). JavaFX itself has no way to do either.
   */
  public void badge(int unread, boolean attention) {
    later(
        () -> {
          if (desktop != null) {
            try {
              desktop.badge(unread, attention);
            } catch (Exception e) {
              fellBack(e);
            }
          }
        });
  }

  /** Runs {@code task} on the worker; dropped once closed (a last message racing the logout). */
  private void later(Runnable task) {
    try {
      worker.execute(task);
    } catch (RejectedExecutionException closed) {
      // closed: nobody to tell any more
    }
  }

  private void fellBack(Exception e) {
    // Logged once: from here on this session uses the toast.
    LOG.log(
        Level.INFO, "Desktop notifications unavailable (" + e + "); notifying inside the window");
    LOG.log(Level.DEBUG, "Why desktop notifications failed", e);
    if (desktop != null) {
      desktop.close();
      desktop = null;
    }
  }

  @Override
  public void close() {
    later(
        () -> {
          if (desktop != null) {
            desktop.close();
            desktop = null;
          }
        });
    worker.shutdown();
  }
}
