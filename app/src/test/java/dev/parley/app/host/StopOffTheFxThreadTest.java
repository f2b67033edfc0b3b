package dev.parley.app.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.control.Button;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Closing the hosted server (connections, Netty's event loops, the database writer) can take many
 * seconds: it runs off the FX thread, the window stays responsive and says "Stopping…" meanwhile,
 * and quitting waits for the close to finish. The close here waits for the test's word, so each
 * step is seen while it is still in progress.
 */
class StopOffTheFxThreadTest extends HostingTestSupport {
  private final CountDownLatch closing = new CountDownLatch(1);
  private final CountDownLatch mayClose = new CountDownLatch(1);
  private final AtomicBoolean closedOnFxThread = new AtomicBoolean();

  /** Hosting whose server, once stopped, closes only after {@link #mayClose}. */
  private HostingService slowToClose() {
    return slowToClose(0);
  }

  /** The same on {@code preferredPort}. */
  private HostingService slowToClose(int preferredPort) {
    return new HostingService(
        dir.resolve("hosted"),
        preferredPort,
        false,
        List::of,
        server -> {
          closedOnFxThread.set(Platform.isFxApplicationThread());
          closing.countDown();
          try {
            // Bounded, so that a close stuck on the FX thread fails the test instead of hanging it.
            mayClose.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          server.close();
        });
  }

  @AfterEach
  void letItClose() {
    mayClose.countDown();
  }

  /** Asks the FX thread for {@code what}; it answers only while it is not blocked. */
  private static <T> T fromFxThread(java.util.concurrent.Callable<T> what) throws Exception {
    return WaitForAsyncUtils.asyncFx(what).get(10, TimeUnit.SECONDS);
  }

  @Test
  void stopClosesTheServerOffTheFxThreadAndTheChipSaysStoppingUntilItHasClosed() throws Exception {
    HostingService hosting = slowToClose();
    openApp(hosting);
    hostAndShowLogin();
    int port = hosting.portProperty().get();

    pressStopHosting(); // nobody signed in: no question
    assertThat(closing.await(20, TimeUnit.SECONDS)).as("the close began").isTrue();
    assertThat(closedOnFxThread.get()).as("closed on the FX thread").isFalse();

    // The window still answers while the server closes, and says what is going on: this app's
    // session on its own server ended, so it is back on the connect screen.
    waitFor(() -> stage.getScene().getRoot().lookup("#server-address") != null);
    Button chip = fromFxThread(() -> (Button) in("#hosting-status"));
    assertThat(fromFxThread(chip::getText)).isEqualTo(HostingFlow.STOPPING);
    assertThat(fromFxThread(chip::isDisabled)).as("no second Stop meanwhile").isTrue();
    assertThat(fromFxThread(chip::isVisible)).isTrue();
    assertThat(fromFxThread(() -> hosting.stoppingProperty().get())).isTrue();

    mayClose.countDown();
    waitFor(() -> !hosting.runningProperty().get());
    assertThat(hosting.stoppingProperty().get()).isFalse();
    assertThat(fromFxThread(() -> in("#hosting-status").isVisible()))
        .as("the chip goes once the server has closed")
        .isFalse();
    assertNothingListensOn(port);
  }

  @Test
  void hostingAgainWhileTheLastServerClosesStartsOnceItHasClosedOnTheSamePort() throws Exception {
    int preferred;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      preferred = free.getLocalPort();
    }
    HostingService hosting = slowToClose(preferred);
    openApp(hosting);
    hostAndShowLogin();
    pressStopHosting();
    assertThat(closing.await(20, TimeUnit.SECONDS)).as("the close began").isTrue();
    waitFor(() -> stage.getScene().getRoot().lookup("#server-address") != null);

    robot.clickOn(in("#host-button"));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(fromFxThread(() -> hosting.stoppingProperty().get()))
        .as("the new server waits for the old one")
        .isTrue();
    mayClose.countDown();
    waitFor(() -> stage.getScene().getRoot().lookup("#username") != null);
    assertThat(hosting.runningProperty().get()).isTrue();
    assertThat(hosting.stoppingProperty().get()).isFalse();
    assertThat(hosting.portProperty().get()).as("its port was free again").isEqualTo(preferred);
    assertThat(hosting.portNoteProperty().get()).isEmpty();
  }

  @Test
  void quittingWaitsForTheCloseWithoutHoldingTheFxThread() throws Exception {
    HostingService hosting = slowToClose();
    openApp(hosting);
    hostAndShowLogin();
    int port = hosting.portProperty().get();

    // What the app does when its window closes (Application.stop runs on the FX thread).
    CompletableFuture<Void> closed = fromFxThread(app::close);
    app = null; // closed here, not again after the test
    assertThat(closing.await(20, TimeUnit.SECONDS)).as("the close began").isTrue();
    assertThat(closedOnFxThread.get()).as("closed on the FX thread").isFalse();
    assertThat(fromFxThread(() -> closed.isDone())).as("quitting waits for the close").isFalse();

    mayClose.countDown();
    closed.get(30, TimeUnit.SECONDS);
    assertNothingListensOn(port);
  }

  /** No server outlives the stop: its port refuses connections. */
  private static void assertNothingListensOn(int port) {
    Assertions.assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
        .isInstanceOf(ConnectException.class);
  }
}
