package dev.parley.protocol.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Netty encoder for both ends: each typed frame becomes one line of UTF-8 JSON, exactly {@link
 * FrameCodec#encode} and a newline. Other messages (such as the JSON objects of {@link
 * dev.parley.protocol.JsonLineEncoder}) pass through to the next encoder.
 */
@Sharable
public final class FrameLineEncoder extends MessageToByteEncoder<Frame> {
  @Override
  protected void encode(ChannelHandlerContext ctx, Frame frame, ByteBuf out) {
    ByteBufUtil.writeUtf8(out, FrameCodec.encode(frame));
    out.writeByte('\n');
  }
}
