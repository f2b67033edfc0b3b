package dev.parley.bench.load;

import dev.parley.client.api.ChatMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A sender and a recipient, both through the real client core, registered and each in the other's
 * contact list (so the recipient's acknowledgements come back to the sender as receipts, and the
 * sender's messages are not a stranger's, whose share of the queue is smaller).
 */
final class CorePair implements AutoCloseable {
  private static final long SETUP_SECONDS = 120;

  final CoreUser sender;
  final CoreUser recipient;
  final CoreTraffic senderTraffic;
  private final String padding;

  private CorePair(CoreUser sender, CoreUser recipient, String padding) {
    this.sender = sender;
    this.recipient = recipient;
    this.padding = padding;
    this.senderTraffic =
        new CoreTraffic(recipient.name, new DeliveryTracker(sent -> false), () -> {});
  }

  /** Registers both accounts in {@code target}'s scratch folder and adds the contacts. */
  static CorePair register(Target target, CoreOptions o) throws Exception {
    String prefix = LoadUser.runPrefix();
    String s = prefix + "-0";
    String r = prefix + "-1";
    CorePair pair =
        new CorePair(
            new CoreUser(target, s, o.config(target.scratch().resolve(s))),
            new CoreUser(target, r, o.config(target.scratch().resolve(r))),
            CoreTraffic.padding(o.size));
    pair.sender.open(pair.senderTraffic);
    pair.recipient.open(new CoreTraffic(s, new DeliveryTracker(sent -> false), () -> {}));
    CompletableFuture.allOf(pair.sender.register(), pair.recipient.register())
        .get(SETUP_SECONDS, TimeUnit.SECONDS);
    CompletableFuture.allOf(
            pair.sender.client().addContact(r), pair.recipient.client().addContact(s))
        .get(SETUP_SECONDS, TimeUnit.SECONDS);
    return pair;
  }

  /** Writes text {@code seq} from the sender to the recipient (stored, then sent in order). */
  CompletableFuture<ChatMessage> send(int seq) {
    return sender.client().send(recipient.name, CoreTraffic.text(seq, padding));
  }

  /**
   * Writes texts 0 … count-1 at once, as fast as the client takes them, then waits until the server
   * acknowledged them all or progress stalled for {@code stall}. Returns their ids.
   */
  Set<String> sendAll(int count, Duration stall) throws Exception {
    List<CompletableFuture<ChatMessage>> written = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      written.add(send(i));
    }
    Set<String> ids = new HashSet<>();
    for (CompletableFuture<ChatMessage> w : written) {
      ids.add(w.get(stall.toSeconds(), TimeUnit.SECONDS).msgId());
    }
    Progress.await(senderTraffic::acknowledged, count, stall);
    return ids;
  }

  /** A fresh client on the recipient's folder (as after a restart), with a fresh tracker. */
  CoreTraffic reopenRecipient(DeliveryTracker received) {
    CoreTraffic t = new CoreTraffic(sender.name, received, () -> {});
    recipient.open(t);
    return t;
  }

  @Override
  public void close() {
    sender.close();
    recipient.close();
  }
}
