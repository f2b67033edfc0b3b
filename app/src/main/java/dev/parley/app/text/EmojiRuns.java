package dev.parley.app.text;

import dev.parley.app.emoji.EmojiImages;
import dev.parley.app.emoji.EmojiMatcher.Span;
import dev.parley.app.emoji.EmojiSet;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.image.ImageView;
import javafx.scene.text.Text;

/**
 * A text as the children of a text flow, plain runs as {@link Text} and emoji as images, with the
 * map between positions in the flow (where an image counts as one character) and in the text.
 */
final class EmojiRuns {
  /** Style class of every plain run, for the theme's text colour. */
  static final String RUN = "emoji-text-run";

  private final String text;
  private final List<Span> spans;
  private final int[] flowStarts;

  private EmojiRuns(String text, List<Span> spans) {
    this.text = text;
    this.spans = spans;
    flowStarts = new int[spans.size() + 1];
    for (int i = 0; i < spans.size(); i++) {
      Span s = spans.get(i);
      flowStarts[i + 1] = flowStarts[i] + (s.emoji() != null ? 1 : s.end() - s.start());
    }
  }

  /** The runs of {@code text}. */
  static EmojiRuns of(String text) {
    return new EmojiRuns(text, EmojiSet.get().matcher().split(text));
  }

  String text() {
    return text;
  }

  /** Whether the text is nothing but one to three emoji (shown larger, as chat apps do). */
  boolean onlyFewEmoji() {
    return !spans.isEmpty() && spans.size() <= 3 && spans.stream().allMatch(s -> s.emoji() != null);
  }

  /** The nodes to show, emoji {@code emojiSize} pixels square. */
  List<Node> nodes(double emojiSize) {
    List<Node> nodes = new ArrayList<>(spans.size());
    for (Span s : spans) {
      if (s.emoji() != null) {
        ImageView v = EmojiImages.view(s.emoji(), emojiSize);
        if (emojiSize < 2 * EmojiText.emojiSize()) {
          // Inline: sits on the baseline with a little descent like the letters, not above them.
          // A large emoji alone has no letters to line up with, and stays clear of the time below.
          v.setTranslateY(emojiSize * 0.2);
        }
        nodes.add(v);
      } else {
        Text t = new Text(text.substring(s.start(), s.end()));
        t.getStyleClass().add(RUN);
        nodes.add(t);
      }
    }
    return nodes;
  }

  /** The text offset of flow position {@code flow}. */
  int toText(int flow) {
    for (int i = 0; i < spans.size(); i++) {
      if (flow < flowStarts[i + 1]) {
        Span s = spans.get(i);
        return s.emoji() != null ? s.start() : s.start() + flow - flowStarts[i];
      }
    }
    return text.length();
  }

  /** The flow position of text offset {@code offset}; inside an emoji, its start or end. */
  int toFlow(int offset, boolean roundUp) {
    for (int i = 0; i < spans.size(); i++) {
      Span s = spans.get(i);
      if (offset < s.end()) {
        if (s.emoji() != null) {
          return offset > s.start() && roundUp ? flowStarts[i + 1] : flowStarts[i];
        }
        return flowStarts[i] + Math.max(0, offset - s.start());
      }
    }
    return flowStarts[spans.size()];
  }

  /** {@code offset} moved out of any emoji it falls inside, to its start or (if up) its end. */
  int snap(int offset, boolean up) {
    for (Span s : spans) {
      if (s.emoji() != null && offset > s.start() && offset < s.end()) {
        return up ? s.end() : s.start();
      }
    }
    return offset;
  }
}
