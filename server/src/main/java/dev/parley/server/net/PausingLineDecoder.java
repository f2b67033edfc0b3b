package dev.parley.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Line framing (at most {@code maxLength} bytes, newline stripped) that hands on no line while the
 * channel is not writable or the database's writer is behind ({@link WriterGate}), and stops
 * reading the socket meanwhile. A peer that sends requests but does not read the answers therefore
 * cannot make the server produce more of them: what it sent waits, undecoded, in this decoder (at
 * most about one socket read) and in the kernel, until the peer has read enough for the channel to
 * drop below its low water mark. Likewise no crowd of peers can queue more work for the writer than
 * the gate's bound (plus one request each).
 *
 * <p>Turning off auto-read alone would not do: the lines already received in one read (tens of
 * thousands of short ones in 64 KiB) would all still be decoded and answered.
 */
final class PausingLineDecoder extends LineBasedFrameDecoder {
  private final WriterGate gate;
  private boolean paused;
  // Waiting for the gate to open (its resume is queued there).
  private boolean parked;

  PausingLineDecoder(int maxLength, WriterGate gate) {
    super(maxLength, true, true);
    this.gate = gate;
  }

  @Override
  protected Object decode(ChannelHandlerContext ctx, ByteBuf buffer) throws Exception {
    boolean writable = ctx.channel().isWritable();
    if (!writable || gate.shut()) {
      if (!paused) {
        paused = true;
        ctx.channel().config().setAutoRead(false);
      }
      if (writable && !parked) {
        parked = true;
        gate.park(() -> ctx.executor().execute(() -> resumeFromGate(ctx)));
      }
      return null;
    }
    return super.decode(ctx, buffer);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    if (paused) {
      // The superclass would ask for another read when nothing was decoded with auto-read off;
      // while paused, that is exactly what must not happen.
      ctx.fireChannelReadComplete();
      return;
    }
    super.channelReadComplete(ctx);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    if (paused && ctx.channel().isWritable()) {
      // Later, not now: this may run inside a write made while a line is being handled.
      ctx.executor().execute(() -> resume(ctx));
    }
    super.channelWritabilityChanged(ctx);
  }

  private void resumeFromGate(ChannelHandlerContext ctx) {
    parked = false;
    resume(ctx);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    // Waiting for the server's own writer is not the peer's silence: the idle timer, which would
    // ping it and then close it, is not passed on meanwhile.
    if (parked && evt instanceof IdleStateEvent) {
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  private void resume(ChannelHandlerContext ctx) {
    if (!paused || !ctx.channel().isActive() || !ctx.channel().isWritable()) {
      return;
    }
    paused = false;
    try {
      // Decode what is already buffered; that may pause again.
      channelRead(ctx, Unpooled.EMPTY_BUFFER);
      channelReadComplete(ctx);
    } catch (Exception e) {
      ctx.fireExceptionCaught(e);
      return;
    }
    if (!paused) {
      ctx.channel().config().setAutoRead(true);
    }
  }
}
