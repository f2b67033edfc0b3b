package dev.parley.protocol.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Netty encoder for both ends: each typed frame becomes one line of UTF-8 JSON, exactly {@link
 * FrameCodec#encode} and a newline, in a buffer of exactly its size. The text is built in a builder
 * kept per thread (an event loop encodes one frame at a time), so a frame costs no growing copies
 * of its text; the relay's most frequent frames are written straight into their buffer ({@link
 * DirectLine}). Other messages (such as the JSON objects of {@link
 * dev.parley.protocol.JsonLineEncoder}) pass through to the next encoder.
 */
@Sharable
public final class FrameLineEncoder extends MessageToMessageEncoder<Frame> {
  private static final int KEPT_CHARS = 64 * 1024;
  private static final ThreadLocal<StringBuilder> TEXT =
      ThreadLocal.withInitial(() -> new StringBuilder(1024));

  @Override
  protected void encode(ChannelHandlerContext ctx, Frame frame, List<Object> out) {
    ByteBuf direct = DirectLine.write(ctx.alloc(), frame);
    if (direct != null) {
      out.add(direct);
      return;
    }
    StringBuilder text = TEXT.get();
    text.setLength(0);
    FrameCodec.encode(frame, text);
    text.append('\n');
    ByteBuf line = ctx.alloc().buffer(ByteBufUtil.utf8Bytes(text));
    ByteBufUtil.writeUtf8(line, text);
    out.add(line);
    if (text.capacity() > KEPT_CHARS) {
      TEXT.set(new StringBuilder(1024)); // one large frame does not pin its size to the thread
    }
  }
}
