package dev.parley.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.accounts.PasswordHasher.Priority;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The hashing pool serves existing accounts first and bounds what waits. */
class PasswordHasherTest {

  @Test
  void aLoginCheckOvertakesQueuedAccountCreation() throws Exception {
    try (PasswordHasher hasher = new PasswordHasher(8, 1, 64)) {
      String hash = hasher.hash("Passw0rdOK", Priority.EXISTING_ACCOUNT).get();
      AtomicInteger created = new AtomicInteger();
      List<CompletableFuture<String>> creations = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        creations.add(
            hasher
                .hash("secret" + i, Priority.NEW_ACCOUNT)
                .whenComplete((h, e) -> created.incrementAndGet()));
      }
      // Completion callbacks run on the single worker before it takes its next task, so this
      // count is exact: only the creation already running when the check arrived went first.
      int before = hasher.verify("Passw0rdOK", hash).thenApply(ok -> created.get()).get();
      assertThat(before).isLessThanOrEqualTo(1);
      CompletableFuture.allOf(creations.toArray(CompletableFuture[]::new))
          .get(30, TimeUnit.SECONDS);
      assertThat(created.get()).isEqualTo(12);
    }
  }

  @Test
  void accountCreationHasItsOwnSmallerQueueAndLoginsStillGetIn() throws Exception {
    // One worker; at most 8 / 4 = 2 creations wait behind the running one.
    try (PasswordHasher hasher = new PasswordHasher(10, 1, 8)) {
      List<CompletableFuture<String>> creations = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        creations.add(hasher.hash("secret" + i, Priority.NEW_ACCOUNT));
      }
      CompletableFuture<Boolean> login = hasher.verify("x", null);
      int busy = 0;
      for (CompletableFuture<String> c : creations) {
        try {
          c.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(ProtocolException.class);
          assertThat(((ProtocolException) e.getCause()).code()).isEqualTo(ErrorCode.SERVER_BUSY);
          busy++;
        }
      }
      assertThat(busy).isGreaterThanOrEqualTo(17);
      assertThat(login.get(30, TimeUnit.SECONDS)).isFalse();
    }
  }

  @Test
  void closingFailsWhatStillWaits() throws Exception {
    PasswordHasher hasher = new PasswordHasher(10, 1, 64);
    List<CompletableFuture<Boolean>> checks = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      checks.add(hasher.verify("x", null));
    }
    hasher.close();
    CompletableFuture<Void> all =
        CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).exceptionally(e -> null);
    all.get(30, TimeUnit.SECONDS);
    assertThat(checks.stream().filter(CompletableFuture::isCompletedExceptionally).count())
        .isGreaterThanOrEqualTo(8);
    assertThat(hasher.verify("x", null).isCompletedExceptionally()).isTrue();
  }
}
