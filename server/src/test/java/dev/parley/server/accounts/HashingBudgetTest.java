package dev.parley.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

/** Who pays for bcrypt work: the address always, the account for its own changes and logins. */
class HashingBudgetTest {
  // Slow refill (1 a minute): nothing refills while a test runs.
  private static HashingBudget budget(int addressBurst, int accountBurst) {
    return new HashingBudget(1, addressBurst, 1, accountBurst);
  }

  private static void refused(ThrowingRunnable r) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(
            ProtocolException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
              assertThat(e.retryAfterMs()).isPositive();
            });
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  private static void oneCheck(HashingBudget.Ticket t) {
    t.charge();
    t.end();
  }

  @Test
  void everyCheckOfAnAddressCountsRightOrWrong() throws Exception {
    HashingBudget b = budget(3, 100);
    for (int i = 0; i < 3; i++) {
      HashingBudget.Ticket t = b.startLogin("10.0.0.1", "own" + i, System.nanoTime());
      t.charge();
      if (i % 2 == 0) {
        t.proved(); // right or wrong: the address pays either way
      }
      t.end();
    }
    refused(() -> b.startLogin("10.0.0.1", "someone", System.nanoTime()));
    oneCheck(b.startLogin("10.0.0.2", "someone", System.nanoTime()));
  }

  @Test
  void wrongGuessesAtAnAccountAreNotChargedToItButItsOwnRightLoginsAre() throws Exception {
    HashingBudget b = budget(100, 2);
    for (int i = 0; i < 10; i++) {
      oneCheck(b.startLogin("10.0.1." + i, "alice", System.nanoTime())); // wrong, never proved
    }
    for (int i = 0; i < 2; i++) {
      HashingBudget.Ticket t = b.startLogin("10.0.0.1", "alice", System.nanoTime());
      t.charge();
      t.proved();
      t.end();
    }
    refused(() -> b.startLogin("10.0.0.7", "alice", System.nanoTime()));
    oneCheck(b.startLogin("10.0.0.7", "bob", System.nanoTime()));
  }

  @Test
  void aPasswordChangeChargesItsAccountFromTheStartAndForItsNewHash() throws Exception {
    HashingBudget b = budget(100, 3);
    HashingBudget.Ticket wrong = b.startChange("10.0.0.1", "mallory", System.nanoTime());
    oneCheck(wrong); // a wrong old secret: one check
    HashingBudget.Ticket right = b.startChange("10.0.0.1", "mallory", System.nanoTime());
    right.charge(); // the check
    right.charge(); // the new hash
    right.end();
    refused(() -> b.startChange("10.0.0.2", "mallory", System.nanoTime()));
    refused(() -> b.startLogin("10.0.0.2", "mallory", System.nanoTime()));
  }

  @Test
  void workThatNeverRanIsGivenBack() throws Exception {
    HashingBudget b = budget(1, 1);
    b.startLogin("10.0.0.1", "alice", System.nanoTime()).end(); // e.g. upgrade_required
    HashingBudget.Ticket busy = b.startChange("10.0.0.1", "alice", System.nanoTime());
    busy.charge();
    busy.refund(); // the pool said server_busy
    busy.end();
    HashingBudget.Ticket t = b.startChange("10.0.0.1", "alice", System.nanoTime());
    t.charge();
    t.end();
    refused(() -> b.startChange("10.0.0.1", "alice", System.nanoTime()));
  }
}
