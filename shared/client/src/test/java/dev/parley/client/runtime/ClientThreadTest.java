package dev.parley.client.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Work handed to the client thread runs there, and its failures reach the caller unwrapped. */
class ClientThreadTest {
  private final ClientThread thread = new ClientThread();

  @AfterEach
  void stop() {
    thread.shutdown();
  }

  @Test
  void workRunsOnTheClientThread() throws Exception {
    String name =
        thread
            .call(() -> CompletableFuture.completedFuture(Thread.currentThread().getName()))
            .get(5, TimeUnit.SECONDS);

    assertThat(name).isEqualTo("parley-client");
  }

  @Test
  void aWrappedFailureReachesTheCallerUnwrapped() {
    IllegalArgumentException cause = new IllegalArgumentException("no");
    CompletableFuture<Object> result =
        thread.call(() -> CompletableFuture.failedFuture(new CompletionException(cause)));

    assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isSameAs(cause);
  }

  @Test
  void anExceptionThrownByTheWorkFailsTheResult() {
    CompletableFuture<Object> result =
        thread.call(
            () -> {
              throw new IllegalStateException("Not logged in.");
            });

    assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Not logged in.");
  }

  @Test
  void workHandedOverInOrderRunsInOrder() throws Exception {
    StringBuilder order = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      int n = i;
      thread.execute(() -> order.append(n));
    }
    thread.call(() -> CompletableFuture.completedFuture(null)).get(5, TimeUnit.SECONDS);

    assertThat(order).hasToString("01234");
  }

  @Test
  void aClosedThreadRefusesWorkWithAClearError() {
    thread.shutdown();

    assertThatThrownBy(
            () -> thread.call(() -> CompletableFuture.completedFuture(1)).get(5, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the client is closed");
  }
}
