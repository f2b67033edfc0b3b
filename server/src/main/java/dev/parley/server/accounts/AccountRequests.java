package dev.parley.server.accounts;

import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.frame.Answer;
import dev.parley.protocol.frame.ChangePasswordRequest;
import dev.parley.protocol.frame.EmptyOk;
import dev.parley.protocol.frame.LoginRequest;
import dev.parley.protocol.frame.LogoutRequest;
import dev.parley.protocol.frame.RegisterRequest;
import dev.parley.protocol.frame.UserOk;
import dev.parley.server.session.Caller;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * The account requests of one connection ({@code register}, {@code login}, {@code logout}, {@code
 * change_password}): runs them through {@link Accounts}, and starts or ends the session. At most
 * one of them is checked at a time per connection: bcrypt work is shared by everyone, so one
 * connection must not queue a pile of it.
 */
public final class AccountRequests {
  private static final Logger LOG = Logger.getLogger(AccountRequests.class.getName());

  private final Accounts accounts;

  /** The requests served by {@code accounts}. */
  public AccountRequests(Accounts accounts) {
    this.accounts = accounts;
  }

  /** Refuses with {@code registration_closed} unless clients may create accounts. */
  public void requireOpenRegistration() throws ProtocolException {
    accounts.requireOpenRegistration();
  }

  /** {@code register}: creates the account and logs the connection in. */
  public void register(Caller caller, RegisterRequest r) throws ProtocolException {
    startAuth(caller, r.id(), r.username(), accounts.register(r, caller.origin()));
  }

  /** {@code login}. */
  public void login(Caller caller, LoginRequest r) throws ProtocolException {
    startAuth(caller, r.id(), r.username(), accounts.login(r, caller.origin()));
  }

  /** {@code logout} of a logged-in connection. */
  public void logout(Caller caller, LogoutRequest r) {
    String name = caller.user();
    caller.endSession();
    LOG.info("logout: " + name + " from " + caller.remote());
    caller.respond(r.id(), CompletableFuture.completedFuture(new EmptyOk(r.id())));
  }

  /** Answers, then starts the session: the {@code ok} always precedes the session's events. */
  private static void startAuth(
      Caller caller, String id, String name, CompletableFuture<String> done) {
    answerWhenChecked(
        caller,
        id,
        done.thenApply(user -> new UserOk(id, user)),
        () -> {
          if (caller.isActive()) {
            caller.beginSession(name);
          }
        });
  }

  /** Refuses a {@code change_password} while another check of this connection is in flight. */
  public static void requireNoCheckInFlight(Caller caller) throws ProtocolException {
    if (caller.authInFlight()) {
      throw ProtocolException.badRequest("A password change is already in progress.");
    }
  }

  /** {@code change_password} of a logged-in connection. */
  public void changePassword(Caller caller, ChangePasswordRequest r) throws ProtocolException {
    String name = caller.user();
    r.checkNewPassword(name);
    answerWhenChecked(
        caller,
        r.id(),
        accounts.changePassword(name, r, caller.origin()).thenApply(v -> new EmptyOk(r.id())),
        () -> {});
  }

  /**
   * Keeps the connection's authentication in flight until {@code answer} completes, then answers on
   * the event loop and, if it succeeded, runs {@code then}.
   */
  private static void answerWhenChecked(
      Caller caller, String id, CompletableFuture<? extends Answer> answer, Runnable then) {
    caller.setAuthInFlight(true);
    answer.whenComplete(
        (body, err) ->
            caller.onLoop(
                () -> {
                  caller.setAuthInFlight(false);
                  caller.respond(id, answer);
                  if (err == null) {
                    then.run();
                  }
                }));
  }
}
