package dev.parley.protocol;

import com.google.gson.JsonObject;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Netty encoder used by both ends: each frame becomes one line of UTF-8 JSON. */
@Sharable
public final class JsonLineEncoder extends MessageToByteEncoder<JsonObject> {
  @Override
  protected void encode(ChannelHandlerContext ctx, JsonObject frame, ByteBuf out) {
    ByteBufUtil.writeUtf8(out, Json.write(frame));
    out.writeByte('\n');
  }
}
