package dev.parley.client.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.crypto.KeyStoreContents;
import dev.parley.crypto.WrongPasswordException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An unlock begun early opens the account only for the folder and wrapping it was begun for. */
class AccountUnlockTest {
  private static final Transactions.Later MANUAL = (task, delay) -> {};
  private static final char[] PW = "Passw0rdOK".toCharArray();

  @TempDir Path dir;

  private Path account(String name) throws Exception {
    Path d = dir.resolve(name);
    java.nio.file.Files.createDirectories(d);
    try (AccountDatabase a =
        AccountDatabase.create(d, PW, 1_000, KeyStoreContents.createNew(1), MANUAL, x -> {})) {
      a.history().addIncoming("bob", "m1", "kept", 1);
    }
    return d;
  }

  @Test
  void anEarlyUnlockOpensItsAccount() throws Exception {
    Path d = account("a");
    Optional<AccountUnlock> early = AccountUnlock.start(d, PW);
    assertThat(early).isPresent();
    // The password given to open() is not even needed when the early key fits.
    try (AccountDatabase a = AccountDatabase.open(d, "unused".toCharArray(), early, MANUAL)) {
      assertThat(a.history().history("bob", 5, Long.MAX_VALUE)).hasSize(1);
    }
  }

  @Test
  void anEarlyUnlockOfAnotherFolderOrAnOldWrappingIsNotUsed() throws Exception {
    Path a = account("a");
    Path b = account("b");
    Optional<AccountUnlock> forA = AccountUnlock.start(a, PW);
    assertThatThrownBy(() -> AccountDatabase.open(b, "Wrong1pass".toCharArray(), forA, MANUAL))
        .isInstanceOf(WrongPasswordException.class);
    try (AccountDatabase db = AccountDatabase.open(a, PW, MANUAL)) {
      db.changePassword("Another1pw".toCharArray(), 1_000);
    }
    assertThatThrownBy(() -> AccountDatabase.open(a, "Wrong1pass".toCharArray(), forA, MANUAL))
        .as("derived for the wrapping before the password change")
        .isInstanceOf(WrongPasswordException.class);
    assertThat(AccountUnlock.start(dir.resolve("none"), PW)).isEmpty();
  }
}
