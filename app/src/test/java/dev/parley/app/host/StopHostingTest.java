package dev.parley.app.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.theme.Theme;
import java.util.Optional;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Stopping hosting, by the Stop button or by quitting, asks first when other people are signed in,
 * with the count the hosting chip shows; with nobody else it just stops. The question is the app's
 * themed dialog: owned by the main window, centred over it, on screen, with the app's stylesheet
 * and no stock graphic. The dark theme's context menu has no light frame.
 */
class StopHostingTest extends HostingTestSupport {
  HostingService hosting;
  Theme theme = Theme.LIGHT;

  /** Hosting, this app's user "host" signed in, and a guest signed in too. */
  private void hostWithAGuest() throws Exception {
    openAndHost();
    registerHost();
    guestSignsIn(hosting);
    waitFor(() -> hosting.connectedUsersProperty().get() == 2);
  }

  /** The app window in {@link #theme}, hosting, on the form of its own server. */
  private void openAndHost() throws Exception {
    prefs.put("theme", theme.name());
    hosting = hostingService();
    openApp(hosting);
    hostAndShowLogin();
  }

  /** The dialog window showing a pane other than the hosting details, if one is open. */
  private static Optional<Stage> question() {
    return Window.getWindows().stream()
        .filter(w -> w instanceof Stage && w.isShowing())
        .map(w -> (Stage) w)
        .filter(
            s ->
                s.getScene() != null
                    && s.getScene().getRoot() instanceof DialogPane p
                    && !"host-dialog".equals(p.getId()))
        .findFirst();
  }

  private static DialogPane pane(Stage s) {
    return (DialogPane) s.getScene().getRoot();
  }

  private static String text(DialogPane p) {
    StringBuilder all = new StringBuilder(String.valueOf(p.getHeaderText())).append('\n');
    p.lookupAll(".label").forEach(n -> all.append(((Labeled) n).getText()).append('\n'));
    return all.toString();
  }

  private void pressInQuestion(String button) throws Exception {
    DialogPane p = pane(question().orElseThrow());
    Button b =
        p.getButtonTypes().stream()
            .map(t -> (Button) p.lookupButton(t))
            .filter(x -> x.getText().equals(button))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no button " + button + " in " + text(p)));
    robot.clickOn(b);
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void stopHostingAsksWithTheChipsCountAndTheQuestionIsAThemedDialogOverTheWindow()
      throws Exception {
    hostWithAGuest();
    assertThat(((Button) in("#hosting-status")).getText()).isEqualTo("Hosting · 2 signed in");

    pressStopHosting();
    waitFor(() -> question().isPresent());
    Stage q = question().orElseThrow();
    DialogPane p = pane(q);
    assertThat(text(p)).contains("Stop hosting?").contains("2 people are signed in");

    // The app's dialog: owned by the main window, centred over it, on screen, themed, no "?".
    assertThat(q.getOwner()).isSameAs(stage);
    double dialogCentre = q.getX() + q.getWidth() / 2;
    double ownerCentre = stage.getX() + stage.getWidth() / 2;
    assertThat(Math.abs(dialogCentre - ownerCentre)).isLessThan(2.0);
    assertThat(q.getY()).isBetween(stage.getY(), stage.getY() + stage.getHeight());
    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    assertThat(screen.contains(q.getX(), q.getY(), q.getWidth(), q.getHeight())).isTrue();
    assertThat(p.getStylesheets()).anyMatch(s -> s.endsWith("/dev/parley/css/parley.css"));
    assertThat(p.getGraphic()).isNull();
    assertThat(p.getStyleClass()).doesNotContain("confirmation", "warning", "information");
    assertThat(q.isResizable()).isTrue();

    pressInQuestion("Cancel");
    assertThat(question()).isEmpty();
    assertThat(hosting.runningProperty().get()).as("Cancel keeps hosting").isTrue();

    pressStopHosting();
    waitFor(() -> question().isPresent());
    pressInQuestion("Stop hosting");
    waitFor(() -> !hosting.runningProperty().get());
    waitFor(() -> stage.getScene().getRoot().lookup("#server-address") != null);
  }

  @Test
  void withNobodyElseSignedInStopHostingDoesNotAsk() throws Exception {
    openAndHost();
    assertThat(hosting.connectedUsersProperty().get()).isZero();
    pressStopHosting();
    waitFor(() -> !hosting.runningProperty().get());
    assertThat(question()).isEmpty();
  }

  @Test
  void quittingAsksWithTheSameCountAndCancelKeepsTheAppOpen() throws Exception {
    hostWithAGuest();
    Platform.runLater(
        () -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
    waitFor(() -> question().isPresent());
    DialogPane p = pane(question().orElseThrow());
    assertThat(text(p)).contains("Stop hosting and quit?").contains("2 people are signed in");
    assertThat(question().orElseThrow().getOwner()).isSameAs(stage);
    pressInQuestion("Cancel");
    assertThat(stage.isShowing()).isTrue();
    assertThat(hosting.runningProperty().get()).isTrue();

    Platform.runLater(
        () -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
    waitFor(() -> question().isPresent());
    pressInQuestion("Stop hosting and quit");
    waitFor(() -> !stage.isShowing());
  }

  @Test
  void theDarkContextMenuIsDarkToItsEdgeWithoutAShadowFrame() throws Exception {
    theme = Theme.DARK;
    openAndHost();
    ContextMenu[] menu = new ContextMenu[1];
    robot.interact(
        () -> {
          menu[0] = new ContextMenu(new MenuItem("Copy"));
          menu[0].show(in("#username"), stage.getX() + 200, stage.getY() + 200);
        });
    waitFor(() -> menu[0].getSkin() != null);
    Region body = (Region) menu[0].getSkin().getNode();
    // A drop shadow needs a transparent window; without a compositor its margin shows light.
    assertThat(body.getEffect()).isNull();
    var fills = body.getBackground().getFills();
    assertThat(fills).allMatch(f -> f.getRadii().getTopLeftHorizontalRadius() == 0);
    Color edge = (Color) fills.get(0).getFill();
    Color inside = (Color) fills.get(fills.size() - 1).getFill();
    assertThat(edge.getBrightness()).as("the frame is a dark theme colour").isLessThan(0.5);
    assertThat(inside.getBrightness()).isLessThan(0.5);
    robot.interact(() -> menu[0].hide());
  }
}
