package dev.parley.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The client's direct reader of a {@code message} event agrees with the general reader: for every
 * line it takes, the same event; every line it leaves (null) is the general reader's to read.
 */
class MessageLineTest {
  private static final Random RANDOM = new Random(2026);

  /** The general reader's event for {@code line}, or null when it refuses it. */
  private static Event general(String line) {
    try {
      return FrameCodec.decodeEvent(DirectReads.parsed(line));
    } catch (ProtocolException e) {
      return null;
    }
  }

  private static MessageEvent direct(String line) {
    return DirectReads.atAnOffset(line, MessageLine::read);
  }

  private static String line(String from, String msgId, String envelope, String sentAt) {
    return "{\"type\":\"message\",\"from\":\""
        + from
        + "\",\"msgId\":\""
        + msgId
        + "\",\"envelope\":\""
        + envelope
        + "\",\"sentAt\":"
        + sentAt
        + "}";
  }

  private static String b64(int size) {
    return DirectReads.b64(RANDOM, size);
  }

  /**
   * The line the server writes for {@code m} on its direct path, as the client's decoder cuts it.
   */
  private static String served(MessageEvent m) {
    ByteBuf b = DirectLine.write(UnpooledByteBufAllocator.DEFAULT, m);
    try {
      String line = b.toString(StandardCharsets.UTF_8);
      assertThat(line).endsWith("\n");
      return line.substring(0, line.length() - 1);
    } finally {
      b.release();
    }
  }

  @Test
  void takesWhatTheServerWritesAndGivesTheSameEvent() {
    for (int size : List.of(1, 2, 3, 4, 200, Limits.CLIENT_MAX_MESSAGE_ENVELOPE_BYTES)) {
      byte[] envelope = new byte[size];
      RANDOM.nextBytes(envelope);
      MessageEvent m = new MessageEvent("ana.b-c_9", "m-" + size, envelope, 1_764_000_000_123L);
      for (String written : List.of(served(m), FrameCodec.encode(m))) {
        assertThat(direct(written)).as("size %d", size).isEqualTo(m).isEqualTo(general(written));
      }
    }
    String zero = line("bob", "m1", b64(3), "0");
    assertThat(direct(zero)).isNotNull().isEqualTo(general(zero));
  }

  @Test
  void leavesEverythingElseToTheGeneralReader() {
    String env = b64(10);
    List<String> left =
        List.of(
            line("bob", "m1", b64(Limits.CLIENT_MAX_MESSAGE_ENVELOPE_BYTES + 1), "1"),
            line("bob", "m1", "", "1"), // empty
            line("bob", "m1", env.substring(0, env.length() - 1), "1"), // not canonical
            line("bob", "m1", "QR==", "1"), // unused bits set
            line("Bob", "m1", env, "1"), // not canonical as a name
            line("bob\\u0062", "m1", env, "1"), // an escape (valid, but the general reader's)
            line("bob", "m\\u0031", env, "1"),
            line("", "m1", env, "1"),
            line("bob", "", env, "1"),
            line("bob", "m".repeat(Limits.MAX_MSG_ID_CHARS + 1), env, "1"),
            line("bob", "é", env, "1"),
            line("bob", "m1", env, "-1"),
            line("bob", "m1", env, "01"),
            line("bob", "m1", env, "1.0"),
            line("bob", "m1", env, "1e3"),
            line("bob", "m1", env, "9".repeat(19)), // the general reader's to judge
            line("bob", "m1", env, ""),
            line("bob", "m1", env, "1") + " ",
            line("bob", "m1", env, "1") + "{}",
            line("bob", "m1", env, "1").replace("{\"type\"", "{ \"type\""),
            line("bob", "m1", env, "1").replace("}", ",\"extra\":1}"),
            line("bob", "m1", env, "1").replace("\"message\"", "\"massage\""),
            line("bob", "m1", env, "1").substring(0, 40));
    for (String l : left) {
      assertThat(direct(l)).as(l).isNull();
    }
  }

  @Test
  void randomLinesNeverDisagree() {
    String alphabet = "ab\"\\ =+/Q9-_.é\u0001,}0";
    for (int i = 0; i < 50_000; i++) {
      String[] parts = {"bob", "m1", b64(1 + RANDOM.nextInt(9)), "1764000000123"};
      int k = RANDOM.nextInt(4);
      StringBuilder p = new StringBuilder(parts[k]);
      int at = RANDOM.nextInt(p.length() + 1);
      p.insert(at, alphabet.charAt(RANDOM.nextInt(alphabet.length())));
      if (RANDOM.nextBoolean() && p.length() > 1) {
        p.deleteCharAt(RANDOM.nextInt(p.length()));
      }
      parts[k] = p.toString();
      String line = line(parts[0], parts[1], parts[2], parts[3]);
      MessageEvent m = direct(line);
      if (m != null) {
        assertThat(m).as(line).isEqualTo(general(line));
      }
    }
  }
}
