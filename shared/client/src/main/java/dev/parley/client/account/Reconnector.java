package dev.parley.client.account;

import dev.parley.client.api.ClientListener;
import dev.parley.client.api.ConnectionState;
import dev.parley.client.api.ServerErrorException;
import dev.parley.client.api.ServerTrustException;
import dev.parley.client.connection.Backoff;
import dev.parley.client.connection.ServerLink;
import dev.parley.client.net.ServerConnection;
import dev.parley.client.runtime.ClientEvents;
import dev.parley.client.runtime.ClientThread;
import dev.parley.platform.Futures;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.frame.LoginRequest;
import dev.parley.protocol.frame.UserOk;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * Brings an accepted login online and keeps the session alive across a lost connection: reconnects
 * with backoff, logs in again with the kept credential, and ends the session when the server is no
 * longer the pinned one or no longer accepts the credential. Client thread only.
 */
public final class Reconnector {
  private final ClientThread thread;
  private final ClientEvents events;
  private final ServerLink link;
  private final Account account;
  private final Backoff backoff;
  private final AfterLogin afterLogin;
  private final Runnable endSession;

  /** Reconnects {@code account} over {@code link}; {@code endSession} ends it for good. */
  public Reconnector(
      ClientThread thread,
      ClientEvents events,
      ServerLink link,
      Account account,
      Backoff backoff,
      AfterLogin afterLogin,
      Runnable endSession) {
    this.thread = thread;
    this.events = events;
    this.link = link;
    this.account = account;
    this.backoff = backoff;
    this.afterLogin = afterLogin;
    this.endSession = endSession;
  }

  /**
   * Brings the session of login {@code epoch}, just accepted by the server, online in the
   * background; when that fails it is retried on a new connection ({@link #retryLater}).
   */
  public void startSession(long epoch) {
    ServerConnection on = link.connection();
    afterLogin
        .start()
        .whenCompleteAsync(
            (v, err) -> {
              if (err != null) {
                retryLater(epoch, on, err);
              }
            },
            thread);
  }

  /**
   * The server accepted login {@code epoch} but the session could not be brought online on this
   * connection {@code on} (a request of the session start failed or was answered with a malformed
   * frame): tells the user unless the connection was merely lost, then logs in again later on a new
   * one.
   */
  private void retryLater(long epoch, ServerConnection on, Throwable err) {
    if (epoch != account.epoch() || link.isClosed() || !account.isLoggedIn()) {
      return; // logged out (or another server chosen) meanwhile
    }
    if (on == null || link.connection() != on) {
      return; // that connection was lost meanwhile: its loss already brings a new login
    }
    Throwable cause = Futures.unwrap(err);
    if (!(cause instanceof IOException) && !(cause instanceof CancellationException)) {
      String why =
          cause instanceof TimeoutException
              ? "the server did not answer in time."
              : cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
      String said = why.endsWith(".") ? why : why + ".";
      events.fire(l -> l.problem("Could not finish logging in: " + said + " Trying again."));
    }
    link.drop();
    link.setState(ConnectionState.RECONNECTING);
    events.fire(ClientListener::contactsChanged);
    scheduleReconnect();
  }

  /**
   * Brings the session of a new account's login {@code epoch} online; the future completes once it
   * is (its keys are published). When that fails the session is ended and its connection closed, so
   * the registration fails as a whole and the user can log in to the new account afresh.
   */
  public CompletableFuture<Void> startNewAccount(long epoch) {
    return afterLogin
        .start()
        .whenCompleteAsync(
            (v, err) -> {
              if (err != null && epoch == account.epoch() && account.isLoggedIn()) {
                link.drop();
                endSession.run();
              }
            },
            thread);
  }

  /** The current connection was lost. */
  public void onConnectionLost() {
    link.detach();
    if (link.isClosed() || !account.isLoggedIn()) {
      link.setState(ConnectionState.DISCONNECTED);
      return;
    }
    link.setState(ConnectionState.RECONNECTING);
    // Presence is only known while connected; the list shows nobody online until it is again.
    events.fire(ClientListener::contactsChanged);
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    thread.schedule(this::reconnect, backoff.nextDelayMillis());
  }

  private void reconnect() {
    if (link.isClosed() || !account.isLoggedIn() || link.state() != ConnectionState.RECONNECTING) {
      return;
    }
    String name = account.user();
    String key = account.authKey();
    long epoch = account.epoch();
    link.open()
        .thenComposeAsync(
            c -> {
              if (epoch != account.epoch() || link.isClosed()) {
                // Logged out (or another server chosen) while connecting: not for this session.
                link.detach(c);
                c.close();
                return CompletableFuture.failedFuture(new CancellationException());
              }
              return c.send(id -> new LoginRequest(id, name, null, key), UserOk.class);
            },
            thread)
        .whenCompleteAsync(
            (ok, err) -> {
              if (err == null) {
                startSession(epoch);
                return;
              }
              Throwable cause = Futures.unwrap(err);
              if (epoch != account.epoch() || link.isClosed()) {
                return;
              }
              if (cause instanceof ServerTrustException te) {
                events.fire(l -> l.problem(te.getMessage()));
                endSession.run();
              } else if (cause instanceof ServerErrorException se
                  && se.code() == ErrorCode.BAD_CREDENTIALS) {
                events.fire(l -> l.problem("The server no longer accepts your password."));
                endSession.run();
              } else {
                link.drop();
                scheduleReconnect();
              }
            },
            thread);
  }
}
