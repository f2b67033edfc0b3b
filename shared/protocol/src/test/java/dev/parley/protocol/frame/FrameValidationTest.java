package dev.parley.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Limits;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The records' constructors: every rule, just inside and just outside each boundary. */
class FrameValidationTest {
  private static final byte[] K = new byte[32];
  private static final byte[] SIG = new byte[64];
  private static final String KEY = "eRqqwLZXFC9q0AwfCKl9pc03pNOmCxGN+3fkDMg82pk=";

  private static void ok(Executable e) {
    assertThatCode(e::execute).doesNotThrowAnyException();
  }

  private static void refused(Executable e, ErrorCode code, String message) {
    assertThatThrownBy(e::execute)
        .isInstanceOfSatisfying(
            InvalidFrameException.class,
            x -> {
              assertThat(x.problem().code()).isEqualTo(code);
              assertThat(x.problem().getMessage()).isEqualTo(message);
            });
  }

  @Test
  void ids() {
    ok(() -> new LogoutRequest("x".repeat(64)));
    refused(
        () -> new LogoutRequest("x".repeat(65)),
        ErrorCode.BAD_REQUEST,
        "field 'id' must have 1 to 64 characters");
    refused(
        () -> new LogoutRequest(""),
        ErrorCode.BAD_REQUEST,
        "field 'id' must have 1 to 64 characters");
    refused(() -> new LogoutRequest(null), ErrorCode.BAD_REQUEST, "missing field 'id'");
    ok(() -> new PingRequest(null));
    ok(() -> new Pong(null));
    refused(() -> new Pong(""), ErrorCode.BAD_REQUEST, "field 're' must have 1 to 64 characters");
    refused(() -> new EmptyOk(null), ErrorCode.BAD_REQUEST, "missing field 'id'");
  }

  @Test
  void hello() {
    ok(() -> new HelloRequest("1", 0, "s".repeat(128)));
    ok(() -> new HelloRequest("1", Integer.MAX_VALUE, null));
    refused(
        () -> new HelloRequest("1", -1, null),
        ErrorCode.BAD_REQUEST,
        "field 'version' must be between 0 and 2147483647");
    refused(
        () -> new HelloRequest("1", 1, "s".repeat(129)),
        ErrorCode.BAD_REQUEST,
        "field 'software' must have 1 to 128 characters");
    refused(
        () -> new HelloRequest("1", 1, ""),
        ErrorCode.BAD_REQUEST,
        "field 'software' must have 1 to 128 characters");
    ok(() -> new ServerHello(1, "Parley server", ""));
    ok(() -> new ServerHello(1, "Parley server", "n".repeat(Limits.MAX_SERVER_NAME_CHARS)));
    refused(
        () -> new ServerHello(1, "Parley server", "n".repeat(1025)),
        ErrorCode.BAD_REQUEST,
        "field 'name' must have 1 to 1024 characters");
    refused(
        () -> new ServerHello(1, null, null), ErrorCode.BAD_REQUEST, "missing field 'software'");
  }

  @Test
  void requestedUsers() {
    assertThat(new AddContactRequest("1", "  Bob.Smith ").user()).isEqualTo("bob.smith");
    ok(() -> new FetchBundleRequest("1", "abc"));
    refused(
        () -> new FetchBundleRequest("1", "ab"),
        ErrorCode.UNKNOWN_USER,
        "There is no user called ab.");
    refused(
        () -> new FetchBundleRequest("1", "a".repeat(33)),
        ErrorCode.UNKNOWN_USER,
        "There is no user called " + "a".repeat(33) + ".");
    refused(
        () -> new FetchBundleRequest("1", "a".repeat(65)),
        ErrorCode.BAD_REQUEST,
        "field 'user' must have 1 to 64 characters");
    refused(
        () -> new RemoveContactRequest("1", null), ErrorCode.BAD_REQUEST, "missing field 'user'");
  }

  @Test
  void serverUsers() {
    ok(() -> new PresenceEvent("a".repeat(32), true));
    refused(
        () -> new PresenceEvent("a".repeat(33), true),
        ErrorCode.BAD_REQUEST,
        "field 'user' must have 1 to 32 characters");
    refused(
        () -> new PresenceEvent("Bob", true),
        ErrorCode.BAD_REQUEST,
        "invalid user name in an event");
    refused(
        () -> new PresenceEvent("ab", true),
        ErrorCode.BAD_REQUEST,
        "invalid user name in an event");
    refused(() -> new UserOk("1", " bob"), ErrorCode.BAD_REQUEST, "invalid user name in an event");
    refused(
        () -> new ContactInfo("b o b", true, true),
        ErrorCode.BAD_REQUEST,
        "invalid user name in an event");
  }

