package dev.parley.server.accounts;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.ServerConfig;
import dev.parley.server.accounts.PasswordHasher.Priority;
import dev.parley.server.store.Credentials;
import dev.parley.server.store.Credentials.Scheme;
import dev.parley.server.store.ServerStore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

/**
 * Creating accounts, checking logins and changing passwords (docs/PROTOCOL.md §5): which secret an
 * account is checked with, the one-time upgrade of a legacy account to an auth key, and the
 * throttles around every bcrypt check. Requests arrive already parsed by {@link AccountFields}.
 */
public final class Accounts {
  private static final Logger LOG = Logger.getLogger(Accounts.class.getName());

  private final ServerConfig config;
  private final ServerStore store;
  private final PasswordHasher hasher;
  private final LoginThrottle logins;
  private final RegistrationThrottle registrations;

  /** The account service of one server. */
  public Accounts(ServerConfig config, ServerStore store, PasswordHasher hasher) {
    this.config = config;
    this.store = store;
    this.hasher = hasher;
    this.logins = new LoginThrottle(config.loginFailuresPerAddress());
    this.registrations = new RegistrationThrottle(config.registrationsPerAddress());
  }

  /** Refuses with {@code registration_closed} unless clients may create accounts. */
  public void requireOpenRegistration() throws ProtocolException {
    if (!config.registrationOpen()) {
      throw new ProtocolException(
          ErrorCode.REGISTRATION_CLOSED,
          "This server does not take new accounts; ask its admin to add you.");
    }
  }

  /** Creates the account; completes with its name. Throws {@code rate_limited} at once. */
  public CompletableFuture<String> register(AccountFields.Register r, String address)
      throws ProtocolException {
    requireOpenRegistration();
    RegistrationThrottle.Slot slot = registrations.begin(address, System.currentTimeMillis());
    String name = r.username();
    boolean byKey = r.authKey() != null;
    CompletableFuture<String> done =
        store
            .credentials(name)
            .thenCompose(
                existing -> {
                  if (existing.isPresent()) {
                    slot.release(); // nothing hashed: a taken name costs no allowance
                    throw new ProtocolException(ErrorCode.USERNAME_TAKEN, "That username is taken.")
                        .asCompletion();
                  }
                  return hasher.hash(byKey ? r.authKey() : r.password(), Priority.NEW_ACCOUNT);
                })
            .thenCompose(
                hash -> {
                  slot.keep(System.currentTimeMillis());
                  return store.createUser(
                      name,
                      hash,
                      byKey ? Scheme.AUTH_KEY : Scheme.PASSWORD,
                      System.currentTimeMillis());
                })
            .thenApply(
                v -> {
                  LOG.info(
                      "registered: "
                          + name
                          + (byKey ? "" : " (legacy password account)")
                          + " from "
                          + address);
                  return name;
                });
    // Refused before hashing (server_busy, a failed read): the place is given back.
    return done.whenComplete((v, err) -> slot.release());
  }

  /** Checks a login; completes with the account's name, or fails with the answer to send. */
  public CompletableFuture<String> login(AccountFields.Login r, String address)
      throws ProtocolException {
    LoginThrottle.Attempt attempt = logins.begin(r.username(), address, System.currentTimeMillis());
    CompletableFuture<String> done =
        store.credentials(r.username()).thenCompose(c -> checkLogin(r, c, attempt, address));
    // Whatever ended it without a check (a failed read, server_busy) counts nothing.
    return done.whenComplete((v, err) -> attempt.release());
  }

