package dev.parley.server.accounts;

import dev.parley.platform.Futures;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.frame.ChangePasswordRequest;
import dev.parley.protocol.frame.LoginRequest;
import dev.parley.protocol.frame.RegisterRequest;
import dev.parley.server.accounts.PasswordHasher.Owner;
import dev.parley.server.accounts.PasswordHasher.Priority;
import dev.parley.server.config.ServerConfig;
import dev.parley.server.limits.RemoteAddress;
import dev.parley.server.store.AccountStore;
import dev.parley.server.store.Credentials;
import dev.parley.server.store.Credentials.Scheme;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Creating accounts, checking logins and changing passwords (docs/PROTOCOL.md §5): which secret an
 * account is checked with, the one-time upgrade of a legacy account to an auth key, and the limits
 * around every bcrypt operation: the failed-login limits ({@link LoginThrottle}), the hashing
 * budgets ({@link HashingBudget}) and the fair pool ({@link PasswordHasher}). Requests arrive
 * already decoded and checked by their records ({@link RegisterRequest}, {@link LoginRequest},
 * {@link ChangePasswordRequest}).
 */
public final class Accounts {
  private static final Logger LOG = Logger.getLogger(Accounts.class.getName());

  private final ServerConfig config;
  private final AccountStore store;
  private final PasswordHasher hasher;
  private final LoginThrottle logins;
  private final RegistrationThrottle registrations;
  private final HashingBudget budget;

