package dev.parley.app.notify;

/** How a message reads in a notification: one line, cut short. */
public final class NoticeText {
  /** At most this many characters of a message show in a notification. */
  public static final int PREVIEW_CHARS = 120;

  /** What a notification says instead of the message when previews are off ("Name only"). */
  public static final String HIDDEN = "New message";

  private NoticeText() {}

  /** {@code text} on one line, at most {@link #PREVIEW_CHARS} characters and an ellipsis. */
  public static String preview(String text) {
    String line = text.replace('\n', ' ').strip();
    return line.length() > PREVIEW_CHARS ? line.substring(0, PREVIEW_CHARS) + "…" : line;
  }

  /** {@code text} with the characters that notification servers with "body-markup" parse. */
  public static String escapeMarkup(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
