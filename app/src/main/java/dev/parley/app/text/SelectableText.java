package dev.parley.app.text;

import java.text.BreakIterator;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.scene.AccessibleRole;
import javafx.scene.Cursor;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.Path;
import javafx.scene.text.Font;
import javafx.scene.text.TextFlow;

/**
 * Read-only text that wraps, keeps its line breaks, shows emoji as images and can be selected like
 * a browser's: drag to select, double-click for a word, Shift+click to extend, Ctrl/Cmd+C to copy
 * and Ctrl/Cmd+A for all of it. What is copied is the original text, emoji included. A text flow
 * with image children costs far less per list cell than an editor control (no skin, caret, undo or
 * virtualised paragraphs), which matters for a conversation of thousands of messages.
 */
public final class SelectableText extends Region {
  /** Style class of the selection highlight. */
  public static final String HIGHLIGHT = "text-selection";

  private static final KeyCombination COPY = KeyCombination.keyCombination("Shortcut+C");
  private static final KeyCombination SELECT_ALL = KeyCombination.keyCombination("Shortcut+A");

  private final EmojiRuns runs;
  private final TextFlow flow = new TextFlow();
  private final Path highlight = new Path();
  private int anchor;
  private int caret;

  /** Shows {@code text}; emoji are a little larger than the font, or large when alone. */
  public SelectableText(String text) {
    runs = EmojiRuns.of(text);
    double font = Font.getDefault().getSize();
    flow.getChildren().setAll(runs.nodes(runs.onlyFewEmoji() ? font * 2.8 : EmojiText.emojiSize()));
    highlight.getStyleClass().add(HIGHLIGHT);
    highlight.setManaged(false);
    highlight.setMouseTransparent(true);
    getChildren().addAll(highlight, flow);
    getStyleClass().add("selectable-text");
    setCursor(Cursor.TEXT);
    setAccessibleRole(AccessibleRole.TEXT);
    setAccessibleText(text);
    setFocusTraversable(false);
    addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
    addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
    addEventHandler(
        MouseEvent.MOUSE_RELEASED,
        e -> {
          if (e.getButton() == MouseButton.PRIMARY) {
            e.consume();
          }
        });
    addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
    // Another node taking the focus ends the selection, as in a browser.
    sceneProperty()
        .addListener(
            (o, was, scene) -> {
              if (scene != null) {
                scene
                    .focusOwnerProperty()
                    .addListener(
                        (ob, a, owner) -> {
                          if (owner != this && getScene() == scene) {
                            select(0, 0);
                          }
                        });
              }
            });
  }

  /** The whole text, as written. */
  public String getText() {
    return runs.text();
  }

  /** The selected part of the text, as written (empty if nothing is selected). */
  public String getSelectedText() {
    return runs.text().substring(Math.min(anchor, caret), Math.max(anchor, caret));
  }

  /** Selects text offsets {@code from} to {@code to} (widened to whole emoji). */
  public void select(int from, int to) {
    int length = runs.text().length();
    int lo = runs.snap(Math.max(0, Math.min(Math.min(from, to), length)), false);
    int hi = runs.snap(Math.max(0, Math.min(Math.max(from, to), length)), true);
    anchor = from <= to ? lo : hi;
    caret = from <= to ? hi : lo;
    if (lo == hi) {
      highlight.getElements().clear();
    } else {
      highlight
          .getElements()
          .setAll(flow.rangeShape(runs.toFlow(lo, false), runs.toFlow(hi, true)));
    }
  }

  /** Selects the whole text and takes the focus, so that Ctrl/Cmd+C copies it. */
  public void selectAll() {
    requestFocus();
    select(0, runs.text().length());
  }

  /** Puts the selection on the clipboard, if there is one. */
  public void copySelection() {
    String selected = getSelectedText();
    if (!selected.isEmpty()) {
      Clipboard.getSystemClipboard().setContent(Map.of(DataFormat.PLAIN_TEXT, selected));
    }
  }

