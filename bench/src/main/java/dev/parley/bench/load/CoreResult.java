package dev.parley.bench.load;

import com.google.gson.JsonObject;

/** What a client-core mode ({@code catchup}, {@code send}) measured. */
interface CoreResult {
  /** The mode's name in the JSON line. */
  String mode();

  /** Texts per second the sending client got acknowledged. */
  double sendRate();

  /**
   * Requests per second on the busiest connection, to compare with the server's per-connection
   * limit: one per text sent, per text acknowledged ({@code ack}) and per receipt confirmed ({@code
   * ack_receipt}).
   */
  double busiestRequestRate();

  /** Nothing lost, duplicated, reordered or refused. */
  boolean intact();

  /** The line for people; {@code rateNote} says whether the server's request limit set the pace. */
  String summary(int size, String rateNote);

  /** Adds the mode's figures to the JSON line. */
  void addTo(JsonObject json);
}