  private CompletableFuture<String> checkLogin(
      AccountFields.Login r,
      Optional<Credentials> stored,
      LoginThrottle.Attempt attempt,
      String address) {
    String name = r.username();
    boolean both = r.password() != null && r.authKey() != null;
    if (stored.isEmpty()) {
      // Same work and answer as a wrong secret: the answer does not say whether the name exists.
      return check(attempt, address, name, false, hasher.verify(secret(r), null));
    }
    Credentials c = stored.get();
    if (c.scheme() == Scheme.AUTH_KEY) {
      if (both) {
        attempt.release();
        return CompletableFuture.failedFuture(
            ProtocolException.badRequest(
                "This account already uses an auth key; send only 'authKey'."));
      }
      // A password alone is no credential of such an account, but costs the same check.
      String hash = r.authKey() != null ? c.hash() : null;
      return check(attempt, address, name, true, hasher.verify(secret(r), hash));
    }
    if (r.password() == null) {
      attempt.release(); // no secret checked: not a guess
      return CompletableFuture.failedFuture(
          new ProtocolException(
              ErrorCode.UPGRADE_REQUIRED,
              "This account still has a password login; log in once with both the password and"
                  + " the auth key."));
    }
    CompletableFuture<String> legacy =
        check(attempt, address, name, true, hasher.verify(r.password(), c.hash()));
    if (!both) {
      return legacy;
    }
    return legacy.thenCompose(
        loggedIn ->
            hasher
                .hash(r.authKey(), Priority.EXISTING_ACCOUNT)
                .thenCompose(
                    hash -> store.replaceCredentials(name, c.hash(), hash, Scheme.AUTH_KEY))
                .thenApply(
                    replaced -> {
                      // Not replaced: a concurrent login or change got there first; the password
                      // was right when checked, so this login stands.
                      if (replaced) {
                        LOG.info("upgraded " + name + " from a password to an auth key");
                      }
                      return name;
                    }));
  }

  /** Settles {@code attempt} with the outcome of {@code verified}. */
  private CompletableFuture<String> check(
      LoginThrottle.Attempt attempt,
      String address,
      String name,
      boolean exists,
      CompletableFuture<Boolean> verified) {
    return verified.thenApply(
        ok -> {
          if (ok) {
            attempt.succeeded();
            LOG.info("login: " + name + " from " + address);
            return name;
          }
          attempt.failed(System.currentTimeMillis());
          // A name that is not an account is often a password typed into the wrong field.
          LOG.info(
              (exists ? "failed login for '" + name + "'" : "failed login for an unknown name")
                  + " from "
                  + address);
          throw new ProtocolException(ErrorCode.BAD_CREDENTIALS, "Wrong username or password.")
              .asCompletion();
        });
  }

  private static String secret(AccountFields.Login r) {
    return r.authKey() != null ? r.authKey() : r.password();
  }

  /** Changes {@code user}'s secret after checking the old one, under the login throttle. */
  public CompletableFuture<Void> changePassword(String user, AccountFields.Change r, String address)
      throws ProtocolException {
    LoginThrottle.Attempt attempt = logins.begin(user, address, System.currentTimeMillis());
    Scheme wanted = r.authKeys() ? Scheme.AUTH_KEY : Scheme.PASSWORD;
    CompletableFuture<Void> done =
        store
            .credentials(user)
            .thenCompose(
                stored -> {
                  if (stored.isEmpty() || stored.get().scheme() != wanted) {
                    attempt.release(); // the wrong kind of secret: nothing was checked
                    throw wrongSecret().asCompletion();
                  }
                  Credentials c = stored.get();
                  return hasher
                      .verify(r.oldSecret(), c.hash())
                      .thenCompose(
                          ok -> {
                            if (!ok) {
                              attempt.failed(System.currentTimeMillis());
                              LOG.info("failed password change for '" + user + "' from " + address);
                              throw wrongSecret().asCompletion();
                            }
                            attempt.succeeded();
                            return hasher.hash(r.newSecret(), Priority.EXISTING_ACCOUNT);
                          })
                      .thenCompose(hash -> store.replaceCredentials(user, c.hash(), hash, wanted));
                })
            .thenApply(
                replaced -> {
                  if (!replaced) {
                    // Changed by another session between the check and now.
                    throw wrongSecret().asCompletion();
                  }
                  LOG.info("password changed: " + user);
                  return null;
                });
    return done.whenComplete((v, err) -> attempt.release());
  }

  private static ProtocolException wrongSecret() {
    return new ProtocolException(ErrorCode.BAD_CREDENTIALS, "The current password is wrong.");
  }
}
