package dev.parley.server.it;

import static dev.parley.server.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.parley.server.testing.Eventually;
import dev.parley.server.testing.TestServer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hostile and broken clients never take the server down or hurt other users. */
class BadInputTest extends ServerTestBase {

  /** {@code reader} gets exactly {@code count} messages from {@code from} (acknowledging each). */
  static void receiveExactly(RawClient reader, String from, int count) throws Exception {
    for (int i = 0; i < count; i++) {
      JsonObject m = reader.event("message");
      reader.send("ack", "from", from, "msgId", m.get("msgId").getAsString());
    }
    assertThat(
            reader.nothing(
                f -> f.get("type").getAsString().equals("message"), Duration.ofMillis(300)))
        .isTrue();
  }

  /** A well-behaved pair still chats. */
  void assertServerStillServes(String tag) throws Exception {
    RawClient a = connect().hello().register("ok-a-" + tag, PASSWORD);
    RawClient b = connect().hello().register("ok-b-" + tag, PASSWORD);
    a.ok("send", "to", "ok-b-" + tag, "msgId", "fine", "envelope", new byte[] {1, 2, 3});
    assertThat(b.event("message").get("msgId").getAsString()).isEqualTo("fine");
  }

  @Test
  void anOversizedFrameGetsTooLargeThenTheConnectionCloses() throws Exception {
    RawClient c = connect().hello();
    c.sendRaw(("{\"type\":\"ping\",\"id\":\"" + "x".repeat(70_000) + "\"}\n").getBytes());
    JsonObject err = c.next(f -> f.get("type").getAsString().equals("error"));
    assertThat(err.get("code").getAsString()).isEqualTo("too_large");
    assertThat(c.awaitClosed(Duration.ofSeconds(5))).isTrue();
    assertServerStillServes("big");
  }

  @Test
  void binaryGarbageAndInvalidUtf8GetErrorsNotCrashes() throws Exception {
    RawClient c = connect().hello();
    Random rnd = new Random(1234);
    for (int i = 0; i < 200; i++) {
      byte[] junk = new byte[1 + rnd.nextInt(300)];
      rnd.nextBytes(junk);
      for (int j = 0; j < junk.length; j++) {
        if (junk[j] == '\n') {
          junk[j] = ' ';
        }
      }
      c.sendRaw(junk);
      c.sendRaw(new byte[] {'\n'});
    }
    String id = c.send("ping");
    assertThat(c.answer(id).get("type").getAsString()).isEqualTo("pong");
    assertServerStillServes("junk");
  }

  @Test
  void aFrameSplitAcrossManyWritesIsReassembled() throws Exception {
    RawClient c = connect();
    // Each byte leaves at once as a TLS record of its own (sendRaw flushes; no Nagle delay).
    c.socket.setTcpNoDelay(true);
    byte[] frame = "{\"type\":\"hello\",\"id\":\"split\",\"version\":1}\n".getBytes();
    for (byte b : frame) {
      c.sendRaw(new byte[] {b});
    }
    assertThat(c.answer("split").get("type").getAsString()).isEqualTo("ok");
  }

  @Test
  void aClientThatDisconnectsMidFrameDoesNotDisturbOthers() throws Exception {
    RawClient c = connect().hello();
    c.sendRaw("{\"type\":\"register\",\"id\":\"1\",\"username\":\"half".getBytes());
    c.close();
    assertServerStillServes("mid");
  }

  @Test
  void deeplyNestedAndHugeNumbersAreRejected() throws Exception {
    RawClient c = connect().hello();
    c.sendLine(
        "{\"type\":\"ping\",\"id\":\"n\",\"x\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}");
    c.sendLine("{\"type\":\"ack_receipt\",\"id\":\"h\",\"rid\":1e999999}");
    c.register("nest", PASSWORD);
    JsonObject huge = c.call("ack_receipt", "rid", new java.math.BigDecimal("1e40"));
    assertThat(huge.get("code").getAsString()).isEqualTo("bad_request");
    assertServerStillServes("nest");
  }

