package dev.parley.server.session;

import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.frame.Answer;
import dev.parley.protocol.frame.Frame;
import dev.parley.server.limits.RemoteAddress;
import java.util.concurrent.CompletableFuture;

/**
 * The connection a request arrived on, as the request handlers see it: its protocol state (hello,
 * login, an authentication in flight) and the ways to answer. State is read and changed only on the
 * connection's event loop; {@link #onLoop} hops back there from other threads.
 */
public interface Caller {
  /** The logged-in user, or null. */
  String user();

  /** The address keys this connection's per-address limits count under. */
  RemoteAddress origin();

  /** The peer's address as logged. */
  String remote();

  /** True once the client's {@code hello} was accepted. */
  boolean helloDone();

  /** Records that the client's {@code hello} was accepted, speaking protocol {@code version}. */
  void markHelloDone(int version);

  /** The protocol version this connection speaks (0 before its {@code hello}). */
  int version();

  /** True while a login, registration or password change of this connection is being checked. */
  boolean authInFlight();

  /** Sets or clears {@link #authInFlight}. */
  void setAuthInFlight(boolean inFlight);

  /**
   * Sends {@code answer} when it completes; if it fails, the error as the answer to {@code id}. A
   * request without an id (version 2's confirmations) gets no {@code ok}, only an error without
   * {@code re} should it fail.
   */
  void respond(String id, CompletableFuture<? extends Answer> answer);

  /** Sends a frame now. */
  void send(Frame frame);

  /** Sends {@code e} (answering {@code re} when not null) and closes the connection. */
  void closeWithError(String re, ProtocolException e);

  /** Runs {@code r} on this connection's event loop. */
  void onLoop(Runnable r);

  /** True while the connection is open. */
  boolean isActive();

  /** Makes this connection the session of {@code name}. */
  void beginSession(String name);

  /** Ends the logged-in session (logout); the connection stays open. */
  void endSession();
}
