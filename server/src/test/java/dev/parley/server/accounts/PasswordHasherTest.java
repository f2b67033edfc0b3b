package dev.parley.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.accounts.PasswordHasher.Owner;
import dev.parley.server.accounts.PasswordHasher.Priority;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The hashing pool serves existing accounts first but gives account creation a bounded share, takes
 * turns between networks, addresses and accounts, and bounds what waits.
 */
class PasswordHasherTest {
  private static Owner owner(String network, String account) {
    return new Owner(network, network, account);
  }

  /**
   * Occupies the only worker until the returned latch is counted down, so that what is queued
   * meanwhile runs in the pool's order, recorded in {@code order} on the worker.
   */
  private static CountDownLatch gate(PasswordHasher hasher) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    hasher.submit(
        Priority.EXISTING_ACCOUNT,
        owner("gate", "gate"),
        () -> {
          running.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return null;
        });
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    return release;
  }

  private static CompletableFuture<String> record(
      PasswordHasher hasher, Priority p, Owner o, String name, List<String> order) {
    return hasher.submit(
        p,
        o,
        () -> {
          order.add(name);
          return name;
        });
  }

  @Test
  void oneNetworksQueuedChecksDoNotHoldUpAnothersLogin() throws Exception {
    try (PasswordHasher hasher = new PasswordHasher(4, 1, 64)) {
      List<String> order = new CopyOnWriteArrayList<>();
      CountDownLatch release = gate(hasher);
      List<CompletableFuture<String>> all = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        // One address, several accounts of its own, and more work than anyone else.
        all.add(
            record(
                hasher, Priority.EXISTING_ACCOUNT, owner("10.0.0.9", "m" + i % 4), "m" + i, order));
      }
      all.add(record(hasher, Priority.EXISTING_ACCOUNT, owner("10.0.0.2", "victim"), "v", order));
      release.countDown();
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      assertThat(order.indexOf("v")).as("order %s", order).isEqualTo(1);
    }
  }

  @Test
  void accountCreationGetsABoundedShareAndIsNeverStarved() throws Exception {
    try (PasswordHasher hasher = new PasswordHasher(4, 1, 64)) {
      List<String> order = new CopyOnWriteArrayList<>();
      CountDownLatch release = gate(hasher);
      List<CompletableFuture<String>> all = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        all.add(
            record(hasher, Priority.NEW_ACCOUNT, owner("10.0.1." + i, "new" + i), "c" + i, order));
      }
      for (int i = 0; i < 12; i++) {
        all.add(
            record(
                hasher, Priority.EXISTING_ACCOUNT, owner("10.0.2." + i, "u" + i), "e" + i, order));
      }
      release.countDown();
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      int turns = PasswordHasher.EXISTING_TURNS_PER_CREATION;
      assertThat(order.indexOf("c0")).as("order %s", order).isEqualTo(turns);
      assertThat(order.indexOf("c1")).as("order %s", order).isEqualTo(2 * turns + 1);
    }
  }

  @Test
  void aFullQueueGivesWayToASmallerGroupAndRefusesTheLargest() throws Exception {
    try (PasswordHasher hasher = new PasswordHasher(4, 1, 4)) {
      List<String> order = new CopyOnWriteArrayList<>();
      CountDownLatch release = gate(hasher);
      List<CompletableFuture<String>> flood = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        flood.add(record(hasher, Priority.EXISTING_ACCOUNT, owner("flood", "m"), "m" + i, order));
      }
      CompletableFuture<String> victim =
          record(hasher, Priority.EXISTING_ACCOUNT, owner("other", "v"), "v", order);
      CompletableFuture<String> more =
          record(hasher, Priority.EXISTING_ACCOUNT, owner("flood", "m"), "m4", order);
      assertThat(more).isCompletedExceptionally();
      assertThat(flood.get(3)).as("the flood's newest gave way").isCompletedExceptionally();
      release.countDown();
      assertThat(victim.get(30, TimeUnit.SECONDS)).isEqualTo("v");
      for (CompletableFuture<String> f : List.of(more, flood.get(3))) {
        assertThatThrownBy(f::join)
            .hasCauseInstanceOf(ProtocolException.class)
            .cause()
            .extracting(e -> ((ProtocolException) e).code())
            .isEqualTo(ErrorCode.SERVER_BUSY);
      }
    }
  }

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
