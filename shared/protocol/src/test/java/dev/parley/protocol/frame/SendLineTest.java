package dev.parley.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Base64Rules;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The direct reader of a {@code send} agrees with the general reader: for every line it takes, the
 * same request; every line it leaves (null) is the general reader's to answer.
 */
class SendLineTest {
  private static final Random RANDOM = new Random(2026);

  /** The general reader's request for {@code line}, or null when it refuses it. */
  private static Request general(String line) {
    try {
      ReceivedFrame f = FrameCodec.readEnvelope(DirectReads.parsed(line));
      return f.id() == null ? null : FrameCodec.decodeRequest(f);
    } catch (ProtocolException e) {
      return null;
    }
  }

  private static ReceivedFrame direct(String line) {
    return DirectReads.atAnOffset(line, SendLine::read);
  }

  private static String line(String id, String to, String msgId, String envelope) {
    return "{\"type\":\"send\",\"id\":\""
        + id
        + "\",\"to\":\""
        + to
        + "\",\"msgId\":\""
        + msgId
        + "\",\"envelope\":\""
        + envelope
        + "\"}";
  }

  private static String b64(int size) {
    return DirectReads.b64(RANDOM, size);
  }

  @Test
  void takesWhatParleysClientsWriteAndGivesTheSameRequest() {
    SendRequest r = new SendRequest("17", "bob", "m-1_A", new byte[] {1, 2, 3});
    String written = FrameCodec.encode(r);
    ReceivedFrame f = direct(written);
    assertThat(f).isNotNull();
    assertThat(f.type()).isEqualTo("send");
    assertThat(f.id()).isEqualTo("17");
    assertThat(f.decoded()).isEqualTo(r).isEqualTo(general(written));
    for (int size : List.of(1, 2, 3, 4, 200, Limits.MAX_ENVELOPE_BYTES)) {
      String line = line("x" + size, "Ana.B-c_9", "id" + size, b64(size));
      assertThat(direct(line)).as("size %d", size).isNotNull();
      assertThat(direct(line).decoded()).isEqualTo(general(line));
    }
  }

  @Test
  void leavesEverythingElseToTheGeneralReader() {
    String env = b64(10);
    List<String> left =
        List.of(
            line("1", "bob", "m1", b64(Limits.MAX_ENVELOPE_BYTES + 1)), // too_large
            line("1", "bob", "m1", ""), // empty
            line("1", "bob", "m1", env.substring(0, env.length() - 1)), // not canonical
            line("1", "bob", "m1", "QR=="), // unused bits set
            line("1", "bob", "m 1", env), // a bad msgId
            line("1", "b", "m1", env), // unknown_user
            line("1", "bob\\u0062", "m1", env), // an escape (valid, but the general reader's)
            line("", "bob", "m1", env), // an empty id
            line("i".repeat(65), "bob", "m1", env), // a long id
            line("1", "bob", "m".repeat(65), env),
            line("1", "bob", "é", env),
            line("1", "bob", "m1", env) + " ",
            line("1", "bob", "m1", env) + "{}",
            line("1", "bob", "m1", env).replace("{\"type\"", "{ \"type\""),
            "{\"id\":\"1\",\"type\":\"send\",\"to\":\"bob\",\"msgId\":\"m1\",\"envelope\":\""
                + env
                + "\"}", // another key order
            line("1", "bob", "m1", env).replace("\"}", "\",\"extra\":1}"),
            line("1", "bob", "m1", env).replace("\"send\"", "\"sent\""),
            line("1", "bob", "m1", env).substring(0, 40));
    for (String l : left) {
      assertThat(direct(l)).as(l).isNull();
    }
  }

  @Test
  void randomLinesNeverDisagree() {
    String alphabet = "ab\"\\ =+/Q9-_.é\u0001";
    for (int i = 0; i < 50_000; i++) {
      String[] parts = {"1", "bob", "m1", b64(1 + RANDOM.nextInt(9))};
      int k = RANDOM.nextInt(4);
      StringBuilder p = new StringBuilder(parts[k]);
      int at = RANDOM.nextInt(p.length() + 1);
      p.insert(at, alphabet.charAt(RANDOM.nextInt(alphabet.length())));
      if (RANDOM.nextBoolean() && p.length() > 1) {
        p.deleteCharAt(RANDOM.nextInt(p.length()));
      }
      parts[k] = p.toString();
      String line = line(parts[0], parts[1], parts[2], parts[3]);
      ReceivedFrame f = direct(line);
      if (f != null) {
        assertThat(f.decoded()).as(line).isEqualTo(general(line));
      }
    }
  }

  @Test
  void canonicalBase64IsWhatTheEncoderWrites() {
    String alphabet = "ABCQRSTUVZabcz019+/=";
    for (int i = 0; i < 200_000; i++) {
      StringBuilder s = new StringBuilder();
      for (int n = RANDOM.nextInt(10); n > 0; n--) {
        s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
      }
      String t = s.toString();
      byte[] old;
      try {
        old = Base64.getDecoder().decode(t);
        if (!Base64.getEncoder().encodeToString(old).equals(t)) {
          old = null;
        }
      } catch (IllegalArgumentException e) {
        old = null;
      }
      assertThat(Base64Rules.decode(t)).as(t).isEqualTo(old);
      byte[] framed = ("<" + t + ">").getBytes(StandardCharsets.ISO_8859_1);
      assertThat(Base64Rules.decode(framed, 1, framed.length - 1)).as(t).isEqualTo(old);
    }
  }
}
