package dev.parley.app.text;

import dev.parley.app.emoji.Emoji;
import dev.parley.app.emoji.EmojiImages;
import dev.parley.app.emoji.EmojiMatcher.Span;
import dev.parley.app.emoji.EmojiSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DataFormat;
import org.fxmisc.richtext.GenericStyledArea;
import org.fxmisc.richtext.StyledTextArea;
import org.fxmisc.richtext.model.NodeSegmentOpsBase;
import org.fxmisc.richtext.model.Paragraph;
import org.fxmisc.richtext.model.ReadOnlyStyledDocument;
import org.fxmisc.richtext.model.ReadOnlyStyledDocumentBuilder;
import org.fxmisc.richtext.model.SegmentOps;
import org.fxmisc.richtext.model.StyledDocument;
import org.fxmisc.richtext.model.StyledSegment;
import org.fxmisc.richtext.model.TextOps;
import org.reactfx.util.Either;

/**
 * An editable text area (RichTextFX) whose emoji are images: each emoji is one segment, so the
 * caret, selection, deletion and undo treat it as one character. Whatever is typed, pasted or
 * inserted turns into emoji segments where it holds emoji; {@link #getOriginalText()} and copying
 * give the text back as written. Paragraph and text styles are unused (empty strings).
 */
public final class EmojiArea extends GenericStyledArea<String, Either<String, Emoji>, String> {
  /** The empty emoji segment RichTextFX needs; never shown. */
  private static final Emoji NONE = new Emoji("", -1, -1, "", List.of(), "");

  private static final TextOps<Either<String, Emoji>, String> OPS =
      SegmentOps.<String>styledTextOps()._or(new EmojiOps(), (a, b) -> Optional.empty());

  /** An empty area. */
  public EmojiArea() {
    super("", (flow, style) -> {}, "", OPS, EmojiArea::node);
    getStyleClass().add("emoji-area");
  }

  private static Node node(StyledSegment<Either<String, Emoji>, String> seg) {
    return seg.getSegment()
        .unify(
            text ->
                StyledTextArea.createStyledTextNode(
                    text, seg.getStyle(), (t, style) -> t.getStyleClass().add(EmojiRuns.RUN)),
            emoji -> {
              ImageView v = EmojiImages.view(emoji, EmojiText.emojiSize());
              v.setTranslateY(EmojiText.emojiSize() * 0.2);
              return v;
            });
  }

  /** The text as written, emoji as their characters. */
  public String getOriginalText() {
    return original(getParagraphs());
  }

  /**
   * Replaces the selection with {@code text} (emoji become images) and moves the caret after it.
   */
  public void insertAtCaret(String text) {
    replaceSelection(document(text));
    requestFollowCaret();
  }

  @Override
  public void replace(
      int start, int end, StyledDocument<String, Either<String, Emoji>, String> replacement) {
    // Typing and pasting arrive as plain text segments: make their emoji images here, so that
    // every way text gets in is covered, and undo restores the segments as they were.
    boolean plain =
        replacement.getParagraphs().stream()
            .flatMap(p -> p.getSegments().stream())
            .allMatch(Either::isLeft);
    if (plain && EmojiSet.get().matcher().containsEmoji(replacement.getText())) {
      replacement = document(replacement.getText());
    }
    super.replace(start, end, replacement);
  }

  @Override
  public void copy() {
    String selected =
        original(subDocument(getSelection().getStart(), getSelection().getEnd()).getParagraphs());
    if (!selected.isEmpty()) {
      Clipboard.getSystemClipboard().setContent(Map.of(DataFormat.PLAIN_TEXT, selected));
    }
  }

  @Override
  public void cut() {
    copy();
    replaceSelection("");
  }

  private static String original(List<Paragraph<String, Either<String, Emoji>, String>> pars) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < pars.size(); i++) {
      if (i > 0) {
        b.append('\n');
      }
      for (Either<String, Emoji> seg : pars.get(i).getSegments()) {
        b.append(seg.unify(s -> s, Emoji::text));
      }
    }
    return b.toString();
  }

  /** {@code text} as a document: a paragraph per line, emoji as emoji segments. */
  static ReadOnlyStyledDocument<String, Either<String, Emoji>, String> document(String text) {
    ReadOnlyStyledDocumentBuilder<String, Either<String, Emoji>, String> b =
        new ReadOnlyStyledDocumentBuilder<>(OPS, "");
    for (String line : text.split("\n", -1)) {
      List<StyledSegment<Either<String, Emoji>, String>> segs = new ArrayList<>();
      for (Span s : EmojiSet.get().matcher().split(line)) {
        segs.add(
            new StyledSegment<>(
                s.emoji() != null
                    ? Either.right(s.emoji())
                    : Either.left(line.substring(s.start(), s.end())),
                ""));
      }
      if (segs.isEmpty()) {
        segs.add(new StyledSegment<>(Either.left(""), ""));
      }
      b.addParagraph(segs);
    }
    return b.build();
  }

  /** An emoji is one character of the document. */
  private static final class EmojiOps extends NodeSegmentOpsBase<Emoji, String> {
    EmojiOps() {
      super(NONE);
    }

    @Override
    public int length(Emoji e) {
      return e == NONE ? 0 : 1;
    }
  }
}
