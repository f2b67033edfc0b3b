package dev.parley.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FuturesTest {
  @Test
  void unwrapsACompletionExceptionOnceAndLeavesEverythingElse() {
    IllegalStateException cause = new IllegalStateException("x");
    assertThat(Futures.unwrap(new CompletionException(cause))).isSameAs(cause);
    assertThat(Futures.unwrap(cause)).isSameAs(cause);
    CompletionException empty = new CompletionException("no cause", null);
    assertThat(Futures.unwrap(empty)).isSameAs(empty);
    assertThat(Futures.unwrap(null)).isNull();
  }
}
