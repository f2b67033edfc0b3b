package dev.parley.client.store;

import dev.parley.crypto.AccountKey;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The slow part of opening an account (one PBKDF2 run), started on its own thread as soon as the
 * account's folder is known, so it overlaps the login's own key derivation and the server's
 * password check instead of following them. The key is used only for the wrapping it was derived
 * for.
 */
public final class AccountUnlock {
  private final Path dir;
  private final CompletableFuture<Result> result;

  private record Result(AccountKey.Wrapped wrapped, AccountKey key) {}

  private AccountUnlock(Path dir, CompletableFuture<Result> result) {
    this.dir = dir;
    this.result = result;
  }

  /**
   * Starts unlocking the account in {@code dir} with (a copy of) {@code password}; empty when there
   * is no account database there yet.
   */
  public static Optional<AccountUnlock> start(Path dir, char[] password) {
    if (!AccountDatabase.exists(dir)) {
      return Optional.empty();
    }
    char[] pw = password.clone();
    CompletableFuture<Result> result = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                AccountKey.Wrapped w = AccountDatabase.readWrappedKey(dir);
                result.complete(new Result(w, AccountKey.unwrap(w, pw)));
              } catch (Exception | Error e) {
                result.completeExceptionally(e);
              } finally {
                Arrays.fill(pw, '\0');
              }
            },
            "parley-unlock");
    t.setDaemon(true);
    t.start();
    return Optional.of(new AccountUnlock(dir, result));
  }

  /** True when this unlock was started for the account in {@code folder}. */
  boolean isFor(Path folder) {
    return dir.equals(folder);
  }

  /**
   * The account key for {@code stored}, waiting for the derivation; empty when it was derived for
   * another wrapping (the password changed meanwhile) or failed (then the caller derives again
   * itself, which tells a wrong password from anything else).
   */
  Optional<AccountKey> keyFor(AccountKey.Wrapped stored) {
    Result r;
    try {
      r = result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      return Optional.empty();
    }
    boolean same =
        r.wrapped().iterations() == stored.iterations()
            && Arrays.equals(r.wrapped().salt(), stored.salt())
            && Arrays.equals(r.wrapped().sealedKey(), stored.sealedKey());
    return same ? Optional.of(r.key()) : Optional.empty();
  }
}
