package dev.parley.app.notify;

import dev.parley.app.chat.Notice;

/**
 * One way of reaching the user outside Parley's windows (the desktop's notification service, the
 * system tray). Every call comes from the notification worker thread, never from the FX thread, and
 * may block briefly; a failure makes the app fall back to its own toast.
 */
public interface DesktopNotifier extends AutoCloseable {
  /** Shows {@code notice}, replacing the one shown before for the same conversation. */
  void show(Notice notice) throws Exception;

  /** Takes the notification of {@code peer}'s conversation off the screen, if one is shown. */
  void dismiss(String peer) throws Exception;

  /**
   * Shows {@code unread} on the app's taskbar or dock entry (0: none), highlighted when {@code
   * attention} (a message came while no Parley window had the focus). Does nothing where the
   * desktop has no such thing.
   */
  void badge(int unread, boolean attention) throws Exception;

  /** Releases the connection or tray entry. */
  @Override
  void close();
}
