package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Limits;

/**
 * The server's first frame.
 *
 * @param version the protocol version it speaks
 * @param software its name and version, 1–128 characters
 * @param name the server's name for display, at most 1,024 characters (may be empty), or null
 */
public record ServerHello(int version, String software, String name) implements Event {
  /** Checks the fields in wire order. */
  public ServerHello {
    Checks.check(
        () -> {
          FieldRules.range("version", version, 0, Integer.MAX_VALUE);
          FieldRules.text("software", software, Limits.MAX_SOFTWARE_CHARS);
          if (name != null && !name.isEmpty()) {
            FieldRules.length("name", name, Limits.MAX_SERVER_NAME_CHARS);
          }
        });
  }

  @Override
  public String type() {
    return FrameType.HELLO;
  }
}
