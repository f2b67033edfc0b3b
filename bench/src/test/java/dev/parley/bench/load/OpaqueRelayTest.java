package dev.parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.parley.protocol.Json;
import dev.parley.protocol.frame.FrameCodec;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The generator's envelopes and the frames it sends and reads, without a server. */
class OpaqueRelayTest {

  @Test
  void anEnvelopeStartsWithItsSendTimeAndSequence() {
    byte[] filler = new byte[200];
    Arrays.fill(filler, (byte) 7);
    long before = System.nanoTime();
    byte[] e = OpaqueRelay.envelope(filler, 42);
    assertThat(e).hasSize(200);
    assertThat(OpaqueRelay.sequence(e)).isEqualTo(42);
    assertThat(OpaqueRelay.sentNanos(e)).isBetween(before, System.nanoTime());
    assertThat(Arrays.copyOfRange(e, 12, 200)).containsOnly(7);
    assertThat(filler).containsOnly(7);
  }

  @Test
  void sendsTheFieldsItAlwaysSent() {
    byte[] envelope = OpaqueRelay.envelope(new byte[64], 3);
    // The request as the generator built it by string keys.
    JsonObject old = new JsonObject();
    old.addProperty("to", "b1a2b3c-1");
    old.addProperty("msgId", "m3");
    old.addProperty("envelope", Base64.getEncoder().encodeToString(envelope));
    assertThat(Json.write(FrameCodec.fields(OpaqueRelay.send("0", "b1a2b3c-1", 3, envelope))))
        .isEqualTo(Json.write(old));
  }
}
