package dev.parley.protocol.frame;

/**
 * The server's one reply to a {@link Request}, carrying {@code re} = the request's id: an {@code
 * ok} with that request's typed body ({@link HelloOk}, {@link Pong}, {@link UserOk}, {@link
 * KeysOk}, {@link BundleOk}, {@link ContactOk}, {@link ContactsOk}, {@link SendOk}, {@link
 * EmptyOk}) or an {@link ErrorFrame}. A client reads it with {@link FrameCodec#decodeAnswer},
 * naming the type of the request it answers.
 */
public sealed interface Answer extends Frame
    permits HelloOk,
        Pong,
        UserOk,
        KeysOk,
        BundleOk,
        ContactOk,
        ContactsOk,
        SendOk,
        EmptyOk,
        ErrorFrame {
  /** The id of the request answered (null only for a {@link Pong} or error without one). */
  String re();
}
