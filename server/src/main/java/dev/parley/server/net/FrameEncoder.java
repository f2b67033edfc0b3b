package dev.parley.server.net;

import com.google.gson.JsonObject;
import dev.parley.protocol.Json;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes each outgoing frame as one line of UTF-8 JSON. */
@Sharable
final class FrameEncoder extends MessageToByteEncoder<JsonObject> {
  @Override
  protected void encode(ChannelHandlerContext ctx, JsonObject frame, ByteBuf out) {
    ByteBufUtil.writeUtf8(out, Json.write(frame));
    out.writeByte('\n');
  }
}
