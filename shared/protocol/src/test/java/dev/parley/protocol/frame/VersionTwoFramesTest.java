package dev.parley.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Json;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.ProtocolInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What protocol version 2 adds (docs/decisions/0014): batched confirmations, receipts in ok. */
class VersionTwoFramesTest {
  private static Request decode(String line, int version) throws ProtocolException {
    return FrameCodec.decodeRequest(FrameCodec.readEnvelope(Json.parseObject(line)), version);
  }

  @Test
  void thisBuildSpeaksBothVersions() {
    assertThat(ProtocolInfo.speaks(1)).isTrue();
    assertThat(ProtocolInfo.speaks(2)).isTrue();
    assertThat(ProtocolInfo.speaks(0)).isFalse();
    assertThat(ProtocolInfo.speaks(3)).isFalse();
  }

  @Test
  void anAckConfirmsAListOfMessagesWithoutAnId() throws Exception {
    String line =
        "{\"type\":\"ack\",\"messages\":[{\"from\":\"Alice\",\"msgId\":\"m1\"},"
            + "{\"from\":\"bob\",\"msgId\":\"m 2\"}]}";
    AckRequest a = (AckRequest) decode(line, 2);
    assertThat(a.id()).isNull();
    assertThat(a.messages())
        .containsExactly(new MessageRef("alice", "m1"), new MessageRef("bob", "m 2"));
    JsonObject written = FrameCodec.toJson(a);
    assertThat(written.has("id")).isFalse();
    assertThat(written.getAsJsonArray("messages")).hasSize(2);
    assertThat(decode(Json.write(written), 2)).isEqualTo(a);
  }

  @Test
  void oneMessageIsWrittenAsVersionOneReadsIt() throws Exception {
    JsonObject one = FrameCodec.toJson(new AckRequest("4", "alice", "m1"));
    assertThat(Json.write(one))
        .isEqualTo("{\"type\":\"ack\",\"id\":\"4\",\"from\":\"alice\",\"msgId\":\"m1\"}");
    JsonObject rid = FrameCodec.toJson(new AckReceiptRequest("5", 9));
    assertThat(Json.write(rid)).isEqualTo("{\"type\":\"ack_receipt\",\"id\":\"5\",\"rid\":9}");
  }

  @Test
  void versionOneReadsOnlyItsOwnFields() {
    assertThatThrownBy(
            () ->
                decode(
                    "{\"type\":\"ack\",\"id\":\"1\",\"messages\":[{\"from\":\"alice\","
                        + "\"msgId\":\"m1\"}]}",
                    1))
        .hasMessage("missing field 'from'");
    assertThatThrownBy(() -> decode("{\"type\":\"ack_receipt\",\"id\":\"1\",\"rids\":[1,2]}", 1))
        .hasMessage("missing field 'rid'");
  }

  @Test
  void listsAreBoundedAndCheckedElementByElement() {
    refused("{\"type\":\"ack\",\"messages\":[]}", "field 'messages' must not be empty");
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 257; i++) {
      many.add("{\"from\":\"alice\",\"msgId\":\"m" + i + "\"}");
    }
    refused(
        "{\"type\":\"ack\",\"messages\":[" + String.join(",", many) + "]}",
        "field 'messages' has more than 256 elements");
    refused("{\"type\":\"ack\",\"messages\":[\"alice\"]}", "messages holds objects");
    refused(
        "{\"type\":\"ack\",\"messages\":{\"from\":\"alice\"}}",
        "field 'messages' must be an array");
    refused(
        "{\"type\":\"ack\",\"messages\":[{\"from\":\"alice\",\"msgId\":\"m1\"},{\"msgId\":\"m2\"}]}",
        "missing field 'from'");
    refused("{\"type\":\"ack_receipt\",\"rids\":[]}", "field 'rids' must not be empty");
    refused(
        "{\"type\":\"ack_receipt\",\"rids\":[1,0]}",
        "field 'rids' must be between 1 and 9223372036854775807");
    refused("{\"type\":\"ack_receipt\",\"rids\":[1,\"2\"]}", "field 'rids' must be a number");
  }

  private static void refused(String line, String message) {
    assertThatThrownBy(() -> decode(line, 2))
        .isInstanceOfSatisfying(
            ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
        .hasMessage(message);
  }

  @Test
  void receiptConfirmationsGoAsOneList() throws Exception {
    AckReceiptRequest a =
        (AckReceiptRequest) decode("{\"type\":\"ack_receipt\",\"rids\":[3,1,2]}", 2);
    assertThat(a.id()).isNull();
    assertThat(a.rids()).containsExactly(3L, 1L, 2L);
    assertThat(decode(Json.write(FrameCodec.toJson(a)), 2)).isEqualTo(a);
  }

  @Test
  void aSendOkMayCarryTheMessagesReceipt() throws Exception {
    SendOk ok = new SendOk("7", "m1", 1000, false, new SendReceipt(12, "delivered", 1005));
    String line = Json.write(FrameCodec.toJson(ok));
    assertThat(line)
        .isEqualTo(
            "{\"type\":\"ok\",\"re\":\"7\",\"msgId\":\"m1\",\"sentAt\":1000,\"duplicate\":false,"
                + "\"receipt\":{\"rid\":12,\"status\":\"delivered\",\"at\":1005}}");
    assertThat(FrameCodec.decodeAnswer(line, FrameType.SEND)).isEqualTo(ok);
    assertThat(ok.receipt().asEvent("bob", "m1"))
        .isEqualTo(new ReceiptEvent(12, "bob", "m1", "delivered", 1005));
    assertThat(
            FrameCodec.decodeAnswer(
                "{\"type\":\"ok\",\"re\":\"7\",\"msgId\":\"m1\",\"sentAt\":1000,"
                    + "\"duplicate\":false}",
                FrameType.SEND))
        .isEqualTo(new SendOk("7", "m1", 1000, false));
    assertThatThrownBy(
            () ->
                FrameCodec.decodeAnswer(
                    "{\"type\":\"ok\",\"re\":\"7\",\"msgId\":\"m1\",\"sentAt\":1000,"
                        + "\"duplicate\":false,\"receipt\":{\"rid\":0,\"status\":\"delivered\","
                        + "\"at\":1}}",
                    FrameType.SEND))
        .hasMessage("field 'rid' must be between 1 and 9223372036854775807");
  }
}
