package dev.parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The generator's own server applies the settings it is started with. */
class BenchServerTest {

  @Test
  @Timeout(value = 1, unit = TimeUnit.MINUTES)
  void oneSenderMayQueueItsShareForAnOfflineRecipientAndNoMore() throws Exception {
    ServerSettings share3 = new ServerSettings(4, 100, 1_000_000, "256m", List.of(), 3, null);
    try (Target t = Target.of(ServerProcess.start(share3), 1)) {
      List<LoadUser> users = LoadUser.senderAndOfflineRecipient(t);
      LoadUser sender = users.get(0);
      SendWindow w = OpaqueRelay.window(sender, users.get(1).name, 4, 1, new byte[64]);
      w.start();
      while (!w.finished()) {
        Thread.sleep(10);
      }
      sender.disconnect();

      assertThat(w.acknowledgedCount()).isEqualTo(3);
      assertThat(w.refusedCount()).isEqualTo(1);
    }
  }
}
