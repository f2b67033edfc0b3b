package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;

/**
 * The {@code ok} to a {@code publish_keys}.
 *
 * @param re the request's id
 * @param oneTimePreKeys how many unused one-time prekeys the server now holds
 */
public record KeysOk(String re, int oneTimePreKeys) implements Answer {
  /** Checks the fields. */
  public KeysOk {
    re = Checks.id(re);
    Checks.check(
        () -> {
          FieldRules.range("oneTimePreKeys", oneTimePreKeys, 0, Integer.MAX_VALUE);
        });
  }

  @Override
  public String type() {
    return FrameType.OK;
  }
}