  @Test
  void send() {
    ok(
        () ->
            new SendRequest(
                "1", "bob", "A-z_0".repeat(12) + "9999", new byte[Limits.MAX_ENVELOPE_BYTES]));
    refused(
        () -> new SendRequest("1", "bob", "m".repeat(65), new byte[1]),
        ErrorCode.BAD_REQUEST,
        "field 'msgId' must have 1 to 64 characters");
    refused(
        () -> new SendRequest("1", "bob", "m.1", new byte[1]),
        ErrorCode.BAD_REQUEST,
        "msgId is 1 to 64 characters of A-Z a-z 0-9 _ -");
    refused(
        () -> new SendRequest("1", "bob", "m", new byte[Limits.MAX_ENVELOPE_BYTES + 1]),
        ErrorCode.TOO_LARGE,
        "field 'envelope' is limited to 48128 bytes");
    refused(
        () -> new SendRequest("1", "bob", "m", new byte[0]),
        ErrorCode.BAD_REQUEST,
        "field 'envelope' is empty");
    refused(
        () -> new SendRequest("1", "bob", "m", null),
        ErrorCode.BAD_REQUEST,
        "missing field 'envelope'");
    ok(() -> new TypingRequest("1", "bob", new byte[Limits.MAX_TYPING_BYTES]));
    refused(
        () -> new TypingRequest("1", "bob", new byte[Limits.MAX_TYPING_BYTES + 1]),
        ErrorCode.TOO_LARGE,
        "field 'envelope' is limited to 2048 bytes");
    ok(() -> new AckRequest("1", "bob", "any text"));
    ok(() -> new AckReceiptRequest("1", 1));
    refused(
        () -> new AckReceiptRequest("1", 0),
        ErrorCode.BAD_REQUEST,
        "field 'rid' must be between 1 and 9223372036854775807");
    ok(() -> new SendOk("1", "m", 0, true));
    refused(
        () -> new SendOk("1", "m", -1, true),
        ErrorCode.BAD_REQUEST,
        "field 'sentAt' must be between 0 and 9223372036854775807");
  }

  @Test
  void events() {
    ok(() -> new MessageEvent("alice", "m", new byte[Limits.CLIENT_MAX_MESSAGE_ENVELOPE_BYTES], 0));
    refused(
        () ->
            new MessageEvent(
                "alice", "m", new byte[Limits.CLIENT_MAX_MESSAGE_ENVELOPE_BYTES + 1], 0),
        ErrorCode.TOO_LARGE,
        "field 'envelope' is limited to 1048576 bytes");
    ok(() -> new TypingEvent("alice", new byte[Limits.CLIENT_MAX_TYPING_ENVELOPE_BYTES]));
    refused(
        () -> new TypingEvent("alice", new byte[Limits.CLIENT_MAX_TYPING_ENVELOPE_BYTES + 1]),
        ErrorCode.TOO_LARGE,
        "field 'envelope' is limited to 65536 bytes");
    refused(
        () -> new ReceiptEvent(0, "bob", "m", "delivered", 1),
        ErrorCode.BAD_REQUEST,
        "field 'rid' must be between 1 and 9223372036854775807");
    refused(
        () -> new ReceiptEvent(1, "bob", "m", "s".repeat(33), 1),
        ErrorCode.BAD_REQUEST,
        "field 'status' must have 1 to 32 characters");
    ok(() -> new KeysLowEvent(0));
    refused(
        () -> new KeysLowEvent(-1),
        ErrorCode.BAD_REQUEST,
        "field 'remaining' must be between 0 and 2147483647");
  }

  @Test
  void keys() {
    ok(() -> new SignedPreKey(0, K, SIG));
    ok(() -> new SignedPreKey(Integer.MAX_VALUE, K, SIG));
    refused(
        () -> new SignedPreKey(-1, K, SIG),
        ErrorCode.BAD_REQUEST,
        "field 'id' must be between 0 and 2147483647");
    refused(
        () -> new SignedPreKey(1, new byte[31], SIG),
        ErrorCode.BAD_REQUEST,
        "field 'key' must decode to 32 bytes");
    refused(
        () -> new SignedPreKey(1, new byte[33], SIG),
        ErrorCode.BAD_REQUEST,
        "field 'key' must decode to 32 bytes");
    refused(
        () -> new SignedPreKey(1, K, K),
        ErrorCode.BAD_REQUEST,
        "field 'signature' must decode to 64 bytes");
    refused(() -> new OneTimePreKey(1, new byte[0]), ErrorCode.BAD_REQUEST, "field 'key' is empty");
    SignedPreKey spk = new SignedPreKey(1, K, SIG);
    List<OneTimePreKey> max = Collections.nCopies(200, new OneTimePreKey(1, K));
    ok(() -> new PublishKeysRequest("1", K, K, spk, max));
    ok(() -> new PublishKeysRequest("1", K, K, spk, null));
    refused(
        () ->
            new PublishKeysRequest(
                "1", K, K, spk, Collections.nCopies(201, new OneTimePreKey(1, K))),
        ErrorCode.BAD_REQUEST,
        "field 'oneTimePreKeys' has more than 200 elements");
    refused(
        () -> new PublishKeysRequest("1", new byte[31], K, spk, null),
        ErrorCode.BAD_REQUEST,
        "field 'identityDh' must decode to 32 bytes");
    refused(
        () -> new PublishKeysRequest("1", K, K, null, null),
        ErrorCode.BAD_REQUEST,
        "missing field 'signedPreKey'");
    refused(
        () -> new BundleOk("1", "bob", K, new byte[1], spk, null),
        ErrorCode.BAD_REQUEST,
        "field 'identitySign' must decode to 32 bytes");
  }

