package dev.parley.protocol.frame;

/**
 * A frame the server sends without being asked (no {@code re}): its {@link ServerHello}, a {@link
 * ServerPing}, the {@link Pong} to a ping without id, {@link MessageEvent}, {@link ReceiptEvent},
 * {@link PresenceEvent}, {@link TypingEvent}, {@link KeysLowEvent}, and an {@link ErrorFrame} about
 * the connection itself.
 */
public sealed interface Event extends Frame
    permits ServerHello,
        ServerPing,
        Pong,
        MessageEvent,
        ReceiptEvent,
        PresenceEvent,
        TypingEvent,
        KeysLowEvent,
        ErrorFrame {}
