package dev.parley.server.net;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.frame.ErrorFrame;
import dev.parley.protocol.frame.Event;
import dev.parley.protocol.frame.Frame;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Everything one connection sends, and how it closes. Every frame leaves through {@link #emit},
 * which closes the connection at once when its unsent data passes {@code maxOutboundBytes}; while
 * it is over the high water mark, {@link PausingLineDecoder} reads no further requests from it,
 * drains pause, and droppable events are dropped. Used on the channel's event loop except where a
 * method says it is thread-safe.
 */
final class ChannelOutput implements Drain.Outlet {
  private static final Logger LOG = Logger.getLogger(ChannelOutput.class.getName());

  private final Channel channel;
  private final long maxOutboundBytes;
  private final Supplier<String> describe;
  private boolean closing;
  private boolean tlsUp;

  /** Output of {@code channel}; {@code describe} names the peer in the log. */
  ChannelOutput(Channel channel, long maxOutboundBytes, Supplier<String> describe) {
    this.channel = channel;
    this.maxOutboundBytes = maxOutboundBytes;
    this.describe = describe;
  }

  /** True once the connection is closing: nothing more is sent or read. */
  boolean closing() {
    return closing;
  }

  /** The peer is gone. */
  void closed() {
    closing = true;
  }

  /** True once the TLS handshake succeeded (before it no error frame can be sent). */
  boolean tlsUp() {
    return tlsUp;
  }

  /** Records the outcome of the TLS handshake. */
  void setTlsUp(boolean up) {
    tlsUp = up;
  }

  /** Sends an event; a droppable one is skipped while the client is not reading. Thread-safe. */
  void sendEvent(Event frame, boolean droppable) {
    onLoop(
        () -> {
          if (droppable && !channel.isWritable()) {
            return;
          }
          emit(frame, true);
        });
  }

  /**
   * The one way out for every frame: writes it (and flushes when asked), then closes the connection
   * at once if its unsent data is now over the bound. Nothing is written once the connection is
   * closing.
   */
  void emit(Frame frame, boolean flush) {
    if (closing) {
      return;
    }
    if (flush) {
      channel.writeAndFlush(frame);
    } else {
      channel.write(frame);
    }
    if (!channel.isWritable() && unsentBytes() > maxOutboundBytes) {
      LOG.info(
          "closing "
              + describe.get()
              + ": it stopped reading (over "
              + maxOutboundBytes
              + " bytes unsent)");
      abort();
    }
  }

  /** Bytes written but not yet taken by the socket (what the water marks are compared with). */
  private long unsentBytes() {
    ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
    return out == null ? 0 : out.totalPendingWriteBytes();
  }

  @Override
  public void flush() {
    channel.flush();
  }

  @Override
  public boolean isWritable() {
    return channel.isWritable();
  }

  /**
   * Sends {@code e} and closes: at once when the peer is not reading (the frame would never leave),
   * else as soon as the frame has left, and after {@link Limits#CLOSE_GRACE_MILLIS} at the latest.
   * Later frames, and lines still arriving, are dropped.
   */
  void closeWithError(String re, ProtocolException e) {
    if (closing) {
      return;
    }
    if (!channel.isWritable()) {
      abort();
      return;
    }
    closing = true;
    if (tlsUp) {
      channel.config().setAutoRead(false); // (before the handshake, TLS still needs to read)
    }
    channel.writeAndFlush(ErrorFrame.of(re, e)).addListener(ChannelFutureListener.CLOSE);
    channel.eventLoop().schedule(this::abort, Limits.CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Closes now, discarding whatever is unsent. The close starts below the TLS handler, which would
   * otherwise try to send its close_notify first and wait for it.
   */
  void abort() {
    closing = true;
    if (channel.isOpen()) {
      channel.pipeline().firstContext().close();
    }
  }

  @Override
  public void closeWithInternalError() {
    closeWithError(null, new ProtocolException(ErrorCode.INTERNAL, "The server failed."));
  }

  @Override
  public void onLoop(Runnable r) {
    if (channel.eventLoop().inEventLoop()) {
      r.run();
    } else {
      channel.eventLoop().execute(r);
    }
  }
}
