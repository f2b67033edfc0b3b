package dev.parley.client.messaging;

import dev.parley.client.api.DeliveryState;
import dev.parley.client.api.InvalidPeerKeysException;
import dev.parley.client.api.ServerErrorException;
import dev.parley.protocol.ErrorCode;
import java.util.Set;

/**
 * Tells a send that can never succeed from one that may succeed later. A message whose send failed
 * for good becomes {@link DeliveryState#FAILED} and is not retried; any other failure (a lost
 * connection, a busy or rate-limiting server, a full queue) leaves it in the outbox.
 */
final class SendFailure {
  /** Server answers that no retry can change: the recipient or the request itself is refused. */
  private static final Set<ErrorCode> FINAL =
      Set.of(
          ErrorCode.UNKNOWN_USER,
          ErrorCode.TOO_LARGE,
          ErrorCode.BAD_REQUEST,
          ErrorCode.INVALID_USERNAME);

  private SendFailure() {}

  /** True when {@code cause} (already unwrapped) means the message can never be sent. */
  static boolean isPermanent(Throwable cause) {
    return cause instanceof InvalidPeerKeysException
        || cause instanceof ServerErrorException se && FINAL.contains(se.code());
  }
}
