package dev.parley.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;

/** Finds text the layout cut off (an ellipsis instead of the whole label, a clipped hint). */
public final class TextCutOff {
  private TextCutOff() {}

  /** Fails when a label shows less than its text, or a field's hint runs past the field. */
  public static void assertNone(FxRobot robot, Stage stage, String when) {
    robot.interact(() -> stage.getScene().getRoot().layout());
    List<String> cut = new ArrayList<>();
    for (Node n : all(stage.getScene().getRoot())) {
      if (!n.isVisible() || !treeVisible(n)) {
        continue;
      }
      if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
        String shown =
            all(l).stream()
                .filter(t -> t instanceof Text && t.getStyleClass().contains("text"))
                .map(t -> ((Text) t).getText())
                .findFirst()
                .orElse(l.getText());
        if (!shown.equals(l.getText())) {
          cut.add(l.getText() + " shown as " + shown);
        }
      }
      if (n instanceof TextField f && f.getText().isEmpty() && f.getPromptText() != null) {
        all(f).stream()
            .filter(t -> t instanceof Text && f.getPromptText().equals(((Text) t).getText()))
            .findFirst()
            .ifPresent(
                t -> {
                  Bounds b = t.localToScene(t.getLayoutBounds());
                  Bounds fb = f.localToScene(f.getLayoutBounds());
                  if (b.getMaxX() > fb.getMaxX() + 0.5) {
                    cut.add("hint " + f.getPromptText());
                  }
                });
      }
    }
    assertThat(cut).as("text cut off: " + when).isEmpty();
  }

  private static boolean treeVisible(Node n) {
    for (Node p = n; p != null; p = p.getParent()) {
      if (!p.isVisible()) {
        return false;
      }
    }
    return true;
  }

  private static List<Node> all(Node root) {
    List<Node> out = new ArrayList<>();
    out.add(root);
    if (root instanceof Parent p) {
      for (Node c : p.getChildrenUnmodifiable()) {
        out.addAll(all(c));
      }
    }
    return out;
  }
}
