package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Limits;

/**
 * The client's first frame. Any {@code version} from 0 up is well formed; that the server speaks it
 * is the server's check ({@code unsupported_version}).
 *
 * @param id request id
 * @param version the client's protocol version, {@code 0 … 2^31-1}
 * @param software the client's name and version, 1–128 characters, or null
 */
public record HelloRequest(String id, int version, String software) implements Request {
  /** Checks the fields in wire order. */
  public HelloRequest {
    id = Checks.id(id);
    Checks.check(
        () -> {
          FieldRules.range("version", version, 0, Integer.MAX_VALUE);
          FieldRules.length("software", software, Limits.MAX_SOFTWARE_CHARS);
        });
  }

  @Override
  public String type() {
    return FrameType.HELLO;
  }
}