  /** Puts the whole text on the clipboard. */
  public void copyAll() {
    Clipboard.getSystemClipboard().setContent(Map.of(DataFormat.PLAIN_TEXT, runs.text()));
  }

  /** The flow holding the text runs and emoji images (for tests and styling). */
  public TextFlow flow() {
    return flow;
  }

  private int offsetAt(MouseEvent e) {
    Point2D p = flow.sceneToLocal(e.getSceneX(), e.getSceneY());
    return runs.toText(flow.hitTest(p).getInsertionIndex());
  }

  private void pressed(MouseEvent e) {
    if (e.getButton() != MouseButton.PRIMARY) {
      return; // a right click keeps the selection for the context menu
    }
    // Consumed: the list cell would otherwise take the focus and the selection with it.
    e.consume();
    requestFocus();
    int at = offsetAt(e);
    if (e.getClickCount() == 2) {
      selectWord(at);
    } else if (e.getClickCount() >= 3) {
      select(0, runs.text().length());
    } else if (e.isShiftDown()) {
      select(anchor, at);
    } else {
      select(at, at);
    }
  }

  private void dragged(MouseEvent e) {
    if (e.isPrimaryButtonDown()) {
      e.consume();
      select(anchor, offsetAt(e));
    }
  }

  private void selectWord(int at) {
    String text = runs.text();
    BreakIterator words = BreakIterator.getWordInstance();
    words.setText(text);
    int start = words.preceding(Math.min(at + 1, text.length()));
    int end = words.following(Math.max(0, Math.min(at, text.length() - 1)));
    select(
        start == BreakIterator.DONE ? 0 : start, end == BreakIterator.DONE ? text.length() : end);
  }

  private void keyPressed(KeyEvent e) {
    if (COPY.match(e)) {
      copySelection();
      e.consume();
    } else if (SELECT_ALL.match(e)) {
      select(0, runs.text().length());
      e.consume();
    } else if (e.getCode() == KeyCode.CONTEXT_MENU
        || e.getCode() == KeyCode.F10 && e.isShiftDown()) {
      // The menu key and Shift+F10 open the context menu, as in text fields.
      Point2D at = localToScreen(0, getHeight());
      fireEvent(
          new ContextMenuEvent(
              ContextMenuEvent.CONTEXT_MENU_REQUESTED,
              0,
              getHeight(),
              at.getX(),
              at.getY(),
              true,
              null));
      e.consume();
    } else if (e.getCode() == KeyCode.ESCAPE && anchor != caret) {
      select(0, 0);
      e.consume();
    }
  }

  @Override
  protected void layoutChildren() {
    Insets in = getInsets();
    flow.resizeRelocate(
        in.getLeft(),
        in.getTop(),
        getWidth() - in.getLeft() - in.getRight(),
        getHeight() - in.getTop() - in.getBottom());
    highlight.setLayoutX(in.getLeft());
    highlight.setLayoutY(in.getTop());
    if (anchor != caret) {
      select(anchor, caret); // the lines moved: redraw the highlight where the text now is
    }
  }

  @Override
  public Orientation getContentBias() {
    return Orientation.HORIZONTAL;
  }

  @Override
  protected double computeMinWidth(double height) {
    return Math.min(computePrefWidth(height), getInsets().getLeft() + getInsets().getRight() + 40);
  }

  @Override
  protected double computePrefWidth(double height) {
    Insets in = getInsets();
    return in.getLeft() + flow.prefWidth(-1) + in.getRight();
  }

  @Override
  protected double computeMinHeight(double width) {
    return computePrefHeight(width);
  }

  @Override
  protected double computePrefHeight(double width) {
    Insets in = getInsets();
    double inner = width < 0 ? -1 : Math.max(0, width - in.getLeft() - in.getRight());
    return in.getTop() + flow.prefHeight(inner) + in.getBottom();
  }
}