  @Test
  void accounts() {
    ok(() -> new RegisterRequest("1", "abc", null, KEY));
    refused(
        () -> new RegisterRequest("1", "abc", "Passw0rdX", KEY),
        ErrorCode.BAD_REQUEST,
        "register takes exactly one of 'password' and 'authKey'.");
    refused(
        () -> new RegisterRequest("1", "abc", null, KEY.replace('=', 'A')),
        ErrorCode.BAD_REQUEST,
        "field 'authKey' must be the standard base64 of 32 bytes");
    refused(
        () -> new RegisterRequest("1", "ab", null, KEY),
        ErrorCode.INVALID_USERNAME,
        "A username needs at least 3 characters.");
    refused(
        () -> new RegisterRequest("1", "a".repeat(33), null, KEY),
        ErrorCode.INVALID_USERNAME,
        "A username has at most 32 characters.");
    refused(
        () -> new RegisterRequest("1", null, null, KEY),
        ErrorCode.BAD_REQUEST,
        "missing field 'username'");
    refused(
        () -> new RegisterRequest("1", "abc\ud800", null, KEY),
        ErrorCode.BAD_REQUEST,
        "field 'username' holds an unpaired surrogate");
    // 256 characters pass the size check and meet the bcrypt limit's check next.
    refused(
        () -> new LoginRequest("1", "abc", "P".repeat(256), KEY),
        ErrorCode.WEAK_PASSWORD,
        "The password is longer than 72 bytes; no account has it.");
    refused(
        () -> new LoginRequest("1", "abc", "P".repeat(257), KEY),
        ErrorCode.TOO_LARGE,
        "field 'password' is limited to 256 characters");
    ok(() -> new LoginRequest("1", "abc", "P".repeat(72), null));
    refused(
        () -> new LoginRequest("1", "abc", "P".repeat(73), null),
        ErrorCode.WEAK_PASSWORD,
        "The password is longer than 72 bytes; no account has it.");
    ok(() -> new ChangePasswordRequest("1", null, null, KEY, KEY));
    refused(
        () -> new ChangePasswordRequest("1", "a", "b", KEY, null),
        ErrorCode.BAD_REQUEST,
        "change_password takes 'oldAuthKey' and 'newAuthKey', or 'oldPassword' and 'newPassword'.");
    refused(
        () -> new ChangePasswordRequest("1", "a", "P".repeat(257), null, null),
        ErrorCode.TOO_LARGE,
        "field 'newPassword' is limited to 256 characters");
  }

  @Test
  void errors() {
    ok(() -> new ErrorFrame(null, ErrorCode.INTERNAL, "m".repeat(1024), null, 0));
    refused(
        () -> new ErrorFrame(null, ErrorCode.INTERNAL, "m".repeat(1025), null, 0),
        ErrorCode.BAD_REQUEST,
        "field 'message' must have 1 to 1024 characters");
    refused(
        () -> new ErrorFrame(null, null, "m", null, 0),
        ErrorCode.BAD_REQUEST,
        "missing field 'code'");
    refused(
        () -> new ErrorFrame("1", ErrorCode.INTERNAL, "m", null, -1),
        ErrorCode.BAD_REQUEST,
        "field 'retryAfterMs' must be between 0 and 9223372036854775807");
    refused(
        () -> new ErrorFrame("1", ErrorCode.INTERNAL, "m", Collections.nCopies(17, "r"), 0),
        ErrorCode.BAD_REQUEST,
        "field 'rules' has more than 16 elements");
    assertThat(
            new ErrorFrame("1", ErrorCode.RATE_LIMITED, "m", null, 5).toException().retryAfterMs())
        .isEqualTo(5);
  }

  @Test
  void contactLists() {
    ok(() -> new ContactsOk("1", List.of()));
    refused(() -> new ContactsOk("1", null), ErrorCode.BAD_REQUEST, "missing field 'contacts'");
    refused(() -> new ContactOk("1", null), ErrorCode.BAD_REQUEST, "missing field 'contact'");
  }
}
