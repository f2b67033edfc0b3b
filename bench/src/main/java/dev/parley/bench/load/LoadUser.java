package dev.parley.bench.load;

import dev.parley.client.net.ServerConnection;
import dev.parley.protocol.frame.Answer;
import dev.parley.protocol.frame.Event;
import dev.parley.protocol.frame.LoginRequest;
import dev.parley.protocol.frame.LogoutRequest;
import dev.parley.protocol.frame.RegisterRequest;
import dev.parley.protocol.frame.Request;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/** One account of the generator with its raw protocol connection (no client core). */
final class LoadUser {
  static final String PASSWORD = "Bench-Passw0rd";
  // Account set-up is throttled so a cost-12 server's hashing queue never overflows.
  private static final int SETUP_IN_FLIGHT = 32;

  final String name;
  private volatile Consumer<Event> events = e -> {};
  private volatile ServerConnection connection;
  private volatile boolean disconnecting;

  LoadUser(String name) {
    this.name = name;
  }

  /** A prefix that keeps this run's account names apart from earlier runs on the same server. */
  static String runPrefix() {
    return "b" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
  }

  /** Names {@code prefix-0 … prefix-(n-1)}. */
  static List<LoadUser> named(String prefix, int n) {
    List<LoadUser> users = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      users.add(new LoadUser(prefix + "-" + i));
    }
    return users;
  }

  /** Where this user's events (frames without {@code re}) go; runs on a network thread. */
  void onEvents(Consumer<Event> handler) {
    events = handler;
  }

  ServerConnection connection() {
    return connection;
  }

  /** Connects and registers (which logs in). */
  CompletableFuture<LoadUser> register(Target target) {
    return connectAnd(target, id -> new RegisterRequest(id, name, PASSWORD, null));
  }

  /** Connects and logs in. */
  CompletableFuture<LoadUser> login(Target target) {
    return connectAnd(target, id -> new LoginRequest(id, name, PASSWORD, null));
  }

  /** Connects and logs in with {@code authKey}, as the client core does ({@link CoreUser}). */
  CompletableFuture<LoadUser> loginWithAuthKey(Target target, String authKey) {
    return connectAnd(target, id -> new LoginRequest(id, name, null, authKey));
  }

  private CompletableFuture<LoadUser> connectAnd(
      Target target, Function<String, ? extends Request> auth) {
    return target
        .connect(e -> events.accept(e), this::closed)
        .thenCompose(
            c -> {
              connection = c;
              return request(auth);
            })
        .thenApply(ok -> this);
  }

  // What this connection still had in flight is left on the server: a run's "lost" includes it.
  private void closed() {
    if (!disconnecting) {
      System.err.println(name + ": the connection closed during the run");
    }
  }

  /** Sends the request {@code build} makes on this user's connection, which picks its id. */
  CompletableFuture<Answer> request(Function<String, ? extends Request> build) {
    return connection.send(build::apply, Answer.class);
  }

  /** Closes the connection (the server sees the user go offline). */
  void disconnect() {
    disconnecting = true;
    if (connection != null) {
      connection.close();
    }
  }

  /** Registers all {@code users}, a bounded number at a time; fails if any fails. */
  static void registerAll(Target target, List<LoadUser> users) {
    setUpAll(users, u -> u.register(target));
  }

  /** Registers a sender and a recipient, then logs the recipient out and disconnects it. */
  static List<LoadUser> senderAndOfflineRecipient(Target target) throws Exception {
    List<LoadUser> users = named(runPrefix(), 2);
    registerAll(target, users);
    LoadUser recipient = users.get(1);
    recipient.request(LogoutRequest::new).get(30, java.util.concurrent.TimeUnit.SECONDS);
    recipient.disconnect();
    return users;
  }

  /** Logs all {@code users} in, a bounded number at a time; fails if any fails. */
  static void loginAll(Target target, List<LoadUser> users) {
    setUpAll(users, u -> u.login(target));
  }

  private static void setUpAll(
      List<LoadUser> users, java.util.function.Function<LoadUser, CompletableFuture<?>> step) {
    java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(SETUP_IN_FLIGHT);
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (LoadUser u : users) {
      slots.acquireUninterruptibly();
      all.add(step.apply(u).whenComplete((r, e) -> slots.release()));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
  }
}
