package dev.parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code catchup} and {@code send} modes with tiny numbers against a real server in a child
 * JVM: their counts (nothing lost, duplicated, reordered or left on the server), not their timings.
 */
class CoreModesTest {
  // The server lets the one sender fill the recipient's queue up to what it sends, as the commands
  // start it.
  private static final int QUEUED = 50;
  private static final CoreOptions CLIENTS = CoreOptions.of(64, 1_000);

  private static Target target;

  @BeforeAll
  static void startServer() throws Exception {
    target =
        Target.of(
            ServerProcess.start(
                new ServerSettings(4, 100, 1_000_000, "256m", List.of(), QUEUED, null)),
            1);
  }

  @AfterAll
  static void stopServer() throws Exception {
    target.close();
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void catchUpShowsEveryQueuedTextOnceInOrderAndLeavesNoneOnTheServer() throws Exception {
    CatchupResult r = CatchupCommand.run(target, CLIENTS, QUEUED);

    assertThat(r.queued()).isEqualTo(QUEUED);
    assertThat(r.sent()).isEqualTo(QUEUED);
    assertThat(r.shown()).isEqualTo(QUEUED);
    assertThat(r.lost()).isZero();
    assertThat(r.duplicated()).isZero();
    assertThat(r.reordered()).isZero();
    assertThat(r.receipts()).isEqualTo(QUEUED);
    assertThat(r.stillQueued()).isZero();
    assertThat(r.intact()).isTrue();
    assertThat(r.okSeconds()).isPositive().isLessThanOrEqualTo(r.loginSeconds());
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void sendDeliversEveryTextOnceInOrder() throws Exception {
    SendResult r = SendCommand.run(target, CLIENTS, QUEUED);

    assertThat(r.sent()).isEqualTo(QUEUED);
    assertThat(r.arrived()).isEqualTo(QUEUED);
    assertThat(r.lost()).isZero();
    assertThat(r.duplicated()).isZero();
    assertThat(r.reordered()).isZero();
    assertThat(r.intact()).isTrue();
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void theLeftoverCheckCountsWhatTheServerStillHolds() throws Exception {
    try (CorePair pair = CorePair.register(target, CLIENTS)) {
      pair.recipient.client().logout().get(30, TimeUnit.SECONDS);
      pair.recipient.close();
      Set<String> ids = pair.sendAll(5, Duration.ofSeconds(30));

      assertThat(CatchupCommand.stillQueued(target, pair, ids)).isEqualTo(5);
      // The raw login acknowledged nothing: all five are still there, behind nothing new.
      assertThat(CatchupCommand.stillQueued(target, pair, ids)).isEqualTo(5);
    }
  }

  @Test
  void theStartedServerLetsOneSenderQueueWhatTheModeSends() {
    TargetOptions o = new TargetOptions();
    assertThat(o.settings().senderShare()).isEqualTo(1_000);
    o.shareAtLeast(10_000);
    assertThat(o.settings().senderShare()).isEqualTo(10_000);

    TargetOptions chosen = new TargetOptions();
    chosen.senderShare = 200;
    chosen.shareAtLeast(10_000);
    assertThat(chosen.settings().senderShare()).isEqualTo(200);
  }

  @Test
  void comparesTheBusiestConnectionsRequestsWithTheLimit() {
    Problems none = new Problems(0, null);
    // The sender's connection carries a send and an ack_receipt per text.
    SendResult send = new SendResult(1_000, 1_000, 1.0, 1_000, 0, 0, 1.0, 1, 2, none);
    assertThat(send.busiestRequestRate()).isEqualTo(2_000);
    // Catching up, the recipient acknowledges each text: faster than the sender sent them.
    CatchupResult catchUp =
        new CatchupResult(1_000, 1_000, 10.0, 0.5, 5.0, 1_000, 0, 0, 0.5, 1_000, 0.6, 0, none);
    assertThat(catchUp.busiestRequestRate()).isEqualTo(2_000);
  }

  @Test
  void namesTheRequestLimitWhenItSetThePace() {
    TargetOptions o = new TargetOptions();
    o.requestRate = 2_000;
    assertThat(o.rateCapNote(1_950)).contains("CAPPED").contains("2,000");
    assertThat(o.rateCapNote(300)).isEmpty();
    o.server = "127.0.0.1:1";
    assertThat(o.rateCapNote(1_950)).isEmpty();
    assertThat(o.requestLimit()).contains("unknown");
  }
}
