package dev.parley.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The direct reader of {@code ack} and {@code ack_receipt} agrees with the general reader, in both
 * protocol versions: for every line it takes, the same request; every line it leaves (null) is the
 * general reader's to answer.
 */
class ConfirmationLineTest {
  private static final Random RANDOM = new Random(2027);

  /** The general reader's request for {@code line} at {@code version}, or null if it refuses. */
  private static Request general(String line, int version) {
    try {
      return FrameCodec.decodeRequest(FrameCodec.readEnvelope(DirectReads.parsed(line)), version);
    } catch (ProtocolException e) {
      return null;
    }
  }

  private static ReceivedFrame direct(String line, int version) {
    return DirectReads.atAnOffset(line, b -> ConfirmationLine.read(b, version));
  }

  private static void agree(String line, int version) {
    ReceivedFrame f = direct(line, version);
    assertThat(f).as("v%d %s", version, line).isNotNull();
    Request r = general(line, version);
    assertThat(f.decoded()).as("v%d %s", version, line).isEqualTo(r);
    assertThat(f.type()).isEqualTo(r.type());
    assertThat(f.id()).isEqualTo(r.id());
  }

  private static List<MessageRef> refs(int n) {
    return IntStream.range(0, n).mapToObj(i -> new MessageRef("ana" + i, "m-" + i)).toList();
  }

  private static List<Long> rids(int n) {
    return IntStream.range(0, n).mapToObj(i -> 1L + i * 7919L).toList();
  }

  @Test
  void takesWhatParleysClientsWriteAndGivesTheSameRequest() {
    List<Request> written =
        List.of(
            new AckRequest("3", "alice", "6f1c2a7e-1"),
            new AckRequest(null, "Alice", "6f1c2a7e-1"),
            new AckRequest(null, refs(2)),
            new AckRequest(null, refs(Limits.MAX_ACKS_PER_FRAME)),
            new AckRequest("x".repeat(Limits.MAX_ID_CHARS), refs(64)),
            new AckReceiptRequest("9", 1),
            new AckReceiptRequest(null, Long.parseLong("9".repeat(18))),
            new AckReceiptRequest(null, rids(2)),
            new AckReceiptRequest("7", rids(Limits.MAX_ACKS_PER_FRAME)));
    for (Request r : written) {
      String line = FrameCodec.encode(r);
      agree(line, 2);
      assertThat(direct(line, 2).decoded()).isEqualTo(r);
      boolean list =
          (r instanceof AckRequest a && a.messages().size() > 1)
              || (r instanceof AckReceiptRequest q && q.rids().size() > 1);
      if (list) {
        // Version 1 has no lists: its general reader refuses them, and so this reader leaves them.
        assertThat(direct(line, 1)).as(line).isNull();
      } else {
        agree(line, 1);
      }
    }
    // A sender as typed (not canonical) is canonicalised as the general reader does.
    agree("{\"type\":\"ack\",\"from\":\"Alice.B\",\"msgId\":\"m\"}", 1);
    agree(
        "{\"type\":\"ack\",\"messages\":[{\"from\":\"BOB\",\"msgId\":\"m\"},"
            + "{\"from\":\"ana\",\"msgId\":\"n\"}]}",
        2);
    // A one-element list is valid in version 2 too, though Parley writes the single form.
    agree("{\"type\":\"ack\",\"messages\":[{\"from\":\"bob\",\"msgId\":\"m\"}]}", 2);
    agree("{\"type\":\"ack_receipt\",\"rids\":[12]}", 2);
  }

