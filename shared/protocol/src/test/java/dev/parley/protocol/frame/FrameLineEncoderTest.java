package dev.parley.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.parley.protocol.JsonLineEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Typed frames on a Netty pipeline: one line each, beside the JSON-object encoder. */
class FrameLineEncoderTest {

  private static String written(EmbeddedChannel ch) {
    ByteBuf b = ch.readOutbound();
    try {
      return b.toString(StandardCharsets.UTF_8);
    } finally {
      b.release();
    }
  }

  @Test
  void writesOneLinePerFrameAndLetsJsonObjectsThrough() {
    EmbeddedChannel ch = new EmbeddedChannel(new JsonLineEncoder(), new FrameLineEncoder());
    ch.writeOutbound(new PresenceEvent("bob", true));
    assertThat(written(ch)).isEqualTo("{\"type\":\"presence\",\"user\":\"bob\",\"online\":true}\n");
    JsonObject o = new JsonObject();
    o.addProperty("type", "ping");
    ch.writeOutbound(o);
    assertThat(written(ch)).isEqualTo("{\"type\":\"ping\"}\n");
    ch.writeOutbound(new UserOk("1", "alice"));
    assertThat(written(ch)).isEqualTo("{\"type\":\"ok\",\"re\":\"1\",\"user\":\"alice\"}\n");
    assertThat(ch.finish()).isFalse();
  }

  @Test
  void writesUtf8() {
    EmbeddedChannel ch = new EmbeddedChannel(new FrameLineEncoder());
    ch.writeOutbound(new ServerHello(1, "Parley server", "Büro 😀"));
    assertThat(written(ch))
        .isEqualTo(
            "{\"type\":\"hello\",\"version\":1,\"software\":\"Parley server\",\"name\":\"Büro 😀\"}\n");
  }
}
