package dev.parley.app.text;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.scene.control.Label;
import org.fxmisc.flowless.VirtualizedScrollPane;

/**
 * The message composer: an {@link EmojiArea} that wraps, scrolls when it holds more than fits, and
 * shows a prompt while empty. Its text property is the text as written (emoji as characters).
 */
public final class Composer extends VirtualizedScrollPane<EmojiArea> {
  private final EmojiArea area;
  private final StringBinding text;

  /** An empty composer; {@code id} names the editable area (for focus, tests and CSS). */
  public Composer(String id, String prompt) {
    super(new EmojiArea());
    area = getContent();
    area.setId(id);
    area.setWrapText(true);
    Label placeholder = new Label(prompt);
    placeholder.getStyleClass().add("text-muted");
    placeholder.setMouseTransparent(true);
    // RichTextFX lays the placeholder out at the area's corner, not where text starts.
    placeholder.setPadding(new javafx.geometry.Insets(4, 6, 4, 6));
    area.setPlaceholder(placeholder, javafx.geometry.Pos.TOP_LEFT);
    // Reading the area's text validates it again: a lazy value that stays invalid never tells of
    // the next change.
    text =
        Bindings.createStringBinding(
            () -> area.getText().isEmpty() ? "" : area.getOriginalText(), area.textProperty());
    getStyleClass().add("composer");
  }

  /** The editable area. */
  public EmojiArea area() {
    return area;
  }

  /** The text as written. */
  public String getText() {
    return text.get();
  }

  /** The text as written, observable. */
  public StringBinding textProperty() {
    return text;
  }

  /** Empties the composer (and its undo history: a sent message is not undone into the field). */
  public void clear() {
    area.clear();
    area.getUndoManager().forgetHistory();
  }

  /** Inserts {@code s} at the caret, replacing any selection. */
  public void insertAtCaret(String s) {
    area.insertAtCaret(s);
  }

  @Override
  public void requestFocus() {
    area.requestFocus();
  }
}
