package dev.parley.client.account;

import dev.parley.client.api.ClientConfig;
import dev.parley.client.api.ServerErrorException;
import dev.parley.client.connection.ServerLink;
import dev.parley.client.runtime.ClientEvents;
import dev.parley.client.runtime.ClientThread;
import dev.parley.client.store.AccountUnlock;
import dev.parley.crypto.CryptoException;
import dev.parley.platform.Futures;
import dev.parley.protocol.AuthKey;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.PasswordPolicy;
import dev.parley.protocol.UsernameRules;
import dev.parley.protocol.frame.ChangePasswordRequest;
import dev.parley.protocol.frame.EmptyOk;
import dev.parley.protocol.frame.LoginRequest;
import dev.parley.protocol.frame.RegisterRequest;
import dev.parley.protocol.frame.Request;
import dev.parley.protocol.frame.UserOk;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Register, log in and change the password, with the key derived from the password ({@link
 * AuthKey}): the server never sees the password, which also seals this device's key store.
 */
public final class Login {
  private final ClientConfig config;
  private final ClientThread thread;
  private final ClientEvents events;
  private final ServerLink link;
  private final Account account;
  private final AccountFiles files;
  private final Reconnector session;

  /** Logins into {@code account}, whose sessions {@code session} brings online and keeps. */
  public Login(
      ClientConfig config,
      ClientThread thread,
      ClientEvents events,
      ServerLink link,
      Account account,
      AccountFiles files,
      Reconnector session) {
    this.config = config;
    this.thread = thread;
    this.events = events;
    this.link = link;
    this.account = account;
    this.files = files;
    this.session = session;
  }

  /**
   * Registers ({@code register}) or logs in. The password is refused here, before anything is sent,
   * when it breaks the policy (the server cannot check a derived key).
   */
  public CompletableFuture<Void> authenticate(boolean register, String username, char[] pw) {
    String type = register ? FrameType.REGISTER : FrameType.LOGIN;
    String name = UsernameRules.canonical(username);
    char[] secret = pw.clone();
    CompletableFuture<Void> done =
        thread.call(
            () -> {
              if (account.isLoggedIn()) {
                throw new IllegalStateException(
                    "You are logged in as " + account.user() + ". Log out first.");
              }
              if (register) {
                List<String> broken = PasswordPolicy.violationCodes(name, new String(secret));
                if (!broken.isEmpty()) {
                  throw new ServerErrorException(
                      ErrorCode.WEAK_PASSWORD, "The password does not meet the policy.", broken, 0);
                }
              }
              // The account's own unlock (PBKDF2) runs meanwhile on its own thread: the login then
              // waits for the slower of the two derivations, not for both one after the other.
              Optional<AccountUnlock> early =
                  register || !link.isOpen()
                      ? Optional.empty()
                      : AccountUnlock.start(accountDir(name), secret);
              String key = AuthKey.derive(name, secret, config.authKeyIterations());
              // Not async: authRequest completes on this thread, in the task that handles the
              // answer, so the account is open before the events that follow it (messages that
              // waited on the server) are handled; another hop would queue it after them.
              return authRequest(type, name, key, true)
                  .handle(
                      (ok, err) -> {
                        Throwable cause = Futures.unwrap(err);
                        if (cause instanceof ServerErrorException se
                            && se.code() == ErrorCode.UPGRADE_REQUIRED
                            && !register) {
                          return upgradeLegacyAccount(name, secret, key);
                        }
                        if (err != null) {
                          return CompletableFuture.<Void>failedFuture(cause);
                        }
                        open(name, secret, register, early);
                        return completeLogin(name, key, register);
                      })
                  .thenCompose(v -> v);
            });
    return done.whenComplete((v, e) -> Arrays.fill(secret, '\0'));
  }

  /**
   * A register or login request, on a connection opened on demand. When the connection is lost
   * before the answer (the server's login timeout may strike just then) it is sent once more on a
   * new one; a registration whose first attempt did reach the server then finds the name taken, and
   * a login with the same derived key tells whether the account is this one.
   */
  private CompletableFuture<UserOk> authRequest(
      String type, String name, String key, boolean mayRetry) {
    Function<String, Request> req =
        type.equals(FrameType.REGISTER)
            ? id -> new RegisterRequest(id, name, null, key)
            : id -> new LoginRequest(id, name, null, key);
    return link.preLogin(account::isLoggedIn)
        .thenComposeAsync(
            c ->
                c.send(req, UserOk.class)
                    .handleAsync(
                        (ok, err) -> {
                          Throwable cause = Futures.unwrap(err);
                          if (err == null) {
                            return CompletableFuture.completedFuture(ok);
                          }
                          if (!mayRetry || !(cause instanceof IOException)) {
                            return CompletableFuture.<UserOk>failedFuture(cause);
                          }
                          CompletableFuture<UserOk> again = authRequest(type, name, key, false);
                          if (type.equals(FrameType.REGISTER)) {
                            again =
                                again.exceptionallyCompose(
                                    e ->
                                        Futures.unwrap(e) instanceof ServerErrorException se
                                                && se.code() == ErrorCode.USERNAME_TAKEN
                                            ? authRequest(FrameType.LOGIN, name, key, false)
                                                .exceptionallyCompose(
                                                    e2 -> CompletableFuture.failedFuture(se))
                                            : CompletableFuture.failedFuture(Futures.unwrap(e)));
                          }
                          return again;
                        },
                        thread)
                    .thenCompose(f -> f),
            thread);
  }

