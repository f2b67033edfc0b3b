package dev.parley.app.text;

import dev.parley.app.emoji.EmojiMatcher;
import dev.parley.app.emoji.EmojiSet;
import javafx.geometry.Pos;
import javafx.scene.layout.HBox;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.TextFlow;

/** Read-only text with emoji as images, for places that need no selection (previews, toasts). */
public final class EmojiText {
  private EmojiText() {}

  /** {@code text} wrapping within its width, line breaks kept. */
  public static TextFlow flow(String text) {
    TextFlow flow = new TextFlow();
    flow.getChildren().setAll(EmojiRuns.of(text).nodes(emojiSize()));
    flow.getStyleClass().add("emoji-text");
    flow.setAccessibleText(text);
    return flow;
  }

  /**
   * {@code text} on one line (line breaks become spaces), cut off at the width it is given: for a
   * list row's preview, which must never grow the row or the list.
   */
  public static HBox line(String text) {
    String oneLine = text.replace('\n', ' ');
    HBox line = new HBox();
    line.getChildren().setAll(EmojiRuns.of(oneLine).nodes(emojiSize()));
    line.setAlignment(Pos.BASELINE_LEFT);
    line.setMinWidth(0);
    line.setPrefWidth(0);
    line.getStyleClass().add("emoji-text");
    line.setAccessibleText(oneLine);
    Rectangle clip = new Rectangle();
    clip.widthProperty().bind(line.widthProperty());
    clip.heightProperty().bind(line.heightProperty());
    line.setClip(clip);
    return line;
  }

  /**
   * {@code text} cut to about {@code max} characters with "…", never inside a surrogate pair or an
   * emoji sequence.
   */
  public static String shorten(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int cut = Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
    for (EmojiMatcher.Span s :
        EmojiSet.get().matcher().split(text.substring(0, Math.min(text.length(), max + 40)))) {
      if (s.emoji() != null && s.start() < cut && s.end() > cut) {
        cut = s.start();
      }
    }
    return text.substring(0, cut) + "…";
  }

  /** Inline emoji size: a little larger than the font, as chat apps draw them. */
  static double emojiSize() {
    return Font.getDefault().getSize() * 1.35;
  }
}
