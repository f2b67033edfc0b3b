package dev.parley.server.accounts;

import com.google.gson.JsonObject;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.session.Caller;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * The account requests of one connection ({@code register}, {@code login}, {@code logout}, {@code
 * change_password}): parses them, runs them through {@link Accounts}, and starts or ends the
 * session. At most one of them is checked at a time per connection: bcrypt work is shared by
 * everyone, so one connection must not queue a pile of it.
 */
public final class AccountRequests {
  private static final Logger LOG = Logger.getLogger(AccountRequests.class.getName());

  private final Accounts accounts;

  /** The requests served by {@code accounts}. */
  public AccountRequests(Accounts accounts) {
    this.accounts = accounts;
  }

  /** {@code register}: creates the account and logs the connection in. */
  public void register(Caller caller, String id, JsonObject f) throws ProtocolException {
    requireLoggedOut(caller);
    accounts.requireOpenRegistration();
    AccountFields.Register r = AccountFields.register(f);
    startAuth(caller, id, r.username(), accounts.register(r, caller.origin()));
  }

  /** {@code login}. */
  public void login(Caller caller, String id, JsonObject f) throws ProtocolException {
    requireLoggedOut(caller);
    AccountFields.Login r = AccountFields.login(f);
    startAuth(caller, id, r.username(), accounts.login(r, caller.origin()));
  }

  /** {@code logout} of a logged-in connection. */
  public void logout(Caller caller, String id) {
    String name = caller.user();
    caller.endSession();
    LOG.info("logout: " + name + " from " + caller.remote());
    caller.respond(id, CompletableFuture.completedFuture(new JsonObject()));
  }

  /** Answers, then starts the session: the {@code ok} always precedes the session's events. */
  private static void startAuth(
      Caller caller, String id, String name, CompletableFuture<String> done) {
    answerWhenChecked(
        caller,
        id,
        done.thenApply(AccountRequests::userBody),
        () -> {
          if (caller.isActive()) {
            caller.beginSession(name);
          }
        });
  }

  /** {@code change_password} of a logged-in connection. */
  public void changePassword(Caller caller, String id, JsonObject f) throws ProtocolException {
    if (caller.authInFlight()) {
      throw ProtocolException.badRequest("A password change is already in progress.");
    }
    String name = caller.user();
    AccountFields.Change r = AccountFields.change(f, name);
    answerWhenChecked(
        caller,
        id,
        accounts.changePassword(name, r, caller.origin()).thenApply(v -> new JsonObject()),
        () -> {});
  }

  /**
   * Keeps the connection's authentication in flight until {@code answer} completes, then answers on
   * the event loop and, if it succeeded, runs {@code then}.
   */
  private static void answerWhenChecked(
      Caller caller, String id, CompletableFuture<JsonObject> answer, Runnable then) {
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

  private static JsonObject userBody(String name) {
    JsonObject body = new JsonObject();
    body.addProperty("user", name);
    return body;
  }

  private static void requireLoggedOut(Caller caller) throws ProtocolException {
    if (caller.user() != null) {
      throw new ProtocolException(ErrorCode.ALREADY_LOGGED_IN, "You are already logged in.");
    }
    if (caller.authInFlight()) {
      throw ProtocolException.badRequest("A login or password change is already in progress.");
    }
  }
}
