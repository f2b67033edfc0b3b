package dev.parley.protocol.frame;

/**
 * A frame a client sends and the server answers once, by {@code re} = {@link #id()}.
 *
 * <p><b>Which error wins.</b> The server checks a line in the order of docs/PROTOCOL.md §2: its
 * framing and JSON, then {@link FrameCodec#readEnvelope} (the {@code id}, then the {@code type}),
 * then the connection's state (hello first, an id on all but {@code ping}), then each request's own
 * state (before {@code hello}, {@code not_logged_in}, {@code already_logged_in}, a login in flight,
 * {@code registration_closed}), and only then {@link FrameCodec#decodeRequest}, which reads the
 * fields in the order each record lists them and stops at the first broken rule. What needs the
 * session (sending to or adding oneself, {@code change_password}'s policy against the session's
 * name) is the server's to check after decoding.
 */
public sealed interface Request extends Frame
    permits HelloRequest,
        PingRequest,
        RegisterRequest,
        LoginRequest,
        LogoutRequest,
        ChangePasswordRequest,
        PublishKeysRequest,
        FetchBundleRequest,
        AddContactRequest,
        RemoveContactRequest,
        ListContactsRequest,
        SendRequest,
        AckRequest,
        AckReceiptRequest,
        TypingRequest {
  /** The client-chosen id (1–64 characters; null only for a {@code ping} without one). */
  String id();
}
