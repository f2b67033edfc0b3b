package dev.parley.app.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What a message's text costs per list cell: time and heap to build and lay out 1,000 of them, for
 * the old label, the selectable text flow used in bubbles and the RichTextFX area used in the
 * composer. Printed to the test log (docs/decisions/0006), never asserted: speed is not a test.
 */
class MessageTextCostTest {
  private static final String[] TEXTS = {
    "See you at 10 \uD83D\uDC4D",
    "A longer message that wraps over a few lines of the bubble, as people write when they explain"
        + " something \uD83C\uDF89 with an emoji or two \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
    "first line\nsecond line\nthird",
    "ok",
  };

  @BeforeAll
  static void toolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @Test
  void measureTheCostOfACell() throws Exception {
    // A first round warms the JIT and loads the emoji sheet (about 18 MB decoded, once per app).
    measure("warm-up Label", 200, t -> wrapping(new Label(t)));
    measure("warm-up SelectableText", 200, SelectableText::new);
    measure("warm-up EmojiArea", 50, t -> new EmojiArea());
    measure("Label (before)", 1000, t -> wrapping(new Label(t)));
    List<Node> flows = measure("SelectableText", 1000, SelectableText::new);
    measure(
        "EmojiArea (RichTextFX)",
        200,
        t -> {
          EmojiArea a = new EmojiArea();
          a.setWrapText(true);
          a.replaceText(t);
          a.setPrefHeight(80);
          return a;
        });
    assertThat(flows).allMatch(n -> ((Region) n).getHeight() > 0);
    long images =
        flows.stream()
            .mapToLong(
                n ->
                    ((SelectableText) n)
                        .flow().getChildren().stream()
                            .filter(c -> c.getStyleClass().contains("emoji"))
                            .count())
            .sum();
    assertThat(images).isEqualTo(1000 / TEXTS.length * 3);
  }

  private static Label wrapping(Label l) {
    l.setWrapText(true);
    return l;
  }

  private static List<Node> measure(String what, int n, Function<String, Node> make)
      throws Exception {
    List<Node> out = new ArrayList<>();
    long[] nanos = new long[1];
    Runtime rt = Runtime.getRuntime();
    FxToolkit.setupFixture(() -> {});
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();
    // Building a thousand cells can outlast the fixture timeout on a busy machine: this waits
    // longer (the test measures, it asserts no speed).
    WaitForAsyncUtils.asyncFx(
            () -> {
              long t0 = System.nanoTime();
              VBox box = new VBox();
              box.setPrefWidth(400);
              for (int i = 0; i < n; i++) {
                Node node = make.apply(TEXTS[i % TEXTS.length]);
                if (node instanceof Region r) {
                  r.setMaxWidth(400);
                }
                out.add(node);
                box.getChildren().add(node);
              }
              Scene scene = new Scene(new Group(box));
              box.applyCss();
              box.layout();
              nanos[0] = System.nanoTime() - t0;
              scene.getRoot();
            })
        .get(2, TimeUnit.MINUTES);
    System.gc();
    long after = rt.totalMemory() - rt.freeMemory();
    System.out.printf(
        "cell cost: %-24s %5d cells, build+CSS+layout %6.1f ms (%.3f ms/cell), heap +%.1f MB (%.1f KB/cell)%n",
        what,
        n,
        nanos[0] / 1e6,
        nanos[0] / 1e6 / n,
        (after - before) / 1e6,
        (after - before) / 1e3 / n);
    return out;
  }
}
