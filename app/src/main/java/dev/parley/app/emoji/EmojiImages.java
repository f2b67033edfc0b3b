package dev.parley.app.emoji;

import javafx.geometry.Rectangle2D;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;

/**
 * Emoji as image views cut from the one shared sprite sheet: every view shares the decoded sheet
 * (about 17 MB of pixels once, instead of one image per emoji per message).
 */
public final class EmojiImages {
  static final String SHEET = "/dev/parley/emoji/emoji-32.png";

  /** Pixels per emoji in the sheet, and its border on each side. */
  private static final int CELL = 32;

  private static final int BORDER = 1;

  private static final class Holder {
    static final Image SHEET_IMAGE =
        new Image(EmojiImages.class.getResource(SHEET).toExternalForm());
  }

  private EmojiImages() {}

  /** A view of {@code e}, {@code size} pixels square; its style class is {@code emoji}. */
  public static ImageView view(Emoji e, double size) {
    ImageView v = new ImageView(Holder.SHEET_IMAGE);
    int step = CELL + 2 * BORDER;
    v.setViewport(
        new Rectangle2D(e.sheetX() * step + BORDER, e.sheetY() * step + BORDER, CELL, CELL));
    v.setFitWidth(size);
    v.setFitHeight(size);
    v.setSmooth(true);
    v.getStyleClass().add("emoji");
    v.setAccessibleText(e.name());
    v.setUserData(e);
    return v;
  }
}