  /** The account service of one server. */
  public Accounts(ServerConfig config, AccountStore store, PasswordHasher hasher) {
    this.config = config;
    this.store = store;
    this.hasher = hasher;
    this.logins = new LoginThrottle(config.loginFailuresPerAddress());
    this.registrations = new RegistrationThrottle(config.registrationsPerAddress());
    this.budget =
        new HashingBudget(
            config.hashesPerMinutePerAddress(),
            config.hashBurstPerAddress(),
            config.hashesPerMinutePerAccount(),
            config.hashBurstPerAccount());
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
  public CompletableFuture<String> register(RegisterRequest r, RemoteAddress from)
      throws ProtocolException {
    requireOpenRegistration();
    String address = from.address();
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
                  return hasher.hash(
                      byKey ? r.authKey() : r.password(),
                      Priority.NEW_ACCOUNT,
                      Owner.of(from, name));
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
  public CompletableFuture<String> login(LoginRequest r, RemoteAddress from)
      throws ProtocolException {
    String address = from.address();
    LoginThrottle.Attempt attempt = logins.begin(r.username(), address, System.currentTimeMillis());
    HashingBudget.Ticket ticket;
    try {
      ticket = budget.startLogin(address, r.username(), System.nanoTime());
    } catch (ProtocolException e) {
      attempt.release();
      throw e;
    }
    Work work = new Work(attempt, ticket, Owner.of(from, r.username()), address);
    CompletableFuture<String> done =
        store.credentials(r.username()).thenCompose(c -> checkLogin(r, c, work));
    // Whatever ended it without a check (a failed read, server_busy) counts nothing.
    return done.whenComplete((v, err) -> work.end());
  }

  /** The limits one request is counted under, and whose work it is in the pool. */
  private record Work(
      LoginThrottle.Attempt attempt, HashingBudget.Ticket ticket, Owner owner, String address) {
    /** Submits one bcrypt operation, counted in the hashing budgets. */
    <T> CompletableFuture<T> hashing(Supplier<CompletableFuture<T>> operation) {
      ticket.charge();
      return operation
          .get()
          .whenComplete(
              (v, err) -> {
                if (isBusy(err)) {
                  ticket.refund(); // the pool refused it: no work was done
                }
              });
    }

    /** Nothing (more) will be checked: settles what was not settled. */
    void end() {
      attempt.release();
      ticket.end();
    }
  }

  private static boolean isBusy(Throwable err) {
    Throwable cause = Futures.unwrap(err);
    return cause instanceof ProtocolException pe && pe.code() == ErrorCode.SERVER_BUSY;
  }

  private CompletableFuture<String> checkLogin(
      LoginRequest r, Optional<Credentials> stored, Work work) {
    String name = r.username();
    boolean both = r.password() != null && r.authKey() != null;
    if (stored.isEmpty()) {
      // Same work and answer as a wrong secret: the answer does not say whether the name exists.
      return check(
          work, name, false, work.hashing(() -> hasher.verify(secret(r), null, work.owner())));
    }
    Credentials c = stored.get();
    if (c.scheme() == Scheme.AUTH_KEY) {
      if (both) {
        work.end();
        return CompletableFuture.failedFuture(
            ProtocolException.badRequest(
                "This account already uses an auth key; send only 'authKey'."));
      }
      // A password alone is no credential of such an account, but costs the same check.
      String hash = r.authKey() != null ? c.hash() : null;
      return check(
          work, name, true, work.hashing(() -> hasher.verify(secret(r), hash, work.owner())));
    }
    if (r.password() == null) {
      work.end(); // no secret checked: not a guess
      return CompletableFuture.failedFuture(
          new ProtocolException(
              ErrorCode.UPGRADE_REQUIRED,
              "This account still has a password login; log in once with both the password and"
                  + " the auth key."));
    }
    CompletableFuture<String> legacy =
        check(
            work,
            name,
            true,
            work.hashing(() -> hasher.verify(r.password(), c.hash(), work.owner())));
    if (!both) {
      return legacy;
    }
    return legacy.thenCompose(
        loggedIn ->
            work.hashing(() -> hasher.hash(r.authKey(), Priority.EXISTING_ACCOUNT, work.owner()))
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

  /** Settles the request's limits with the outcome of {@code verified}. */
  private CompletableFuture<String> check(
      Work work, String name, boolean exists, CompletableFuture<Boolean> verified) {
    return verified.thenApply(
        ok -> {
          if (ok) {
            work.attempt().succeeded();
            work.ticket().proved();
            LOG.info("login: " + name + " from " + work.address());
            return name;
          }
          work.attempt().failed(System.currentTimeMillis());
          // A name that is not an account is often a password typed into the wrong field.
          LOG.info(
              (exists ? "failed login for '" + name + "'" : "failed login for an unknown name")
                  + " from "
                  + work.address());
          throw new ProtocolException(ErrorCode.BAD_CREDENTIALS, "Wrong username or password.")
              .asCompletion();
        });
  }

  private static String secret(LoginRequest r) {
    return r.authKey() != null ? r.authKey() : r.password();
  }

  /**
   * Changes {@code user}'s secret after checking the old one, under the failed-login limits and the
   * hashing budgets of the address and of {@code user}.
   */
  public CompletableFuture<Void> changePassword(
      String user, ChangePasswordRequest r, RemoteAddress from) throws ProtocolException {
    String address = from.address();
    LoginThrottle.Attempt attempt = logins.begin(user, address, System.currentTimeMillis());
    HashingBudget.Ticket ticket;
    try {
      ticket = budget.startChange(address, user, System.nanoTime());
    } catch (ProtocolException e) {
      attempt.release();
      throw e;
    }
    Work work = new Work(attempt, ticket, Owner.of(from, user), address);
    Scheme wanted = r.authKeys() ? Scheme.AUTH_KEY : Scheme.PASSWORD;
    CompletableFuture<Void> done =
        store
            .credentials(user)
            .thenCompose(
                stored -> {
                  if (stored.isEmpty() || stored.get().scheme() != wanted) {
                    work.end(); // the wrong kind of secret: nothing was checked
                    throw wrongSecret().asCompletion();
                  }
                  Credentials c = stored.get();
                  return work.hashing(() -> hasher.verify(r.oldSecret(), c.hash(), work.owner()))
                      .thenCompose(
                          ok -> {
                            if (!ok) {
                              attempt.failed(System.currentTimeMillis());
                              LOG.info("failed password change for '" + user + "' from " + address);
                              throw wrongSecret().asCompletion();
                            }
                            attempt.succeeded();
                            return work.hashing(
                                () ->
                                    hasher.hash(
                                        r.newSecret(), Priority.EXISTING_ACCOUNT, work.owner()));
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
    return done.whenComplete((v, err) -> work.end());
  }

  private static ProtocolException wrongSecret() {
    return new ProtocolException(ErrorCode.BAD_CREDENTIALS, "The current password is wrong.");
  }
}
