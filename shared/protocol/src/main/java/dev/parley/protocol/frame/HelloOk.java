package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;

/**
 * The {@code ok} to a {@code hello}.
 *
 * @param re the hello's id
 * @param version the protocol version the server speaks, {@code 0 … 2^31-1}
 */
public record HelloOk(String re, int version) implements Answer {
  /** Checks the fields. */
  public HelloOk {
    re = Checks.id(re);
    Checks.check(
        () -> {
          FieldRules.range("version", version, 0, Integer.MAX_VALUE);
        });
  }

  @Override
  public String type() {
    return FrameType.OK;
  }
}