  @Test
  void leavesEverythingElseToTheGeneralReader() {
    String ack = "{\"type\":\"ack\",\"from\":\"bob\",\"msgId\":\"m1\"}";
    String rid = "{\"type\":\"ack_receipt\",\"rid\":5}";
    String many =
        "{\"type\":\"ack\",\"messages\":["
            + refs(Limits.MAX_ACKS_PER_FRAME + 1).stream()
                .map(m -> "{\"from\":\"" + m.from() + "\",\"msgId\":\"" + m.msgId() + "\"}")
                .collect(Collectors.joining(","))
            + "]}";
    List<String> left =
        List.of(
            ack.replace("bob", "b"), // unknown_user
            ack.replace("bob", "bob\\u0062"), // an escape (valid, but the general reader's)
            ack.replace("m1", ""),
            ack.replace("m1", "m".repeat(Limits.MAX_MSG_ID_CHARS + 1)),
            ack.replace("m1", "é"),
            ack.replace("{\"type\":\"ack\",", "{\"type\":\"ack\",\"id\":\"\","),
            ack.replace("{\"type\":\"ack\",", "{\"type\":\"ack\",\"id\":\"1\""),
            ack.replace("{\"type\":\"ack\",", "{\"type\":\"ack\",\"id\":null,"),
            ack + " ",
            ack + "{}",
            ack.replace("}", ",\"extra\":1}"),
            ack.replace("\"from\":\"bob\",\"msgId\":\"m1\"", "\"msgId\":\"m1\",\"from\":\"bob\""),
            ack.replace("{\"type\"", "{ \"type\""),
            ack.substring(0, ack.length() - 1),
            "{\"type\":\"ack\",\"messages\":[]}",
            "{\"type\":\"ack\",\"messages\":[{\"from\":\"bob\",\"msgId\":\"m\"},]}",
            "{\"type\":\"ack\",\"messages\":[{\"from\":\"bob\",\"msgId\":\"m\"}],\"from\":\"x\"}",
            many,
            rid.replace("5", "0"),
            rid.replace("5", "05"),
            rid.replace("5", "-5"),
            rid.replace("5", "5.0"),
            rid.replace("5", "5e0"),
            rid.replace("5", "\"5\""),
            rid.replace("5", "9".repeat(19)),
            rid.replace("5", ""),
            "{\"type\":\"ack_receipt\",\"rids\":[]}",
            "{\"type\":\"ack_receipt\",\"rids\":[1,]}",
            "{\"type\":\"ack_receipt\",\"rids\":[1,0]}",
            "{\"type\":\"ack_receipt\",\"rids\":[1 ,2]}",
            "{\"type\":\"ack_receipt\",\"rids\":["
                + rids(Limits.MAX_ACKS_PER_FRAME + 1).stream()
                    .map(String::valueOf)
                    .collect(Collectors.joining(","))
                + "]}",
            "{\"type\":\"acks\",\"from\":\"bob\",\"msgId\":\"m1\"}",
            "{\"type\":\"ack\"}",
            "{\"type\":\"ack_receipt\"}");
    for (String l : left) {
      for (int version : List.of(1, 2)) {
        assertThat(direct(l, version)).as("v%d %s", version, l).isNull();
      }
    }
  }

  @Test
  void randomLinesNeverDisagree() {
    String alphabet = "ab\"\\ ,:[]{}09-_.é\u0001";
    List<String> seeds =
        List.of(
            FrameCodec.encode(new AckRequest("3", "alice", "m-1")),
            FrameCodec.encode(new AckRequest(null, refs(3))),
            FrameCodec.encode(new AckReceiptRequest("9", 12)),
            FrameCodec.encode(new AckReceiptRequest(null, rids(3))));
    int taken = 0;
    for (int i = 0; i < 50_000; i++) {
      StringBuilder p = new StringBuilder(seeds.get(RANDOM.nextInt(seeds.size())));
      // Mutations after the type only: a broken prefix is never this reader's.
      int from = p.indexOf(",") + 1;
      for (int n = 1 + RANDOM.nextInt(2); n > 0; n--) {
        int at = from + RANDOM.nextInt(p.length() - from + 1);
        if (RANDOM.nextBoolean() || at == p.length()) {
          p.insert(at, alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        } else {
          p.deleteCharAt(at);
        }
      }
      String line = p.toString();
      for (int version : List.of(1, 2)) {
        ReceivedFrame f = direct(line, version);
        if (f != null) {
          taken++;
          assertThat(f.decoded()).as("v%d %s", version, line).isEqualTo(general(line, version));
        }
      }
    }
    // The mutations must reach lines this reader takes, or the comparison proves nothing.
    assertThat(taken).isGreaterThan(1_000);
  }

  @Test
  void aLineOfOtherTypesIsNotRead() {
    List<String> others = new ArrayList<>();
    others.add(FrameCodec.encode(new SendRequest("1", "bob", "m1", new byte[] {1})));
    others.add("{\"type\":\"ping\",\"id\":\"1\"}");
    others.add("{\"type\":\"ack_receipts\",\"rid\":1}");
    for (String l : others) {
      assertThat(direct(l, 2)).as(l).isNull();
    }
  }
}
