package dev.parley.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AccountKeyTest {
  private static final char[] PASSWORD = "correct horse".toCharArray();

  @Test
  void aTagIsTheSameFromTheCacheAsFreshlyComputed() throws Exception {
    AccountKey key = AccountKey.generate();
    byte[] first = key.tag("peer", "alice");
    // The same key unwrapped again starts with an empty cache: it must agree.
    AccountKey again = AccountKey.unwrap(key.wrap(PASSWORD, PasswordKey.MIN_ITERATIONS), PASSWORD);
    assertThat(again.tag("peer", "alice")).isEqualTo(first);
    assertThat(key.tag("peer", "alice")).isEqualTo(first).hasSize(16);
  }

  @Test
  void tagsDifferByValueKindAndKey() {
    AccountKey key = AccountKey.generate();
    byte[] alice = key.tag("peer", "alice");
    assertThat(key.tag("peer", "bob")).isNotEqualTo(alice);
    assertThat(key.tag("other", "alice")).isNotEqualTo(alice);
    // The kind and the value are separated: "pee" + "ralice" is not "peer" + "alice".
    assertThat(key.tag("pee", "ralice")).isNotEqualTo(alice);
    assertThat(AccountKey.generate().tag("peer", "alice")).isNotEqualTo(alice);
    assertThat(key.tag("peer", "alice")).isEqualTo(alice);
  }

  @Test
  void changingAReturnedTagDoesNotChangeTheNext() {
    AccountKey key = AccountKey.generate();
    byte[] t = key.tag("peer", "alice");
    byte[] copy = t.clone();
    t[0] ^= 1;
    assertThat(key.tag("peer", "alice")).isEqualTo(copy);
  }

  @Test
  void tagsStayRightWhenTheCacheOverflows() throws Exception {
    AccountKey key = AccountKey.generate();
    AccountKey fresh = AccountKey.unwrap(key.wrap(PASSWORD, PasswordKey.MIN_ITERATIONS), PASSWORD);
    List<byte[]> first = new ArrayList<>();
    for (int i = 0; i < AccountKey.CACHED_TAGS * 2; i++) {
      first.add(key.tag("peer", "user" + i));
    }
    for (int i = 0; i < AccountKey.CACHED_TAGS * 2; i += 7) {
      assertThat(key.tag("peer", "user" + i)).isEqualTo(first.get(i));
      assertThat(fresh.tag("peer", "user" + i)).isEqualTo(first.get(i));
    }
  }

  @Test
  void tagsAndRowsAgreeAcrossThreads() throws Exception {
    AccountKey key = AccountKey.generate();
    AccountKey fresh = AccountKey.unwrap(key.wrap(PASSWORD, PasswordKey.MIN_ITERATIONS), PASSWORD);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        runs.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 500; i++) {
                    String name = "user" + ((i * 7 + thread) % 50);
                    assertThat(key.tag("peer", name)).isEqualTo(fresh.tag("peer", name));
                    byte[] ad = name.getBytes(StandardCharsets.UTF_8);
                    byte[] text = ("text " + thread + " " + i).getBytes(StandardCharsets.UTF_8);
                    assertThat(fresh.rows().open(key.rows().seal(text, ad), ad)).isEqualTo(text);
                  }
                  return null;
                }));
      }
      for (Future<?> f : runs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRowThatFailsToOpenLeavesTheCipherUsable() throws Exception {
    LocalDataCipher rows = AccountKey.generate().rows();
    byte[] ad = {1, 2, 3};
    byte[] sealed = rows.seal("hello".getBytes(StandardCharsets.UTF_8), ad);
    byte[] tampered = sealed.clone();
    tampered[tampered.length - 1] ^= 1;
    assertThatThrownBy(() -> rows.open(tampered, ad)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> rows.open(sealed, new byte[] {9})).isInstanceOf(CryptoException.class);
    assertThat(new String(rows.open(sealed, ad), StandardCharsets.UTF_8)).isEqualTo("hello");
    byte[] again = rows.seal("hello".getBytes(StandardCharsets.UTF_8), ad);
    assertThat(again).as("a fresh nonce per seal").isNotEqualTo(sealed);
    assertThat(new String(rows.open(again, ad), StandardCharsets.UTF_8)).isEqualTo("hello");
  }
}
