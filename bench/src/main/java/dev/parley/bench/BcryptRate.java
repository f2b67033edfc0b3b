package dev.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mindrot.jbcrypt.BCrypt;

/** How many password checks (logins) per second this machine does at a bcrypt cost. */
final class BcryptRate {
  private BcryptRate() {}

  static void run(int cost, int checks) throws Exception {
    String hash = BCrypt.hashpw("Passw0rdOK", BCrypt.gensalt(cost));
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    List<Future<Boolean>> done = new ArrayList<>();
    for (int i = 0; i < checks; i++) {
      done.add(pool.submit(() -> BCrypt.checkpw("Passw0rdOK", hash)));
    }
    for (Future<Boolean> f : done) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    System.out.printf(
        "bcrypt cost %d: %d checks on %d threads in %.2f s = %.1f logins/s%n",
        cost, checks, threads, seconds, checks / seconds);
    System.out.printf(
        "{\"mode\":\"bcrypt\",\"cost\":%d,\"checks\":%d,\"threads\":%d,\"seconds\":%.3f,"
            + "\"loginsPerSecond\":%.2f}%n",
        cost, checks, threads, seconds, checks / seconds);
  }
}
