package dev.parley.bench.load;

import com.google.gson.JsonObject;
import java.util.Locale;

/**
 * What a {@code catchup} run measured. Times after the login are counted from its {@code ok} as the
 * client saw it (its {@code sessionChanged}).
 *
 * @param queued texts the sender wrote while the recipient was offline
 * @param sent texts the server acknowledged (and did not refuse for good)
 * @param sendSeconds from the first write to the last {@code ok}
 * @param okSeconds from the login call to its {@code ok} (key derivation, bcrypt, key-store unlock)
 * @param loginSeconds from the login call to the completion of its future
 * @param shown distinct texts the recipient's listener was shown
 * @param duplicated texts shown again
 * @param reordered texts shown after a later one
 * @param shownSeconds from the {@code ok} to the last text shown
 * @param receipts texts whose {@code delivered} receipt reached the sender (the server deleted them
 *     on the recipient's {@code ack})
 * @param ackedSeconds from the {@code ok} to the last of those receipts
 * @param stillQueued texts the server delivered again at a later raw login (-1: not checked)
 * @param problems problems the two clients reported
 */
record CatchupResult(
    long queued,
    long sent,
    double sendSeconds,
    double okSeconds,
    double loginSeconds,
    long shown,
    long duplicated,
    long reordered,
    double shownSeconds,
    long receipts,
    double ackedSeconds,
    long stillQueued,
    Problems problems)
    implements CoreResult {

  @Override
  public String mode() {
    return "catchup";
  }

  /** Texts acknowledged by the server that the recipient never showed. */
  long lost() {
    return Math.max(0, sent - shown);
  }

  /** Nothing lost, duplicated, reordered, refused or left on the server. */
  @Override
  public boolean intact() {
    return sent == queued
        && lost() == 0
        && duplicated == 0
        && reordered == 0
        && receipts == sent
        && stillQueued == 0;
  }

  @Override
  public double sendRate() {
    return sendSeconds > 0 ? sent / sendSeconds : 0;
  }

  /** The sender's sends, or the recipient's acknowledgements (and the sender's receipt ones). */
  @Override
  public double busiestRequestRate() {
    return Math.max(sendRate(), catchUpRate());
  }

  double catchUpRate() {
    return shownSeconds > 0 ? shown / shownSeconds : 0;
  }

  @Override
  public String summary(int size, String rateNote) {
    return String.format(
            Locale.ROOT,
            "catchup: %,d of %,d texts of %d bytes sent to an offline contact in %.2f s = %,.0f"
                + " msgs/s (until the last ok).%s A fresh client's login: ok after %.3f s, its"
                + " future completed after %.3f s; %,d shown (%d lost, %d duplicated, %d"
                + " reordered) %.2f s after the ok (%,.0f msgs/s), %,d acknowledged (receipts at"
                + " the sender) %.2f s after the ok; %s at a later login.",
            sent,
            queued,
            size,
            sendSeconds,
            sendRate(),
            rateNote,
            okSeconds,
            loginSeconds,
            shown,
            lost(),
            duplicated,
            reordered,
            shownSeconds,
            catchUpRate(),
            receipts,
            ackedSeconds,
            stillQueued < 0
                ? "not checked what the server still holds"
                : stillQueued + " redelivered")
        + problems.sentence();
  }

  @Override
  public void addTo(JsonObject o) {
    o.addProperty("queued", queued);
    o.addProperty("sent", sent);
    o.addProperty("sendSeconds", Report.round(sendSeconds));
    o.addProperty("sendMsgsPerSecond", Math.round(sendRate()));
    o.addProperty("okSeconds", Report.round(okSeconds));
    o.addProperty("loginSeconds", Report.round(loginSeconds));
    o.addProperty("shown", shown);
    o.addProperty("lost", lost());
    o.addProperty("duplicated", duplicated);
    o.addProperty("reordered", reordered);
    o.addProperty("shownSeconds", Report.round(shownSeconds));
    o.addProperty("catchUpMsgsPerSecond", Math.round(catchUpRate()));
    o.addProperty("receipts", receipts);
    o.addProperty("ackedSeconds", Report.round(ackedSeconds));
    o.addProperty("stillQueued", stillQueued);
    o.addProperty("problems", problems.count());
  }
}