  @Test
  void aRecipientThatNeverReadsCannotGrowTheServerOrBlockOthers() throws Exception {
    RawClient sender = connect().hello().register("flooder", PASSWORD);
    // The sink logs in, then never reads its socket again.
    RawClient sink = connect().hello().register("sink", PASSWORD);
    sink.socket.setReceiveBufferSize(4096);
    // Its ok leaves before its session starts: the flood is for a logged-in sink.
    Eventually.await(
        "the sink is logged in", Duration.ofSeconds(10), () -> server.isSignedIn("sink"));
    byte[] envelope = new byte[8 * 1024];
    OutputStream out = sender.socket.getOutputStream();
    // 600 x 8 KiB = 4.8 MiB aimed at a reader that takes nothing.
    StringBuilder batch = new StringBuilder();
    String b64 = java.util.Base64.getEncoder().encodeToString(envelope);
    for (int i = 0; i < 600; i++) {
      batch
          .append("{\"type\":\"send\",\"id\":\"s")
          .append(i)
          .append("\",\"to\":\"sink\",\"msgId\":\"f")
          .append(i)
          .append("\",\"envelope\":\"")
          .append(b64)
          .append("\"}\n");
      if (i % 50 == 49) {
        synchronized (out) {
          out.write(batch.toString().getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
        batch.setLength(0);
      }
    }
    sender.answer("s599");
    assertServerStillServes("slow");
    // Everything was stored: a fresh login as the sink gets all of it, reading normally.
    sink.close();
    RawClient reader = connect().hello().login("sink", PASSWORD);
    receiveExactly(reader, "flooder", 600);
  }

  @Test
  void beyondMaxConnectionsNewClientsAreTurnedAway() throws Exception {
    server.close();
    server = TestServer.start(dir.resolve("max"), b -> b.maxConnections(3));
    for (int i = 0; i < 3; i++) {
      connect().hello();
    }
    RawClient extra = connect();
    // Instead of the server's hello, a refused client gets only the error.
    assertThat(extra.serverHello.get("type").getAsString()).isEqualTo("error");
    assertThat(extra.serverHello.get("code").getAsString()).isEqualTo("server_busy");
    assertThat(extra.awaitClosed(Duration.ofSeconds(5))).isTrue();
    clients.remove(0).close();
    // Admitted again once the server has seen the close and freed its slot.
    RawClient[] admitted = new RawClient[1];
    Eventually.await(
        "a closed connection's slot is free again",
        Duration.ofSeconds(5),
        () -> {
          RawClient c = new RawClient(server.port());
          if (c.serverHello.get("type").getAsString().equals("hello")) {
            admitted[0] = c;
            return true;
          }
          c.close();
          return false;
        });
    clients.add(admitted[0]);
    admitted[0].hello();
  }

  @Test
  void aRequestFloodIsRateLimitedWhileOthersAreServed() throws Exception {
    server.close();
    server = TestServer.start(dir.resolve("rate"), b -> b.requestRate(50, 100));
    RawClient noisy = connect().hello().register("noisy", PASSWORD);
    StringBuilder flood = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      flood.append("{\"type\":\"list_contacts\",\"id\":\"f").append(i).append("\"}\n");
    }
    noisy.sendRaw(flood.toString().getBytes(StandardCharsets.UTF_8));
    JsonObject limited =
        noisy.next(f -> f.has("code") && f.get("code").getAsString().equals("rate_limited"));
    assertThat(limited.get("retryAfterMs").getAsLong()).isPositive();
    assertServerStillServes("rate");
  }

  @Test
  void aSendFloodIsRateLimitedAndOnlyWhatWasAcceptedIsQueued() throws Exception {
    server.close();
    server = TestServer.start(dir.resolve("sendflood"), b -> b.requestRate(50, 100));
    connect().hello().register("victim", PASSWORD).close();
    RawClient noisy = connect().hello().register("spammer", PASSWORD);
    int frames = 1_000;
    StringBuilder flood = new StringBuilder();
    for (int i = 0; i < frames; i++) {
      flood
          .append("{\"type\":\"send\",\"id\":\"s")
          .append(i)
          .append("\",\"to\":\"victim\",\"msgId\":\"m")
          .append(i)
          .append("\",\"envelope\":\"AAEC\"}\n");
    }
    long start = System.nanoTime();
    noisy.sendRaw(flood.toString().getBytes(StandardCharsets.UTF_8));
    int accepted = 0;
    int limited = 0;
    for (int i = 0; i < frames; i++) {
      JsonObject answer = noisy.answer("s" + i);
      if (answer.get("type").getAsString().equals("ok")) {
        accepted++;
      } else {
        assertThat(answer.get("code").getAsString()).isEqualTo("rate_limited");
        limited++;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    // Every frame got exactly one answer; no more were accepted than the bucket allows.
    assertThat(accepted + limited).isEqualTo(frames);
    assertThat(limited).isPositive();
    assertThat(accepted).isLessThanOrEqualTo(100 + (int) Math.ceil(50 * seconds) + 1);

    // The victim receives exactly the accepted messages, and nothing else.
    RawClient victim = connect().hello().login("victim", PASSWORD);
    receiveExactly(victim, "spammer", accepted);
    assertServerStillServes("sendflood");
  }
}