  /**
   * The server holds this account under the old scheme (a hash of the password itself). The
   * password is sent once more, with the derived key that replaces it, only when this device's own
   * key store says it was created that way: otherwise a hostile server could claim it to learn the
   * password.
   */
  private CompletableFuture<Void> upgradeLegacyAccount(String name, char[] secret, String key) {
    open(name, secret, false, Optional.empty());
    if (account.keys().usesAuthKey()) {
      account.close();
      return CompletableFuture.failedFuture(
          new ServerErrorException(
              ErrorCode.UPGRADE_REQUIRED,
              "The server asked for your password itself, which Parley never sends for this"
                  + " account. It may not be the server you know; nothing was sent.",
              List.of(),
              0));
    }
    String password = new String(secret);
    return link.send(id -> new LoginRequest(id, name, password, key), UserOk.class)
        .thenComposeAsync(
            ok -> {
              account.keys().markUsesAuthKey();
              account.save();
              return completeLogin(name, key, false);
            },
            thread)
        .whenCompleteAsync(
            (v, err) -> {
              if (err != null && !account.isLoggedIn()) {
                account.close();
              }
            },
            thread);
  }

  private void open(String name, char[] secret, boolean fresh, Optional<AccountUnlock> early) {
    try {
      account.open(
          files.dataDir(), accountDir(name), secret, fresh, config.keyStoreIterations(), early);
    } catch (IOException | SQLException | CryptoException e) {
      throw new CompletionException(e);
    }
  }

  /** The folder of account {@code name} on the server the link is connected to. */
  private Path accountDir(String name) {
    return files.accountDir(link.fingerprint(), name);
  }

  /**
   * The server accepted the login: the account is logged in and its session is brought online
   * (prekeys, contact list, then the outbox) in the background, so a login completes while a
   * backlog the server holds is still arriving. A registration waits for that start instead: a new
   * account can be written to only once its keys are published.
   */
  private CompletableFuture<Void> completeLogin(String name, String key, boolean register) {
    if (!account.keys().usesAuthKey()) {
      // Another device of this account already moved it to the derived key.
      account.keys().markUsesAuthKey();
      account.save();
    }
    account.loggedIn(name, key);
    events.fire(l -> l.sessionChanged(name));
    long epoch = account.epoch();
    if (!register) {
      session.startSession(epoch);
      return CompletableFuture.completedFuture(null);
    }
    return session.startNewAccount(epoch);
  }

  /**
   * Changes the password: the server swaps the derived keys, then the local key store is re-sealed
   * with the new password. The new password is checked against the policy here (the server only
   * sees derived keys).
   */
  public CompletableFuture<Void> changePassword(char[] oldPassword, char[] newPassword) {
    // Copies: the caller may wipe its arrays as soon as this returns.
    char[] old = oldPassword.clone();
    char[] fresh = newPassword.clone();
    CompletableFuture<Void> done =
        thread.call(
            () -> {
              account.requireOpen();
              link.requireOpen();
              String user = account.user();
              List<String> broken = PasswordPolicy.violationCodes(user, new String(fresh));
              if (!broken.isEmpty()) {
                throw new ServerErrorException(
                    ErrorCode.WEAK_PASSWORD,
                    "The new password does not meet the policy.",
                    broken,
                    0);
              }
              String newKey = AuthKey.derive(user, fresh, config.authKeyIterations());
              String oldKey = AuthKey.derive(user, old, config.authKeyIterations());
              return link.send(
                      id -> new ChangePasswordRequest(id, null, null, oldKey, newKey),
                      EmptyOk.class)
                  .thenApplyAsync(
                      ok -> {
                        try {
                          account.database().changePassword(fresh, account.database().iterations());
                        } catch (SQLException e) {
                          throw new CompletionException(e);
                        }
                        account.changeAuthKey(newKey);
                        return null;
                      },
                      thread);
            });
    return done.whenComplete(
        (v, e) -> {
          Arrays.fill(old, '\0');
          Arrays.fill(fresh, '\0');
        });
  }
}
