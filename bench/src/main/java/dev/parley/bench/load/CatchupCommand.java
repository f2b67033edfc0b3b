package dev.parley.bench.load;

import dev.parley.protocol.Limits;
import dev.parley.protocol.frame.MessageEvent;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code catchup}: through the real client core on both ends, a sender writes Q texts to a contact
 * who is offline; then a fresh client on the contact's folder logs in and catches up. Times the
 * sending, the login, the texts shown and the texts acknowledged; checks none is lost, duplicated,
 * reordered or left on the server.
 */
@Command(
    name = "catchup",
    description =
        "Through the client core: Q texts to an offline contact (the send rate), then that"
            + " contact's login and catch-up (login answered, all shown, all acknowledged).")
final class CatchupCommand implements Callable<Integer> {
  private static final Duration STALL = Duration.ofSeconds(60);

  // The product's bcrypt cost: the login is part of what is measured.
  @Mixin TargetOptions target = TargetOptions.withBcryptCost(12);
  @Mixin CoreOptions core = new CoreOptions();

  @Option(
      names = {"-q", "--queued"},
      description =
          "Texts to queue (default: ${DEFAULT-VALUE}, the server's per-user queue limit; the"
              + " started server lets this one sender fill it).")
  int queued = Limits.DEFAULT_QUEUE_MESSAGES;

  @Override
  public Integer call() throws Exception {
    return CoreRun.execute(target, core, queued, t -> run(t, core, queued));
  }

  /**
   * Registers a pair, queues {@code queued} texts for the offline recipient and times its login.
   */
  static CatchupResult run(Target t, CoreOptions o, int queued) throws Exception {
    try (CorePair pair = CorePair.register(t, o)) {
      pair.recipient.client().logout().get(30, TimeUnit.SECONDS);
      pair.recipient.close();

      long sendStart = System.nanoTime();
      Set<String> ids = pair.sendAll(queued, STALL);
      CoreTraffic sender = pair.senderTraffic;
      double sendSeconds = (sender.lastAcknowledgedNanos() - sendStart) / 1e9;
      long sent = sender.acknowledged() - sender.failed();

      DeliveryTracker shown = new DeliveryTracker(sentAt -> false);
      CoreTraffic recipient = pair.reopenRecipient(shown);
      pair.recipient.connect().get(STALL.toSeconds(), TimeUnit.SECONDS);
      AtomicLong loginDone = new AtomicLong();
      long loginStart = System.nanoTime();
      CompletableFuture<Void> login =
          pair.recipient.login().whenComplete((v, e) -> loginDone.set(System.nanoTime()));
      Progress.await(shown::delivered, sent, STALL);
      login.get(STALL.toSeconds(), TimeUnit.SECONDS);
      Progress.await(sender::delivered, sent, STALL);
      long ok = recipient.sessionNanos();
      pair.recipient.close();
      long stillQueued = stillQueued(t, pair, ids);
      return new CatchupResult(
          queued,
          sent,
          sendSeconds,
          (ok - loginStart) / 1e9,
          (loginDone.get() - loginStart) / 1e9,
          shown.delivered(),
          shown.duplicated(),
          shown.reordered(),
          (shown.lastDeliveryNanos() - ok) / 1e9,
          sender.delivered(),
          (sender.lastDeliveredNanos() - ok) / 1e9,
          stillQueued,
          Problems.of(sender, recipient));
    }
  }

  /**
   * How many of {@code ids} the server still holds for the recipient: a raw login (which
   * acknowledges nothing) counts what the server delivers before one more text, sent after that
   * login, arrives; stored messages come first (docs/PROTOCOL.md, {@code message}). -1 when that
   * text did not arrive.
   */
  static long stillQueued(Target t, CorePair pair, Set<String> ids) throws Exception {
    LoadUser raw = new LoadUser(pair.recipient.name);
    AtomicLong again = new AtomicLong();
    CompletableFuture<Void> marker = new CompletableFuture<>();
    raw.onEvents(
        e -> {
          if (e instanceof MessageEvent m && m.from().equals(pair.sender.name)) {
            if (ids.contains(m.msgId())) {
              again.incrementAndGet();
            } else {
              marker.complete(null);
            }
          }
        });
    try {
      raw.loginWithAuthKey(t, pair.recipient.authKey()).get(STALL.toSeconds(), TimeUnit.SECONDS);
      pair.send(ids.size());
      marker.get(STALL.toSeconds(), TimeUnit.SECONDS);
      return again.get();
    } catch (java.util.concurrent.TimeoutException e) {
      return -1;
    } finally {
      raw.disconnect();
    }
  }
}
