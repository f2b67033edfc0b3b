package dev.parley.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames holding bytes are values: equal by content, and a decoded frame equals its source. */
class FrameEqualityTest {
  private static byte[] bytes(int n, int seed) {
    return FrameGoldenTest.bytes(n, seed);
  }

  @Test
  void bytesCompareByContent() {
    assertThat(new SendRequest("1", "bob", "m", bytes(5, 1)))
        .isEqualTo(new SendRequest("1", "bob", "m", bytes(5, 1)))
        .hasSameHashCodeAs(new SendRequest("1", "bob", "m", bytes(5, 1)))
        .isNotEqualTo(new SendRequest("1", "bob", "m", bytes(5, 2)))
        .isNotEqualTo(new SendRequest("2", "bob", "m", bytes(5, 1)));
    assertThat(new SignedPreKey(1, bytes(32, 1), bytes(64, 1)))
        .isEqualTo(new SignedPreKey(1, bytes(32, 1), bytes(64, 1)))
        .isNotEqualTo(new SignedPreKey(2, bytes(32, 1), bytes(64, 1)));
    assertThat(new TypingEvent("alice", bytes(3, 1)))
        .isNotEqualTo(new TypingEvent("alice", bytes(3, 2)));
  }

  @Test
  void toStringShowsLengthsNotBytes() {
    assertThat(new MessageEvent("alice", "m1", bytes(200, 1), 5))
        .hasToString("MessageEvent[from=alice, msgId=m1, envelope=200 bytes, sentAt=5]");
  }

  @Test
  void decodedFramesEqualTheirSource() throws Exception {
    SignedPreKey spk = new SignedPreKey(7, bytes(32, 3), bytes(64, 4));
    List<Request> requests =
        List.of(
            new SendRequest("7", "bob", "m-1", bytes(100, 1)),
            new TypingRequest("8", "bob", bytes(10, 2)),
            new PublishKeysRequest(
                "9", bytes(32, 1), bytes(32, 2), spk, List.of(new OneTimePreKey(1, bytes(32, 5)))),
            new LoginRequest("2", "alice", null, FrameGoldenTest.AUTH_KEY));
    for (Request r : requests) {
      assertThat(FrameCodec.decodeRequest(FrameCodec.encode(r))).isEqualTo(r);
    }
    BundleOk b = new BundleOk("6", "bob", bytes(32, 1), bytes(32, 2), spk, null);
    assertThat(FrameCodec.decodeAnswer(FrameCodec.encode(b), "fetch_bundle")).isEqualTo(b);
    MessageEvent m = new MessageEvent("alice", "m1", bytes(300, 9), 1795550000000L);
    assertThat(FrameCodec.decodeEvent(FrameCodec.encode(m))).isEqualTo(m);
  }
}
