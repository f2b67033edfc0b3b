package dev.parley.client.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.parley.client.api.MalformedServerFrameException;
import dev.parley.client.api.ServerErrorException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.frame.ContactOk;
import dev.parley.protocol.frame.EmptyOk;
import dev.parley.protocol.frame.KeysOk;
import dev.parley.protocol.frame.ServerHello;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the server sends is read strictly: typed answers, errors as exceptions, clear failures. */
class ServerFramesTest {
  private static JsonObject json(String line) {
    return JsonParser.parseString(line).getAsJsonObject();
  }

  private static <A extends dev.parley.protocol.frame.Answer> CompletableFuture<A> answer(
      String line, String requestType, Class<A> expected) {
    return ServerFrames.answered(
        CompletableFuture.completedFuture(json(line)), requestType, expected);
  }

  @Test
  void anOkIsTheTypedAnswerOfItsRequest() throws Exception {
    KeysOk keys =
        answer(
                "{\"type\":\"ok\",\"re\":\"4\",\"oneTimePreKeys\":100}",
                "publish_keys",
                KeysOk.class)
            .get(1, TimeUnit.SECONDS);
    assertThat(keys.oneTimePreKeys()).isEqualTo(100);

    ContactOk contact =
        answer(
                "{\"type\":\"ok\",\"re\":\"5\",\"contact\":{\"user\":\"bob\",\"online\":true}}",
                FrameType.ADD_CONTACT,
                ContactOk.class)
            .get(1, TimeUnit.SECONDS);
    assertThat(contact.contact().mutual()).as("an old server without mutual").isTrue();
  }

  @Test
  void anErrorIsTheServerErrorItStandsFor() {
    CompletableFuture<EmptyOk> f =
        answer(
            "{\"type\":\"error\",\"re\":\"2\",\"code\":\"rate_limited\",\"message\":\"Slow"
                + " down.\",\"retryAfterMs\":1500}",
            FrameType.SEND,
            EmptyOk.class);

    assertThatThrownBy(() -> f.get(1, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            ServerErrorException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
              assertThat(e.getMessage()).isEqualTo("Slow down.");
              assertThat(e.retryAfterMs()).isEqualTo(1500);
            });
  }

  @Test
  void aMalformedAnswerIsAClearErrorNamingTheRequest() {
    assertThatThrownBy(
            () ->
                answer("{\"type\":\"ok\",\"re\":\"4\"}", FrameType.PUBLISH_KEYS, KeysOk.class)
                    .get(1, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(MalformedServerFrameException.class)
        .hasMessageContaining("answer to publish_keys")
        .hasMessageContaining("oneTimePreKeys");
    assertThatThrownBy(
            () ->
                answer("{\"type\":\"error\",\"re\":\"4\",\"code\":7}", "login", EmptyOk.class)
                    .get(1, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(MalformedServerFrameException.class)
        .hasMessageContaining("answer to login");
  }

  @Test
  void anAnswerOfAnotherKindIsMalformed() {
    // A pong does not answer a login, whatever id it carries.
    assertThatThrownBy(
            () ->
                answer("{\"type\":\"pong\",\"re\":\"3\"}", FrameType.LOGIN, EmptyOk.class)
                    .get(1, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(MalformedServerFrameException.class);
  }

  @Test
  void aLostConnectionStaysTheIoExceptionItWas() {
    CompletableFuture<JsonObject> lost = CompletableFuture.failedFuture(new IOException("lost"));

    assertThatThrownBy(
            () -> ServerFrames.answered(lost, "send", EmptyOk.class).get(1, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(IOException.class)
        .hasMessage("lost");
  }

  @Test
  void theServerHelloIsReadStrictly() {
    ServerHello hello =
        ServerFrames.hello(
            json("{\"type\":\"hello\",\"version\":1,\"software\":\"Parley\",\"name\":\"Lab\"}"));
    assertThat(hello.name()).isEqualTo("Lab");

    assertThatThrownBy(
            () ->
                ServerFrames.hello(
                    json("{\"type\":\"hello\",\"version\":\"1\",\"software\":\"x\"}")))
        .isInstanceOf(MalformedServerFrameException.class)
        .hasMessageContaining("hello");
    assertThatThrownBy(() -> ServerFrames.hello(json("{\"type\":\"ping\"}")))
        .isInstanceOf(MalformedServerFrameException.class)
        .hasMessageContaining("came first");
    assertThatThrownBy(
            () ->
                ServerFrames.hello(
                    json(
                        "{\"type\":\"error\",\"code\":\"server_busy\",\"message\":\"Too many"
                            + " connections.\"}")))
        .isInstanceOf(ServerErrorException.class)
        .hasMessage("Too many connections.");
  }
}
