package dev.parley.app.notify;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import javax.imageio.ImageIO;

/** The app icon for a tray, with the unread count in a red dot like a phone's badge. */
final class TrayImages {
  /** Counts above this show as "99+". */
  static final int MAX_SHOWN = 99;

  private static final String ICON = "/dev/parley/icons/parley-64.png";

  private TrayImages() {}

  /** The plain app icon. */
  static BufferedImage icon() throws IOException {
    try (InputStream in = TrayImages.class.getResourceAsStream(ICON)) {
      if (in == null) {
        throw new java.io.FileNotFoundException(ICON);
      }
      return ImageIO.read(in);
    }
  }

  /** {@code base} with {@code unread} in its top right corner (unchanged for 0). */
  static BufferedImage withCount(BufferedImage base, int unread) {
    if (unread <= 0) {
      return base;
    }
    int size = base.getWidth();
    BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.drawImage(base, 0, 0, null);
      int dot = size * 11 / 20;
      g.setColor(new Color(0xD9, 0x30, 0x25));
      g.fillOval(size - dot, 0, dot, dot);
      String text = unread > MAX_SHOWN ? MAX_SHOWN + "+" : Integer.toString(unread);
      g.setColor(Color.WHITE);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, dot * (text.length() > 2 ? 5 : 7) / 10));
      FontMetrics m = g.getFontMetrics();
      g.drawString(
          text,
          size - dot + (dot - m.stringWidth(text)) / 2,
          (dot - m.getHeight()) / 2 + m.getAscent());
    } finally {
      g.dispose();
    }
    return out;
  }
}
