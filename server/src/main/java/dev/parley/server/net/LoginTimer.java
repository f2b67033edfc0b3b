package dev.parley.server.net;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Closes a connection that does not log in within the login timeout (counted again after a logout),
 * so connections not logged in cannot pile up. On the channel's event loop.
 */
final class LoginTimer {
  private static final Logger LOG = Logger.getLogger(LoginTimer.class.getName());

  private final Channel channel;
  private final ChannelOutput output;
  private final Duration timeout;
  private final BooleanSupplier loggedIn;
  private final String remote;
  private ScheduledFuture<?> pending;

  LoginTimer(
      Channel channel,
      ChannelOutput output,
      Duration timeout,
      BooleanSupplier loggedIn,
      String remote) {
    this.channel = channel;
    this.output = output;
    this.timeout = timeout;
    this.loggedIn = loggedIn;
    this.remote = remote;
  }

  /** (Re)starts the countdown. */
  void start() {
    cancel();
    pending =
        channel
            .eventLoop()
            .schedule(
                () -> {
                  if (!loggedIn.getAsBoolean() && channel.isActive()) {
                    if (!output.tlsUp()) {
                      // No error frame can be sent before the handshake: hang up at once.
                      LOG.info("closing " + remote + ": no TLS handshake within the login timeout");
                      output.abort();
                      return;
                    }
                    output.closeWithError(
                        null,
                        new ProtocolException(ErrorCode.TIMEOUT, "Log in within the time limit."));
                  }
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
  }

  /** Stops the countdown (logged in, or closed). */
  void cancel() {
    if (pending != null) {
      pending.cancel(false);
    }
  }
}
