package dev.parley.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.parley.protocol.JsonLineEncoder;
import dev.parley.protocol.Limits;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

  @Test
  void directLinesAreByteForByteTheGeneralEncoding() {
    EmbeddedChannel ch = new EmbeddedChannel(new FrameLineEncoder());
    java.util.Random random = new java.util.Random(16);
    // Every length modulo 3 (base64 padding), the smallest and the largest envelope a client takes,
    // names and ids of every plain character, and ids that take the general path.
    List<String> senders = List.of("bob", "a_9", "a.b-c", "zed");
    List<String> ids = List.of("m-1", "AZaz09_-.", "a b", "q\"", "\u2028", "m=1", "\u00e9");
    List<Integer> sizes =
        List.of(1, 2, 3, 4, 5, 200, 48_127, 48_128, Limits.CLIENT_MAX_MESSAGE_ENVELOPE_BYTES);
    for (String from : senders) {
      for (String msgId : ids) {
        for (int size : sizes) {
          byte[] envelope = new byte[size];
          random.nextBytes(envelope);
          MessageEvent m = new MessageEvent(from, msgId, envelope, random.nextLong() >>> 1);
          ch.writeOutbound(m);
          assertThat(written(ch)).as("%s", m).isEqualTo(FrameCodec.encode(m) + "\n");
        }
        // The sends themselves (from a client; the id may be any text).
        for (SendRequest send :
            List.of(
                new SendRequest("17", from, "m-1", new byte[] {1, 2, 3, 4}),
                new SendRequest(msgId, "bob", "AZaz09_-", new byte[] {9}))) {
          ch.writeOutbound(send);
          assertThat(written(ch)).as("%s", send).isEqualTo(FrameCodec.encode(send) + "\n");
        }
        // The answers to sends, with and without a receipt (re may be any id).
        for (SendOk ok :
            List.of(
                new SendOk(msgId, "m-1", random.nextLong() >>> 1, random.nextBoolean()),
                new SendOk(
                    from, "AZaz09_-", 0, false, new SendReceipt(Long.MAX_VALUE, "delivered", 7)),
                new SendOk(
                    "9", "x", 5, true, new SendReceipt(1, msgId, random.nextLong() >>> 1)))) {
          ch.writeOutbound(ok);
          assertThat(written(ch)).as("%s", ok).isEqualTo(FrameCodec.encode(ok) + "\n");
        }
      }
    }
    assertThat(ch.finish()).isFalse();
  }
}
