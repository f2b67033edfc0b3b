package dev.parley.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Requests decode with the server's codes and messages, the first broken rule of a frame winning in
 * the server's order (docs/PROTOCOL.md §2, §5, §6, §8).
 */
class RequestDecodingTest {
  private static final String KEY = "eRqqwLZXFC9q0AwfCKl9pc03pNOmCxGN+3fkDMg82pk=";
  private static final String B32 = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

  private static ProtocolException refusal(String line) {
    try {
      FrameCodec.decodeRequest(line);
    } catch (ProtocolException e) {
      return e;
    }
    throw new AssertionError("accepted: " + line);
  }

  private static void refused(String line, ErrorCode code, String message) {
    ProtocolException e = refusal(line);
    assertThat(e.code()).as(line).isEqualTo(code);
    assertThat(e.getMessage()).as(line).isEqualTo(message);
  }

  @Test
  void theEnvelopeReadsIdBeforeType() throws Exception {
    ReceivedFrame f =
        FrameCodec.readEnvelope(
            ByteBuffer.wrap("{\"type\":\"ping\",\"id\":\"9\"}".getBytes(StandardCharsets.UTF_8)));
    assertThat(f.type()).isEqualTo("ping");
    assertThat(f.id()).isEqualTo("9");
    // An invalid id fails before a missing type: its error carries no re.
    assertThatThrownBy(
            () ->
                FrameCodec.readEnvelope(
                    ByteBuffer.wrap("{\"id\":5}".getBytes(StandardCharsets.UTF_8))))
        .hasMessage("field 'id' must be a string");
    assertThatThrownBy(
            () ->
                FrameCodec.readEnvelope(
                    ByteBuffer.wrap("{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8))))
        .hasMessage("missing field 'type'");
    assertThatThrownBy(
            () ->
                FrameCodec.readEnvelope(
                    ByteBuffer.wrap(
                        ("{\"type\":\"" + "t".repeat(33) + "\"}")
                            .getBytes(StandardCharsets.UTF_8))))
        .hasMessage("field 'type' must have 1 to 32 characters");
    assertThatThrownBy(
            () -> FrameCodec.readEnvelope(ByteBuffer.wrap(new byte[] {'{', (byte) 0xC0, '}'})))
        .hasMessage("a frame must be valid UTF-8");
    // The body is read only when asked, so a state check can come first.
    ReceivedFrame later =
        FrameCodec.readEnvelope(
            ByteBuffer.wrap("{\"type\":\"send\",\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8)));
    assertThat(later.type()).isEqualTo("send");
  }

  @Test
  void unknownTypes() {
    refused(
        "{\"type\":\"gossip\",\"id\":\"1\"}",
        ErrorCode.BAD_REQUEST,
        "Unknown frame type 'gossip'.");
  }

  @Test
  void hello() throws Exception {
    HelloRequest h =
        (HelloRequest) FrameCodec.decodeRequest("{\"type\":\"hello\",\"id\":\"1\",\"version\":7}");
    assertThat(h.version()).isEqualTo(7);
    assertThat(h.software()).isNull();
    refused("{\"type\":\"hello\",\"id\":\"1\"}", ErrorCode.BAD_REQUEST, "missing field 'version'");
    refused(
        "{\"type\":\"hello\",\"id\":\"1\",\"version\":-1}",
        ErrorCode.BAD_REQUEST,
        "field 'version' must be between 0 and 2147483647");
    refused(
        "{\"type\":\"hello\",\"id\":\"1\",\"version\":1,\"software\":\"" + "s".repeat(129) + "\"}",
        ErrorCode.BAD_REQUEST,
        "field 'software' must have 1 to 128 characters");
  }

  @Test
  void usersAreCanonicalisedAndAnInvalidOneIsUnknown() throws Exception {
    FetchBundleRequest f =
        (FetchBundleRequest)
            FrameCodec.decodeRequest("{\"type\":\"fetch_bundle\",\"id\":\"1\",\"user\":\" Bob \"}");
    assertThat(f.user()).isEqualTo("bob");
    refused(
        "{\"type\":\"add_contact\",\"id\":\"1\",\"user\":\"b!\"}",
        ErrorCode.UNKNOWN_USER,
        "There is no user called b!.");
    refused(
        "{\"type\":\"remove_contact\",\"id\":\"1\",\"user\":\"" + "b".repeat(65) + "\"}",
        ErrorCode.BAD_REQUEST,
        "field 'user' must have 1 to 64 characters");
    // 33 to 64 characters: read, then no such user can exist.
    refused(
        "{\"type\":\"remove_contact\",\"id\":\"1\",\"user\":\"" + "b".repeat(64) + "\"}",
        ErrorCode.UNKNOWN_USER,
        "There is no user called " + "b".repeat(64) + ".");
    refused(
        "{\"type\":\"add_contact\",\"id\":\"1\",\"user\":3}",
        ErrorCode.BAD_REQUEST,
        "field 'user' must be a string");
  }

  @Test
  void sendChecksTheRecipientFirst() throws Exception {
    // unknown_user for a to that breaks the rules wins over the field errors after it.
    refused(
        "{\"type\":\"send\",\"id\":\"1\",\"to\":\"x\",\"msgId\":5,\"envelope\":\"AQ\"}",
        ErrorCode.UNKNOWN_USER,
        "There is no user called x.");
    refused(
        "{\"type\":\"send\",\"id\":\"1\",\"to\":\"bob\",\"msgId\":\"a b\",\"envelope\":\"AQ\"}",
        ErrorCode.BAD_REQUEST,
        "msgId is 1 to 64 characters of A-Z a-z 0-9 _ -");
    refused(
        "{\"type\":\"send\",\"id\":\"1\",\"to\":\"bob\",\"msgId\":\"m\",\"envelope\":\"AQ\"}",
        ErrorCode.BAD_REQUEST,
        "field 'envelope' must be standard base64 with padding");
    refused(
        "{\"type\":\"send\",\"id\":\"1\",\"to\":\"bob\",\"msgId\":\"m\"}",
        ErrorCode.BAD_REQUEST,
        "missing field 'envelope'");
    String big = java.util.Base64.getEncoder().encodeToString(new byte[48_129]);
    refused(
        "{\"type\":\"send\",\"id\":\"1\",\"to\":\"bob\",\"msgId\":\"m\",\"envelope\":\""
            + big
            + "\"}",
        ErrorCode.TOO_LARGE,
        "field 'envelope' is limited to 48128 bytes");
    String fits = java.util.Base64.getEncoder().encodeToString(new byte[48_128]);
    SendRequest s =
        (SendRequest)
            FrameCodec.decodeRequest(
                "{\"type\":\"send\",\"id\":\"1\",\"to\":\"Bob\",\"msgId\":\"m\",\"envelope\":\""
                    + fits
                    + "\"}");
    assertThat(s.to()).isEqualTo("bob");
    assertThat(s.envelope()).hasSize(48_128);
  }

  @Test
  void ackTakesAnyMsgIdText() throws Exception {
    AckRequest a =
        (AckRequest)
            FrameCodec.decodeRequest(
                "{\"type\":\"ack\",\"id\":\"1\",\"from\":\"alice\",\"msgId\":\"a b\"}");
    assertThat(a.messages().get(0).msgId()).isEqualTo("a b");
    refused(
        "{\"type\":\"ack_receipt\",\"id\":\"1\",\"rid\":0}",
        ErrorCode.BAD_REQUEST,
        "field 'rid' must be between 1 and 9223372036854775807");
    refused(
        "{\"type\":\"typing\",\"id\":\"1\",\"to\":\"bob\",\"envelope\":\""
            + java.util.Base64.getEncoder().encodeToString(new byte[2049])
            + "\"}",
        ErrorCode.TOO_LARGE,
        "field 'envelope' is limited to 2048 bytes");
  }

  @Test
  void registerAndLoginInTheOrderOfSection5() throws Exception {
    refused(
        "{\"type\":\"register\",\"id\":\"1\",\"password\":5}",
        ErrorCode.BAD_REQUEST,
        "missing field 'username'");
    refused(
        "{\"type\":\"register\",\"id\":\"1\",\"username\":\"alice\",\"password\":5}",
        ErrorCode.BAD_REQUEST,
        "field 'password' must be a string");
    refused(
        "{\"type\":\"register\",\"id\":\"1\",\"username\":\"x\"}",
        ErrorCode.BAD_REQUEST,
        "register takes exactly one of 'password' and 'authKey'.");
    refused(
        "{\"type\":\"register\",\"id\":\"1\",\"username\":\"x\",\"authKey\":\"AAE=\"}",
        ErrorCode.BAD_REQUEST,
        "field 'authKey' must be the standard base64 of 32 bytes");
    refused(
        "{\"type\":\"register\",\"id\":\"1\",\"username\":\"x\",\"password\":\""
            + "P1".repeat(129)
            + "\"}",
        ErrorCode.TOO_LARGE,
        "field 'password' is limited to 256 characters");
    refused(
        "{\"type\":\"register\",\"id\":\"1\",\"username\":\"x\",\"password\":\"weak\"}",
        ErrorCode.INVALID_USERNAME,
        "A username needs at least 3 characters.");
    ProtocolException weak =
        refusal(
            "{\"type\":\"register\",\"id\":\"1\",\"username\":\"alice\",\"password\":\"alice\"}");
    assertThat(weak.code()).isEqualTo(ErrorCode.WEAK_PASSWORD);
    assertThat(weak.getMessage()).isEqualTo("The password does not meet the policy.");
    assertThat(weak.rules())
        .containsExactly("too_short", "no_uppercase", "no_digit", "equals_username");
    RegisterRequest r =
        (RegisterRequest)
            FrameCodec.decodeRequest(
                "{\"type\":\"register\",\"id\":\"1\",\"username\":\" Alice\",\"authKey\":\""
                    + KEY
                    + "\"}");
    assertThat(r.username()).isEqualTo("alice");

    refused(
        "{\"type\":\"login\",\"id\":\"1\",\"username\":\"alice\"}",
        ErrorCode.BAD_REQUEST,
        "login needs 'authKey' (or 'password').");
    ProtocolException tooLong =
        refusal(
            "{\"type\":\"login\",\"id\":\"1\",\"username\":\"alice\",\"password\":\""
                + "\u00e9".repeat(37)
                + "\"}");
    assertThat(tooLong.code()).isEqualTo(ErrorCode.WEAK_PASSWORD);
    assertThat(tooLong.getMessage())
        .isEqualTo("The password is longer than 72 bytes; no account has it.");
    assertThat(tooLong.rules()).containsExactly("too_long");
    LoginRequest both =
        (LoginRequest)
            FrameCodec.decodeRequest(
                "{\"type\":\"login\",\"id\":\"1\",\"username\":\"alice\",\"password\":\"x\",\"authKey\":\""
                    + KEY
                    + "\"}");
    assertThat(both.password()).isEqualTo("x");
  }

  @Test
  void changePassword() throws Exception {
    String combos =
        "change_password takes 'oldAuthKey' and 'newAuthKey', or 'oldPassword' and 'newPassword'.";
    refused("{\"type\":\"change_password\",\"id\":\"1\"}", ErrorCode.BAD_REQUEST, combos);
    refused(
        "{\"type\":\"change_password\",\"id\":\"1\",\"oldAuthKey\":\""
            + KEY
            + "\",\"newPassword\":\"N3wPassword\"}",
        ErrorCode.BAD_REQUEST,
        combos);
    refused(
        "{\"type\":\"change_password\",\"id\":\"1\",\"oldAuthKey\":\""
            + KEY
            + "\",\"newAuthKey\":\"x\"}",
        ErrorCode.BAD_REQUEST,
        "field 'newAuthKey' must be the standard base64 of 32 bytes");
    refused(
        "{\"type\":\"change_password\",\"id\":\"1\",\"oldPassword\":\""
            + "\u00e9".repeat(37)
            + "\",\"newPassword\":\"x\"}",
        ErrorCode.WEAK_PASSWORD,
        "The current password is longer than 72 bytes; no account has it.");
    ChangePasswordRequest c =
        (ChangePasswordRequest)
            FrameCodec.decodeRequest(
                "{\"type\":\"change_password\",\"id\":\"1\",\"oldPassword\":\"Old1passw\",\"newPassword\":\"alice\"}");
    assertThat(c.authKeys()).isFalse();
    assertThat(c.oldSecret()).isEqualTo("Old1passw");
    // The policy needs the session's name: the server's last check.
    assertThatThrownBy(() -> c.checkNewPassword("alice"))
        .isInstanceOfSatisfying(
            ProtocolException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.WEAK_PASSWORD);
              assertThat(e.getMessage()).isEqualTo("The new password does not meet the policy.");
              assertThat(e.rules()).contains("equals_username");
            });
  }

  @Test
  void publishKeys() throws Exception {
    String spk =
        "\"signedPreKey\":{\"id\":1,\"key\":\"" + B32 + "\",\"signature\":\"" + B32 + "\"}";
    refused(
        "{\"type\":\"publish_keys\",\"id\":\"1\",\"identityDh\":\""
            + B32
            + "\",\"identitySign\":\""
            + B32
            + "\","
            + spk
            + "}",
        ErrorCode.BAD_REQUEST,
        "field 'signature' must decode to 64 bytes");
    refused(
        "{\"type\":\"publish_keys\",\"id\":\"1\",\"identityDh\":\""
            + B32
            + "\",\"identitySign\":\""
            + B32
            + "\"}",
        ErrorCode.BAD_REQUEST,
        "field 'signedPreKey' must be an object");
    String b64 = java.util.Base64.getEncoder().encodeToString(new byte[64]);
    String okSpk =
        "\"signedPreKey\":{\"id\":1,\"key\":\"" + B32 + "\",\"signature\":\"" + b64 + "\"}";
    String head =
        "{\"type\":\"publish_keys\",\"id\":\"1\",\"identityDh\":\""
            + B32
            + "\",\"identitySign\":\""
            + B32
            + "\","
            + okSpk;
    refused(
        head + ",\"oneTimePreKeys\":[1]}", ErrorCode.BAD_REQUEST, "oneTimePreKeys holds objects");
    StringBuilder many = new StringBuilder(head + ",\"oneTimePreKeys\":[");
    for (int i = 0; i < 201; i++) {
      many.append(i == 0 ? "" : ",")
          .append("{\"id\":")
          .append(i)
          .append(",\"key\":\"")
          .append(B32)
          .append("\"}");
    }
    refused(
        many + "]}", ErrorCode.BAD_REQUEST, "field 'oneTimePreKeys' has more than 200 elements");
    PublishKeysRequest p = (PublishKeysRequest) FrameCodec.decodeRequest(head + "}");
    assertThat(p.oneTimePreKeys()).isEmpty();
    assertThat(p.signedPreKey().signature()).hasSize(64);
  }
}
