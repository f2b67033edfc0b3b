package dev.parley.bench.load;

import com.google.gson.JsonObject;
import java.util.Locale;

/**
 * What a {@code send} run measured; times count from the first text written.
 *
 * @param messages texts written
 * @param sent texts the server acknowledged (and did not refuse for good)
 * @param sentSeconds until the last {@code ok}
 * @param arrived distinct texts the recipient's listener was shown
 * @param duplicated texts shown again
 * @param reordered texts shown after a later one
 * @param arrivedSeconds until the last text shown
 * @param p50Millis median time from writing a text to its being shown
 * @param p99Millis 99th percentile of that
 * @param problems problems the two clients reported
 */
record SendResult(
    long messages,
    long sent,
    double sentSeconds,
    long arrived,
    long duplicated,
    long reordered,
    double arrivedSeconds,
    double p50Millis,
    double p99Millis,
    Problems problems)
    implements CoreResult {

  @Override
  public String mode() {
    return "send";
  }

  long lost() {
    return Math.max(0, sent - arrived);
  }

  /** Everything sent and shown once, in order. */
  @Override
  public boolean intact() {
    return sent == messages && lost() == 0 && duplicated == 0 && reordered == 0;
  }

  @Override
  public double sendRate() {
    return sentSeconds > 0 ? sent / sentSeconds : 0;
  }

  /** The sender's connection: its sends and its confirmations of the contact's receipts. */
  @Override
  public double busiestRequestRate() {
    return sendRate() + arrivalRate();
  }

  double arrivalRate() {
    return arrivedSeconds > 0 ? arrived / arrivedSeconds : 0;
  }

  @Override
  public String summary(int size, String rateNote) {
    return String.format(
            Locale.ROOT,
            "send: one client wrote %,d texts of %d bytes to an online contact; %,d sent in %.2f"
                + " s = %,.0f msgs/s (until the last ok).%s %,d shown to the contact (%d lost, %d"
                + " duplicated, %d reordered) in %.2f s = %,.0f msgs/s; write to shown p50 %.0f"
                + " ms, p99 %.0f ms.",
            messages,
            size,
            sent,
            sentSeconds,
            sendRate(),
            rateNote,
            arrived,
            lost(),
            duplicated,
            reordered,
            arrivedSeconds,
            arrivalRate(),
            p50Millis,
            p99Millis)
        + problems.sentence();
  }

  @Override
  public void addTo(JsonObject o) {
    o.addProperty("messages", messages);
    o.addProperty("sent", sent);
    o.addProperty("sentSeconds", Report.round(sentSeconds));
    o.addProperty("sendMsgsPerSecond", Math.round(sendRate()));
    o.addProperty("arrived", arrived);
    o.addProperty("lost", lost());
    o.addProperty("duplicated", duplicated);
    o.addProperty("reordered", reordered);
    o.addProperty("arrivedSeconds", Report.round(arrivedSeconds));
    o.addProperty("arrivalMsgsPerSecond", Math.round(arrivalRate()));
    o.addProperty("p50Ms", Report.round(p50Millis));
    o.addProperty("p99Ms", Report.round(p99Millis));
    o.addProperty("problems", problems.count());
  }
}
