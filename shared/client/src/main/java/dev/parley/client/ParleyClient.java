package dev.parley.client;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.parley.client.net.ServerConnection;
import dev.parley.client.store.HistoryStore;
import dev.parley.crypto.Decrypted;
import dev.parley.crypto.DecryptionException;
import dev.parley.crypto.E2eSessions;
import dev.parley.crypto.IdentityChange;
import dev.parley.crypto.IdentityMismatchException;
import dev.parley.crypto.IdentityPublicKey;
import dev.parley.crypto.InvalidBundleException;
import dev.parley.crypto.KeyStoreContents;
import dev.parley.crypto.KeyStoreFile;
import dev.parley.crypto.OneTimePreKey;
import dev.parley.crypto.PeerTrust;
import dev.parley.crypto.PreKeyBundle;
import dev.parley.crypto.PublishedKeys;
import dev.parley.crypto.SafetyNumber;
import dev.parley.crypto.SendingHeldException;
import dev.parley.platform.PrivateFiles;
import dev.parley.protocol.AuthKey;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Fields;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.PasswordPolicy;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.UsernameRules;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * A Parley client without a screen: connection with certificate pinning, account, automatic
 * end-to-end key exchange, contacts, conversations with delivery states, local encrypted history
 * and reconnection. All state lives on one client thread: public methods hand their work to it and
 * return futures, and {@link ClientListener} callbacks run on it (see there).
 */
public final class ParleyClient implements AutoCloseable {
  /**
   * Largest encoded message payload. Encrypted, it stays well under the server's envelope limit (47
   * KiB), whose base64 form must fit a 64 KiB frame.
   */
  static final int MAX_PAYLOAD_BYTES = 32 * 1024;

  private static final Logger LOG = Logger.getLogger(ParleyClient.class.getName());
  private static final long SIGNED_PREKEY_MAX_AGE = 7L * 24 * 3600 * 1000;
  private static final long TYPING_INTERVAL_MILLIS = 3_000;
  // However often a server says keys_low, one-time prekeys are generated at most this often.
  private static final long MIN_REFILL_INTERVAL_MILLIS = 10_000;
  // A session is restarted for a peer whose message this device cannot read at most this often.
  private static final long RESET_INTERVAL_MILLIS = 10 * 60_000;
  private static final int MAX_RESETS_REMEMBERED = 1_000;
  private static final int MAX_RESETS_PER_MINUTE = 10;
  private static final long MAX_RETRY_DELAY_MILLIS = 60_000;
  private static final Pattern MSG_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final ClientConfig config;
  private final KnownServers knownServers;
  private final ScheduledExecutorService thread;
  private final EventLoopGroup network =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final List<ClientListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, Boolean> presence = new ConcurrentHashMap<>();
  // For each contact on this user's server-side list: whether it has this user as a contact too
  // (servers before mutual presence: true). Peers only known from a message are not in it.
  private final Map<String, Boolean> mutual = new ConcurrentHashMap<>();
  private final Map<String, Long> lastTypingSent = new ConcurrentHashMap<>();

  // Client-thread state.
  private volatile ServerAddress address;
  private ServerConnection connection;
  private volatile String user;
  // Bumped whenever a session ends, so work begun for an older one (a reconnect under way) stops.
  private long sessionEpoch;
  // The derived credential, kept to log in again after a reconnect; never the password.
  private String authKey;
  private KeyStoreFile keyStore;
  private E2eSessions sessions;
  private HistoryStore history;
  private volatile ConnectionState state = ConnectionState.DISCONNECTED;
  private CompletableFuture<Void> sendChain = CompletableFuture.completedFuture(null);
  private int reconnectAttempts;
  private boolean closed;
  private long lastRefillAt = -MIN_REFILL_INTERVAL_MILLIS;
  private boolean refillScheduled;
  private final Map<String, Long> lastResetAt = new java.util.HashMap<>();
  private final java.util.ArrayDeque<Long> recentResets = new java.util.ArrayDeque<>();
  private final java.util.Set<String> retryScheduled = new java.util.HashSet<>();

  /** A client keeping its files as {@code config} says. */
  public ParleyClient(ClientConfig config) {
    this.config = config;
    this.knownServers = new KnownServers(config.dataDir().resolve("known_servers"));
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "parley-client");
              t.setDaemon(true);
              return t;
            });
  }

  /** Adds a listener (see {@link ClientListener} for the threading rule). */
  public void addListener(ClientListener l) {
    listeners.add(l);
  }

  /** Removes a listener. */
  public void removeListener(ClientListener l) {
    listeners.remove(l);
  }

  /** The current connection state. */
  public ConnectionState state() {
    return state;
  }

  /** The server chosen last (connected, logged in or reconnecting to it), or null. */
  public ServerAddress server() {
    return address;
  }

  /** The logged-in username, or null. */
  public String user() {
    return user;
  }

  /** The pinned certificate store. */
  public KnownServers knownServers() {
    return knownServers;
  }

  /** Pins {@code fingerprint} for {@code address}: the user accepted it. */
  public void trustServer(ServerAddress address, String fingerprint) {
    knownServers.trust(address, fingerprint);
  }

  // ---- connection and account -------------------------------------------------------------

  /**
   * Connects to a server. Fails with {@link ServerTrustException} on first contact or a changed
   * certificate (nothing was sent; call {@link #trustServer} if the user accepts, then again).
   */
  public CompletableFuture<ServerInfo> connect(ServerAddress to) {
    return onThread(
        () -> {
          if (user != null) {
            // Choosing a server ends the session on the last one: never two at once.
            forgetSession();
          }
          dropConnection();
          address = to;
          setState(ConnectionState.CONNECTING);
          return openConnection()
              .thenApplyAsync(
                  c -> {
                    JsonObject hello = c.serverHello();
                    String name =
                        hello.has("name") ? hello.get("name").getAsString() : to.toString();
                    return new ServerInfo(to, name, c.fingerprint(), localAccounts());
                  },
                  thread)
              .whenCompleteAsync(
                  (ok, err) -> {
                    if (err != null && user == null) {
                      setState(ConnectionState.DISCONNECTED);
                    }
                  },
                  thread);
        });
  }

  /**
   * Opens a connection to {@code address} and makes it the current one. Only the current
   * connection's loss counts: one that was replaced or dropped on purpose closes unheard.
   */
  private CompletableFuture<ServerConnection> openConnection() {
    ServerConnection[] mine = new ServerConnection[1];
    return ServerConnection.open(
            address,
            knownServers,
            network,
            frame -> thread.execute(() -> onEvent(frame)),
            () ->
                thread.execute(
                    () -> {
                      if (mine[0] != null && connection == mine[0]) {
                        onConnectionLost();
                      }
                    }),
            config.pingAfter(),
            config.pingDeadline())
        .thenApplyAsync(
            c -> {
              mine[0] = c;
              connection = c;
              return c;
            },
            thread);
  }

  /**
   * The connection for a request before login: the open one, or a new one when the server closed it
   * (it does so after its login timeout, however long the person takes to fill in the form).
   */
  private CompletableFuture<ServerConnection> preLoginConnection() {
    if (connection != null && connection.isOpen()) {
      return CompletableFuture.completedFuture(connection);
    }
    if (address == null) {
      throw new IllegalStateException("Choose a server first.");
    }
    setState(ConnectionState.CONNECTING);
    return openConnection()
        .whenCompleteAsync(
            (c, err) -> {
              if (err != null && user == null) {
                setState(ConnectionState.DISCONNECTED);
              }
            },
            thread);
  }

  /**
   * A register or login request, on a connection opened on demand. When the connection is lost
   * before the answer (the server's login timeout may strike just then) it is sent once more on a
   * new one; a registration whose first attempt did reach the server then finds the name taken, and
   * a login with the same derived key tells whether the account is this one.
   */
  private CompletableFuture<JsonObject> authRequest(
      String type, String name, String key, boolean mayRetry) {
    JsonObject req = new JsonObject();
    req.addProperty("username", name);
    req.addProperty("authKey", key);
    return preLoginConnection()
        .thenComposeAsync(
            c ->
                c.request(type, req)
                    .handleAsync(
                        (ok, err) -> {
                          Throwable cause = unwrap(err);
                          if (err == null) {
                            return CompletableFuture.completedFuture(ok);
                          }
                          if (!mayRetry || !(cause instanceof IOException)) {
                            return CompletableFuture.<JsonObject>failedFuture(cause);
                          }
                          CompletableFuture<JsonObject> again = authRequest(type, name, key, false);
                          if (type.equals(FrameType.REGISTER)) {
                            again =
                                again.exceptionallyCompose(
                                    e ->
                                        unwrap(e) instanceof ServerErrorException se
                                                && se.code() == ErrorCode.USERNAME_TAKEN
                                            ? authRequest(FrameType.LOGIN, name, key, false)
                                                .exceptionallyCompose(
                                                    e2 -> CompletableFuture.failedFuture(se))
                                            : CompletableFuture.failedFuture(unwrap(e)));
                          }
                          return again;
                        },
                        thread)
                    .thenCompose(f -> f),
            thread);
  }

  /** The accounts this device has keys for on the current server. */
  private List<String> localAccounts() {
    Path dir = accountsDir();
    if (!java.nio.file.Files.isDirectory(dir)) {
      return List.of();
    }
    try (var entries = java.nio.file.Files.list(dir)) {
      return entries
          .filter(d -> KeyStoreFile.exists(d.resolve("keys.pks")))
          .map(d -> d.getFileName().toString())
          .filter(UsernameRules::isValid)
          .sorted()
          .toList();
    } catch (IOException e) {
      LOG.log(Level.FINE, "cannot list the accounts on this device", e);
      return List.of();
    }
  }

  /** Creates the account on the connected server, a new device identity, and logs in. */
  public CompletableFuture<Void> register(String username, char[] pw) {
    return authenticate(FrameType.REGISTER, username, pw);
  }

  /** Logs in, opening (or, on a new device, creating) this account's keys and history. */
  public CompletableFuture<Void> login(String username, char[] pw) {
    return authenticate(FrameType.LOGIN, username, pw);
  }

  /**
   * Registers or logs in with the key derived from the password ({@link AuthKey}): the server never
   * sees the password, which also seals this device's key store. The password is refused here,
   * before anything is sent, when it breaks the policy (the server cannot check a derived key).
   */
  private CompletableFuture<Void> authenticate(String type, String username, char[] pw) {
    String name = UsernameRules.canonical(username);
    char[] secret = pw.clone();
    boolean register = type.equals(FrameType.REGISTER);
    CompletableFuture<Void> done =
        onThread(
            () -> {
              if (user != null) {
                throw new IllegalStateException(
                    "You are logged in as " + user + ". Log out first.");
              }
              if (register) {
                List<String> broken = PasswordPolicy.violationCodes(name, new String(secret));
                if (!broken.isEmpty()) {
                  throw new ServerErrorException(
                      ErrorCode.WEAK_PASSWORD, "The password does not meet the policy.", broken, 0);
                }
              }
              String key = AuthKey.derive(name, secret, config.authKeyIterations());
              // Not async: authRequest completes on this thread, in the task that handles the
              // answer, so the account is open before the events that follow it (messages that
              // waited on the server) are handled; another hop would queue it after them.
              return authRequest(type, name, key, true)
                  .handle(
                      (ok, err) -> {
                        Throwable cause = unwrap(err);
                        if (cause instanceof ServerErrorException se
                            && se.code() == ErrorCode.UPGRADE_REQUIRED
                            && !register) {
                          return upgradeLegacyAccount(name, secret, key);
                        }
                        if (err != null) {
                          return CompletableFuture.<Void>failedFuture(cause);
                        }
                        open(name, secret, register);
                        return completeLogin(name, key);
                      })
                  .thenCompose(v -> v);
            });
    return done.whenComplete((v, e) -> Arrays.fill(secret, '\0'));
  }

  /**
   * The server holds this account under the old scheme (a hash of the password itself). The
   * password is sent once more, with the derived key that replaces it, only when this device's own
   * key store says it was created that way: otherwise a hostile server could claim it to learn the
   * password.
   */
  private CompletableFuture<Void> upgradeLegacyAccount(String name, char[] secret, String key) {
    open(name, secret, false);
    if (keyStore.contents().usesAuthKey()) {
      closeAccount();
      return CompletableFuture.failedFuture(
          new ServerErrorException(
              ErrorCode.UPGRADE_REQUIRED,
              "The server asked for your password itself, which Parley never sends for this"
                  + " account. It may not be the server you know; nothing was sent.",
              List.of(),
              0));
    }
    JsonObject req = new JsonObject();
    req.addProperty("username", name);
    req.addProperty("password", new String(secret));
    req.addProperty("authKey", key);
    return connection
        .request(FrameType.LOGIN, req)
        .thenComposeAsync(
            ok -> {
              keyStore.contents().markUsesAuthKey();
              saveKeys();
              return completeLogin(name, key);
            },
            thread)
        .whenCompleteAsync(
            (v, err) -> {
              if (err != null && user == null) {
                closeAccount();
              }
            },
            thread);
  }

  private void open(String name, char[] secret, boolean fresh) {
    try {
      openAccount(name, secret, fresh);
    } catch (IOException | SQLException | dev.parley.crypto.CryptoException e) {
      throw new CompletionException(e);
    }
  }

  private CompletableFuture<Void> completeLogin(String name, String key) {
    if (!keyStore.contents().usesAuthKey()) {
      // Another device of this account already moved it to the derived key.
      keyStore.contents().markUsesAuthKey();
      saveKeys();
    }
    user = name;
    authKey = key;
    fire(l -> l.sessionChanged(name));
    return afterLogin();
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  private Path accountDir(String name) {
    return accountsDir().resolve(name);
  }

  private Path accountsDir() {
    return config
        .dataDir()
        .resolve("accounts")
        .resolve(address.host().replace(':', '_') + "_" + address.port());
  }

  private void openAccount(String name, char[] pw, boolean fresh)
      throws IOException, SQLException, dev.parley.crypto.CryptoException {
    Path dir = accountDir(name);
    Path keys = dir.resolve("keys.pks");
    closeAccount();
    PrivateFiles.directory(config.dataDir());
    PrivateFiles.directory(dir);
    if (fresh || !KeyStoreFile.exists(keys)) {
      // A new account, or this account on a new device: a new identity, a new history.
      java.nio.file.Files.deleteIfExists(dir.resolve("history.db"));
      keyStore =
          KeyStoreFile.create(
              keys,
              pw,
              KeyStoreContents.createNew(System.currentTimeMillis()),
              config.keyStoreIterations());
    } else {
      keyStore = KeyStoreFile.open(keys, pw);
    }
    PrivateFiles.tighten(keys);
    sessions = new E2eSessions(keyStore.contents());
    history = HistoryStore.open(dir.resolve("history.db"), keyStore.contents().localDataKey());
    importLegacyTrust();
  }

  /**
   * Older versions kept contacts' identity keys and verified marks in the history database, where
   * nothing authenticated them; they move into the key store once.
   */
  private void importLegacyTrust() throws SQLException, IOException {
    KeyStoreContents contents = keyStore.contents();
    if (contents.trustImported()) {
      return;
    }
    for (HistoryStore.LegacyTrust t : history.legacyTrust()) {
      try {
        contents.importTrust(t.name(), IdentityPublicKey.decode(t.identity()), t.verified());
      } catch (IllegalArgumentException damaged) {
        LOG.warning("skipping a damaged identity key in the old history");
      }
    }
    contents.markTrustImported();
    keyStore.save();
  }

  private CompletableFuture<Void> afterLogin() {
    reconnectAttempts = 0;
    rotateSignedPreKeyIfDue();
    return publishKeys(List.of())
        .thenComposeAsync(this::topUpPrekeys, thread)
        .thenComposeAsync(v -> syncContacts(), thread)
        .thenRunAsync(
            () -> {
              setState(ConnectionState.ONLINE);
              // Presence counts from now on (contacts() shows nobody online before).
              fire(ClientListener::contactsChanged);
              flushOutbox();
            },
            thread);
  }

  private CompletableFuture<Integer> publishKeys(List<OneTimePreKey> oneTime) {
    PublishedKeys k = keyStore.contents().publishedKeys(oneTime);
    JsonObject req = new JsonObject();
    req.addProperty("identityDh", Fields.base64(k.identity().dh()));
    req.addProperty("identitySign", Fields.base64(k.identity().sign()));
    JsonObject spk = new JsonObject();
    spk.addProperty("id", k.signedPreKeyId());
    spk.addProperty("key", Fields.base64(k.signedPreKey()));
    spk.addProperty("signature", Fields.base64(k.signedPreKeySignature()));
    req.add("signedPreKey", spk);
    JsonArray otks = new JsonArray();
    for (PublishedKeys.OneTimePublic o : k.oneTimePreKeys()) {
      JsonObject e = new JsonObject();
      e.addProperty("id", o.id());
      e.addProperty("key", Fields.base64(o.key()));
      otks.add(e);
    }
    req.add("oneTimePreKeys", otks);
    return connection
        .request(FrameType.PUBLISH_KEYS, req)
        .thenApply(ok -> ok.get("oneTimePreKeys").getAsInt());
  }

  /** Rotates the signed prekey when it is old or has started many sessions; true if it did. */
  private boolean rotateSignedPreKeyIfDue() {
    KeyStoreContents keys = keyStore.contents();
    long now = System.currentTimeMillis();
    if (now - keys.currentSignedPreKey().createdAtMillis() > SIGNED_PREKEY_MAX_AGE
        || keys.needsSignedPreKeyRotation()) {
      keys.rotateSignedPreKey(now);
      saveKeys();
      return true;
    }
    return false;
  }

  /**
   * Publishes just enough one-time prekeys for the server to hold a full pool again. The local
   * store is capped ({@link KeyStoreContents#MAX_ONE_TIME_PREKEYS}), so no number of bundle fetches
   * by others, or {@code keys_low} events from a hostile server, can grow it.
   */
  private CompletableFuture<Void> topUpPrekeys(int onServer) {
    List<OneTimePreKey> fresh = keyStore.contents().topUpOneTimePreKeys(onServer);
    if (fresh.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    lastRefillAt = System.currentTimeMillis();
    saveKeys();
    return publishKeys(fresh).thenApply(n -> null);
  }

  /** The server says the one-time prekeys run short: top up, but never more often than allowed. */
  private void onKeysLow(JsonObject f) {
    int remaining;
    try {
      remaining = (int) Fields.integer(f, "remaining", 0, Integer.MAX_VALUE);
    } catch (ProtocolException e) {
      return;
    }
    long wait = lastRefillAt + MIN_REFILL_INTERVAL_MILLIS - System.currentTimeMillis();
    if (wait > 0) {
      if (!refillScheduled) {
        refillScheduled = true;
        thread.schedule(
            () -> {
              refillScheduled = false;
              if (state == ConnectionState.ONLINE) {
                publishKeys(List.of()).thenComposeAsync(this::topUpPrekeys, thread);
              }
            },
            wait,
            TimeUnit.MILLISECONDS);
      }
      return;
    }
    topUpPrekeys(remaining);
  }

  /**
   * Logs out and forgets the password; keys and history stay on disk. It takes effect at once,
   * online or not: the server is told when the connection is up, but nobody waits for its answer (a
   * dead link would hold the user for a minute), and the connection is closed afterwards.
   */
  public CompletableFuture<Void> logout() {
    return onThread(
        () -> {
          ServerConnection c = connection;
          connection = null;
          if (c != null && c.isOpen() && state == ConnectionState.ONLINE) {
            c.request(FrameType.LOGOUT, new JsonObject()).whenComplete((v, e) -> c.close());
          } else if (c != null) {
            c.close();
          }
          forgetSession();
          return CompletableFuture.completedFuture(null);
        });
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
        onThread(
            () -> {
              requireLogin();
              List<String> broken = PasswordPolicy.violationCodes(user, new String(fresh));
              if (!broken.isEmpty()) {
                throw new ServerErrorException(
                    ErrorCode.WEAK_PASSWORD,
                    "The new password does not meet the policy.",
                    broken,
                    0);
              }
              String newKey = AuthKey.derive(user, fresh, config.authKeyIterations());
              JsonObject req = new JsonObject();
              req.addProperty("oldAuthKey", AuthKey.derive(user, old, config.authKeyIterations()));
              req.addProperty("newAuthKey", newKey);
              return connection
                  .request(FrameType.CHANGE_PASSWORD, req)
                  .thenApplyAsync(
                      ok -> {
                        try {
                          keyStore.changePassword(fresh);
                        } catch (IOException e) {
                          throw new CompletionException(e);
                        }
                        authKey = newKey;
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

  // ---- contacts ----------------------------------------------------------------------------

  private CompletableFuture<Void> syncContacts() {
    return connection
        .request(FrameType.LIST_CONTACTS, new JsonObject())
        .thenAcceptAsync(
            ok -> {
              try {
                // The server's list replaces what was known: a contact removed elsewhere is
                // no longer one here (no presence, no read receipts).
                mutual.clear();
                presence.clear();
                for (JsonElement e : ok.getAsJsonArray("contacts")) {
                  JsonObject c = e.getAsJsonObject();
                  String name = username(c, "user");
                  history.addContact(name, System.currentTimeMillis());
                  presence.put(name, c.get("online").getAsBoolean());
                  mutual.put(name, !c.has("mutual") || c.get("mutual").getAsBoolean());
                  sessions.relyOn(name);
                }
              } catch (ProtocolException ex) {
                throw new CompletionException(ex);
              } catch (SQLException ex) {
                throw new CompletionException(ex);
              }
              fire(ClientListener::contactsChanged);
            },
            thread);
  }

  /** Adds a contact by username; fails with {@code unknown_user}. */
  public CompletableFuture<Contact> addContact(String name) {
    String who = UsernameRules.canonical(name);
    return onThread(
        () -> {
          requireLogin();
          JsonObject req = new JsonObject();
          req.addProperty("user", who);
          return connection
              .request(FrameType.ADD_CONTACT, req)
              .thenApplyAsync(
                  ok -> {
                    JsonObject c = ok.getAsJsonObject("contact");
                    boolean online = c.get("online").getAsBoolean();
                    presence.put(who, online);
                    mutual.put(who, !c.has("mutual") || c.get("mutual").getAsBoolean());
                    sessions.relyOn(who);
                    sql(() -> history.addContact(who, System.currentTimeMillis()));
                    fire(ClientListener::contactsChanged);
                    return contact(who, online);
                  },
                  thread);
        });
  }

  /** Removes a contact (the conversation stays). */
  public CompletableFuture<Void> removeContact(String name) {
    String who = UsernameRules.canonical(name);
    return onThread(
        () -> {
          requireLogin();
          JsonObject req = new JsonObject();
          req.addProperty("user", who);
          return connection
              .request(FrameType.REMOVE_CONTACT, req)
              .thenRunAsync(
                  () -> {
                    sql(() -> history.removeContact(who));
                    presence.remove(who);
                    mutual.remove(who);
                    fire(ClientListener::contactsChanged);
                  },
                  thread);
        });
  }

  /** The contacts with presence and verified marks. */
  public CompletableFuture<List<Contact>> contacts() {
    return onThread(
        () -> {
          requireAccount();
          List<Contact> out = new ArrayList<>();
          // Without a live connection nobody's presence is known: none is shown online.
          boolean live = state == ConnectionState.ONLINE;
          for (String n : sql(history::contactNames)) {
            out.add(contact(n, live && presence.getOrDefault(n, false)));
          }
          return CompletableFuture.completedFuture(out);
        });
  }

  private Contact contact(String name, boolean online) {
    Optional<PeerTrust> t = sessions.trust(name);
    return new Contact(
        name,
        online,
        t.map(PeerTrust::verified).orElse(false),
        t.map(PeerTrust::held).orElse(false),
        mutual.getOrDefault(name, false),
        mutual.containsKey(name));
  }

  /** Conversations, most recent first, with unread counts. */
  public CompletableFuture<List<Conversation>> conversations() {
    return onThread(
        () -> {
          requireAccount();
          return CompletableFuture.completedFuture(sql(history::conversations));
        });
  }

  /** Up to {@code limit} entries before {@code beforeLocalId} (use Long.MAX_VALUE for newest). */
  public CompletableFuture<List<ChatMessage>> history(String peer, int limit, long beforeLocalId) {
    String who = UsernameRules.canonical(peer);
    return onThread(
        () -> {
          requireAccount();
          return CompletableFuture.completedFuture(
              sql(() -> history.history(who, limit, beforeLocalId)));
        });
  }

  /**
   * Marks a contact verified after the user compared {@code compared} with theirs, or unmarks it
   * ({@code compared} may then be null). Verifying a changed safety number also accepts it and
   * sends what was held. Fails with {@link IdentityMismatchException} when {@code compared} is no
   * longer the safety number (a key arrived while the user compared): nothing is verified then.
   */
  public CompletableFuture<Void> setVerified(String peer, SafetyNumber compared, boolean verified) {
    String who = UsernameRules.canonical(peer);
    return onThread(
        () -> {
          requireAccount();
          IdentityPublicKey onRecord = identityShownAs(who, verified ? compared : null);
          sessions.setVerified(who, onRecord, verified);
          saveKeys();
          fire(ClientListener::contactsChanged);
          flushOutbox(who);
          return CompletableFuture.completedFuture(null);
        });
  }

  /**
   * The user accepts the changed safety number of {@code peer}, the one shown as {@code shown},
   * without verifying it: messages held since the change are sent. Fails with {@link
   * IdentityMismatchException} when another key is on record by now.
   */
  public CompletableFuture<Void> acceptSafetyNumber(String peer, SafetyNumber shown) {
    String who = UsernameRules.canonical(peer);
    return onThread(
        () -> {
          requireAccount();
          sessions.acceptIdentity(who, identityShownAs(who, shown));
          saveKeys();
          fire(ClientListener::contactsChanged);
          flushOutbox(who);
          return CompletableFuture.completedFuture(null);
        });
  }

  /**
   * The identity on record for {@code peer} if its safety number is {@code shown} (any, when {@code
   * shown} is null); else {@link IdentityMismatchException}.
   */
  private IdentityPublicKey identityShownAs(String peer, SafetyNumber shown) {
    IdentityPublicKey onRecord =
        sessions
            .remoteIdentity(peer)
            .orElseThrow(
                () ->
                    new IdentityMismatchException(
                        peer, "there is no safety number yet; open it first"));
    if (shown != null
        && !SafetyNumber.of(user, keyStore.contents().identity().publicKey(), peer, onRecord)
            .equals(shown)) {
      throw new IdentityMismatchException(peer, "it changed while you were looking at it");
    }
    return onRecord;
  }

  /**
   * The safety number of the conversation with {@code peer}. Without a session yet, the peer's keys
   * are fetched (and a session started) first.
   */
  public CompletableFuture<SafetyNumber> safetyNumber(String peer) {
    String who = UsernameRules.canonical(peer);
    return onThread(
        () -> {
          requireLogin();
          return ensureSession(who)
              .thenApplyAsync(
                  v ->
                      SafetyNumber.of(
                          user,
                          keyStore.contents().identity().publicKey(),
                          who,
                          sessions.remoteIdentity(who).orElseThrow()),
                  thread);
        });
  }

  // ---- messages ----------------------------------------------------------------------------

  /**
   * Writes a message: stored at once (state SENDING, shown to listeners), then encrypted and sent
   * in order as soon as there is a connection.
   */
  public CompletableFuture<ChatMessage> send(String peer, String text) {
    String who = UsernameRules.canonical(peer);
    return onThread(
        () -> {
          requireAccount();
          if (who.equals(user)) {
            throw new IllegalArgumentException("You cannot message yourself.");
          }
          tooLong(text)
              .ifPresent(
                  why -> {
                    throw new IllegalArgumentException(why);
                  });
          ChatMessage m =
              sql(
                  () ->
                      history.addOutgoing(
                          who, UUID.randomUUID().toString(), text, System.currentTimeMillis()));
          fire(l -> l.messageAdded(m));
          if (state == ConnectionState.ONLINE) {
            enqueueSend(m);
          }
          return CompletableFuture.completedFuture(m);
        });
  }

  /**
   * Why {@code text} cannot go as one message, or empty if it can. Its encrypted envelope must fit
   * the server's limit; refused here, before it is stored, a long text can never become a message
   * that the server turns away on every retry.
   */
  public static Optional<String> tooLong(String text) {
    int bytes = Payload.text("", text, 0).encode().length;
    if (bytes <= MAX_PAYLOAD_BYTES) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "This message is too long to send at once (%,d KB; the limit is %,d KB). Split it"
                + " into parts.",
            (bytes + 1023) / 1024,
            MAX_PAYLOAD_BYTES / 1024));
  }

  /** Marks the conversation read and tells the sender (inside the encrypted channel). */
  public CompletableFuture<Void> markRead(String peer) {
    String who = UsernameRules.canonical(peer);
    return onThread(
        () -> {
          requireAccount();
          List<String> ids = sql(() -> history.takeUnread(who));
          if (!ids.isEmpty()) {
            // The user read what they wrote: their identity is relied on from now on.
            sessions.relyOn(who);
            saveKeys();
          }
          // Read receipts go only to people this user added: a stranger's message must not
          // tell the stranger when it was read.
          if (!ids.isEmpty() && state == ConnectionState.ONLINE && mutual.containsKey(who)) {
            Payload read = Payload.read(ids);
            chain(() -> transmit(who, UUID.randomUUID().toString(), read.encode(), null));
          }
          fire(ClientListener::contactsChanged);
          return CompletableFuture.completedFuture(null);
        });
  }

  /** Tells {@code peer} this user is typing (at most every few seconds; needs a session). */
  public void typing(String peer) {
    String who = UsernameRules.canonical(peer);
    thread.execute(
        () -> {
          long now = System.currentTimeMillis();
          if (state != ConnectionState.ONLINE
              || !sessions.hasSession(who)
              || now - lastTypingSent.getOrDefault(who, 0L) < TYPING_INTERVAL_MILLIS) {
            return;
          }
          lastTypingSent.put(who, now);
          byte[] envelope = sessions.encrypt(who, Payload.typing().encode());
          saveKeys();
          JsonObject req = new JsonObject();
          req.addProperty("to", who);
          req.addProperty("envelope", Fields.base64(envelope));
          connection.request(FrameType.TYPING, req);
        });
  }

  private void flushOutbox() {
    for (ChatMessage m : sql(history::outbox)) {
      enqueueSend(m);
    }
  }

  /**
   * Tries {@code peer}'s outbox again after {@code retryAfterMs} (at least 1 s, at most a minute; a
   * minute when the server named no time). One retry per peer is scheduled at a time.
   */
  private void retryLater(String peer, long retryAfterMs) {
    if (!retryScheduled.add(peer)) {
      return;
    }
    long delay =
        retryAfterMs > 0
            ? Math.min(MAX_RETRY_DELAY_MILLIS, Math.max(1_000, retryAfterMs))
            : MAX_RETRY_DELAY_MILLIS;
    thread.schedule(
        () -> {
          retryScheduled.remove(peer);
          if (history != null) {
            flushOutbox(peer);
          }
        },
        delay,
        TimeUnit.MILLISECONDS);
  }

  /** Sends what waits for {@code peer} (after its changed safety number was accepted). */
  private void flushOutbox(String peer) {
    if (state != ConnectionState.ONLINE || sessions.isHeld(peer)) {
      return;
    }
    for (ChatMessage m : sql(history::outbox)) {
      if (m.peer().equals(peer)) {
        enqueueSend(m);
      }
    }
  }

  private void enqueueSend(ChatMessage m) {
    chain(
        () ->
            transmit(m.peer(), m.msgId(), Payload.text(m.msgId(), m.text(), m.sentAt()).encode(), m)
                .thenAcceptAsync(
                    ok ->
                        sql(() -> history.advance(m.peer(), m.msgId(), DeliveryState.SENT))
                            .ifPresent(u -> fire(l -> l.messageUpdated(u))),
                    thread),
        m);
  }

  /** Runs sends one after another, so messages leave in the order they were written. */
  private void chain(Supplier<CompletableFuture<?>> step) {
    chain(step, null);
  }

  private void chain(Supplier<CompletableFuture<?>> step, ChatMessage m) {
    sendChain =
        sendChain
            .thenComposeAsync(
                v -> {
                  if (state != ConnectionState.ONLINE) {
                    return CompletableFuture.completedFuture(null);
                  }
                  return step.get().thenApply(x -> (Void) null);
                },
                thread)
            .exceptionally(
                e -> {
                  reportSendFailure(m, e);
                  return null;
                });
  }

  /**
   * A send did not go. Held (a changed safety number) and transient failures (connection lost,
   * server busy) leave the message in the outbox for later; one that can never succeed ({@link
   * SendFailure}) becomes {@link DeliveryState#FAILED}, so it is neither waited for nor retried at
   * every start.
   */
  private void reportSendFailure(ChatMessage m, Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof SendingHeldException) {
      LOG.fine("held until the new safety number is accepted: a message to " + m);
    } else if (m != null && history != null && SendFailure.isPermanent(cause)) {
      String why = "Message to " + m.peer() + " was not sent: " + cause.getMessage();
      fire(l -> l.problem(why));
      try {
        sql(() -> history.fail(m.peer(), m.msgId())).ifPresent(u -> fire(l -> l.messageUpdated(u)));
      } catch (IllegalStateException local) {
        // The history could not record it: it stays in the outbox; the send chain goes on.
        LOG.log(Level.WARNING, "could not mark a message failed", local);
      }
    } else if (cause instanceof ServerErrorException se && m != null) {
      // Refused for now (busy, rate limited, queue full): it stays in the outbox and goes again
      // once the server said it may, not only at the next login.
      fire(l -> l.problem("Message to " + m.peer() + " was not sent yet: " + se.getMessage()));
      retryLater(m.peer(), se.retryAfterMs());
    } else if (!(cause instanceof IOException)) {
      LOG.log(Level.WARNING, "sending failed", cause);
    }
  }

  /**
   * Encrypts and sends one envelope. For a stored message ({@code message} not null) the envelope
   * is saved before it leaves, and a resend after a reconnect uses those identical bytes.
   */
  private CompletableFuture<JsonObject> transmit(
      String peer, String msgId, byte[] payload, ChatMessage message) {
    if (sessions.isHeld(peer)) {
      return CompletableFuture.failedFuture(new SendingHeldException(peer));
    }
    Optional<byte[]> stored =
        message == null ? Optional.empty() : sql(() -> history.envelope(message.localId()));
    CompletableFuture<Void> ready =
        stored.isPresent() ? CompletableFuture.completedFuture(null) : ensureSession(peer);
    return ready.thenComposeAsync(
        v -> {
          byte[] envelope =
              stored.orElseGet(
                  () -> {
                    byte[] fresh = sessions.encrypt(peer, payload);
                    saveKeys();
                    if (message != null) {
                      sql(() -> history.setEnvelope(message.localId(), fresh));
                    }
                    return fresh;
                  });
          JsonObject req = new JsonObject();
          req.addProperty("to", peer);
          req.addProperty("msgId", msgId);
          req.addProperty("envelope", Fields.base64(envelope));
          return connection.request(FrameType.SEND, req);
        },
        thread);
  }

  /** Makes sure a session with {@code peer} exists, fetching its bundle when needed. */
  private CompletableFuture<Void> ensureSession(String peer) {
    if (sessions.hasSession(peer)) {
      return CompletableFuture.completedFuture(null);
    }
    JsonObject req = new JsonObject();
    req.addProperty("user", peer);
    return connection
        .request(FrameType.FETCH_BUNDLE, req)
        .thenAcceptAsync(
            b -> {
              try {
                PreKeyBundle bundle = bundle(b);
                Optional<IdentityChange> change = sessions.startSession(peer, bundle);
                saveKeys();
                change.ifPresent(this::onIdentityChange);
              } catch (InvalidBundleException | ProtocolException e) {
                // Not a connection problem: retrying would fetch the same bad keys.
                throw new InvalidPeerKeysException(peer, e);
              }
            },
            thread);
  }

  private static PreKeyBundle bundle(JsonObject b) throws ProtocolException {
    JsonObject spk = Fields.object(b, "signedPreKey");
    Integer otkId = null;
    byte[] otk = null;
    if (b.has("oneTimePreKey")) {
      JsonObject o = Fields.object(b, "oneTimePreKey");
      otkId = (int) Fields.integer(o, "id", 0, Integer.MAX_VALUE);
      otk = Fields.bytesExactly(o, "key", 32);
    }
    return new PreKeyBundle(
        new IdentityPublicKey(
            Fields.bytesExactly(b, "identityDh", 32), Fields.bytesExactly(b, "identitySign", 32)),
        (int) Fields.integer(spk, "id", 0, Integer.MAX_VALUE),
        Fields.bytesExactly(spk, "key", 32),
        Fields.bytesExactly(spk, "signature", 64),
        otkId,
        otk);
  }

  /**
   * Tells the user that {@code change} happened: a notice in the conversation, then the events. The
   * crypto layer already put the new identity on record, cleared the verified mark and, for a
   * verified contact, holds sending until the user accepts the new safety number.
   */
  private void onIdentityChange(IdentityChange change) {
    String peer = change.peer();
    String text =
        change.sendingHeld()
            ? "The safety number with "
                + peer
                + " changed. You had verified "
                + peer
                + ", so messages to them wait until you compare the new safety number, or accept"
                + " it."
            : "The safety number with " + peer + " changed. They may have a new device.";
    ChatMessage notice =
        sql(
            () ->
                history.addNotice(
                    peer,
                    "identity-" + UUID.randomUUID(),
                    ChatMessage.Kind.IDENTITY_CHANGED,
                    text,
                    System.currentTimeMillis()));
    fire(l -> l.messageAdded(notice));
    fire(l -> l.identityChanged(peer));
    fire(ClientListener::contactsChanged);
  }

  // ---- events from the server ----------------------------------------------------------------

  private void onEvent(JsonObject f) {
    if (history == null) {
      return;
    }
    try {
      String type = f.get("type").getAsString();
      switch (type) {
        case FrameType.MESSAGE -> onMessage(f);
        case FrameType.RECEIPT -> onReceipt(f);
        case FrameType.PRESENCE -> {
          String who = username(f, "user");
          if (!mutual.containsKey(who)) {
            // Presence only ever concerns this user's own contacts: a name a server makes up
            // is not remembered.
            return;
          }
          boolean online = f.get("online").getAsBoolean();
          presence.put(who, online);
          if (online) {
            mutual.put(who, true); // presence goes to mutual contacts only
          }
          fire(l -> l.presenceChanged(who, online));
        }
        case FrameType.TYPING -> onTyping(f);
        case FrameType.KEYS_LOW -> onKeysLow(f);
        case FrameType.ERROR -> {
          ServerErrorException e = ServerConnection.toException(f);
          if (e.code() == ErrorCode.SESSION_REPLACED) {
            // Another device took this account: stop, do not fight over it.
            forgetSession();
          }
          fire(l -> l.problem(e.getMessage()));
        }
        default -> LOG.fine("ignoring event " + type);
      }
    } catch (ProtocolException | RuntimeException e) {
      LOG.log(Level.WARNING, "could not handle a server event", e);
    }
  }

  /** A user name in an event; the server is not trusted to send valid ones. */
  private static String username(JsonObject f, String field) throws ProtocolException {
    String raw = Fields.string(f, field, UsernameRules.MAX);
    if (!UsernameRules.isValid(raw) || !raw.equals(UsernameRules.canonical(raw))) {
      throw ProtocolException.badRequest("invalid user name in an event");
    }
    return raw;
  }

  /**
   * One stored message. Decryption happens in memory; the message (or its notice) is stored, then
   * the key store is saved, and only then is it acknowledged. When storing fails the key store is
   * reloaded from disk and nothing is acknowledged, so the server delivers it again later and no
   * text is lost. De-duplication uses the id inside the authenticated payload, not the outer {@code
   * msgId} a server could change.
   */
  private void onMessage(JsonObject f) throws ProtocolException {
    String from = username(f, "from");
    String msgId = Fields.string(f, "msgId", 64);
    long sentAt = Fields.integer(f, "sentAt", 0, Long.MAX_VALUE);
    byte[] envelope = Fields.bytes(f, "envelope", 1 << 20);
    Decrypted d;
    try {
      d = sessions.decrypt(from, envelope, E2eSessions.Channel.DURABLE);
    } catch (DecryptionException e) {
      if (e.reason() != DecryptionException.Reason.DUPLICATE
          && !storeUndecryptable(from, msgId, sentAt, e)) {
        return;
      }
      ack(from, msgId);
      return;
    }
    try {
      if (d.identityChange() != null) {
        onIdentityChange(d.identityChange());
      }
      storePayload(from, msgId, sentAt, d.plaintext());
      saveKeys();
    } catch (RuntimeException local) {
      LOG.log(
          Level.WARNING,
          "could not store a message from " + from + "; it stays on the server",
          local);
      rollBackKeys();
      fire(
          l -> l.problem("A message from " + from + " could not be stored; it will arrive again."));
      return;
    }
    if (d.newSession() && rotateSignedPreKeyIfDue() && state == ConnectionState.ONLINE) {
      publishKeys(List.of());
    }
    ack(from, msgId);
  }

  private void storePayload(String from, String msgId, long sentAt, byte[] plaintext) {
    Payload p;
    try {
      p = Payload.decode(plaintext);
    } catch (ProtocolException | RuntimeException e) {
      LOG.info("malformed payload from " + from);
      return;
    }
    switch (p.kind()) {
      case Payload.TEXT -> {
        String text = p.text() == null ? "" : p.text();
        // The id inside the envelope is authenticated; the outer one is only the server's word.
        String id = p.id() != null && MSG_ID.matcher(p.id()).matches() ? p.id() : msgId;
        sql(() -> history.addContact(from, System.currentTimeMillis()));
        sql(() -> history.addIncoming(from, id, text, sentAt))
            .ifPresent(m -> fire(l -> l.messageAdded(m)));
      }
      case Payload.READ -> {
        for (String id : p.ids()) {
          sql(() -> history.advance(from, id, DeliveryState.READ))
              .ifPresent(u -> fire(l -> l.messageUpdated(u)));
        }
      }
      default -> LOG.fine("ignoring payload kind " + p.kind());
    }
  }

  /**
   * Records an envelope that cannot be read (one notice for a run of them) and, when this device
   * has no session with a known contact, starts one so the sender learns this device's identity.
   * False when storing failed (then it is not acknowledged).
   */
  private boolean storeUndecryptable(
      String from, String msgId, long sentAt, DecryptionException e) {
    LOG.info("undecryptable message from " + from + ": " + e.reason());
    try {
      // A notice has its own ids: junk under a text's id must not take that text's place.
      sql(() -> history.addUndecryptable(from, "undecryptable:" + msgId, sentAt))
          .ifPresent(
              u -> {
                if (u.added()) {
                  fire(l -> l.messageAdded(u.notice()));
                } else {
                  fire(l -> l.messageUpdated(u.notice()));
                }
              });
    } catch (RuntimeException local) {
      LOG.log(Level.WARNING, "could not store a notice from " + from, local);
      return false;
    }
    // Only for this user's own contacts: an answer to a stranger would tell them this user is
    // online right now.
    if (!sessions.hasSession(from)
        && state == ConnectionState.ONLINE
        && mutual.containsKey(from)
        && e.reason() != DecryptionException.Reason.TOO_MANY_PEERS
        && resetAllowed(from)) {
      chain(() -> transmit(from, UUID.randomUUID().toString(), Payload.reset().encode(), null));
    }
    return true;
  }

  /**
   * A session restart costs a bundle fetch, an X3DH and a send: at most once per peer every 10
   * minutes and a few a minute in all, whatever a (hostile) server sends.
   */
  private boolean resetAllowed(String peer) {
    long now = System.currentTimeMillis();
    Long last = lastResetAt.get(peer);
    if (last != null && now - last < RESET_INTERVAL_MILLIS) {
      return false;
    }
    recentResets.removeIf(t -> now - t > 60_000);
    if (recentResets.size() >= MAX_RESETS_PER_MINUTE) {
      return false;
    }
    if (lastResetAt.size() >= MAX_RESETS_REMEMBERED) {
      lastResetAt.clear();
    }
    lastResetAt.put(peer, now);
    recentResets.add(now);
    return true;
  }

  private void ack(String from, String msgId) {
    JsonObject ack = new JsonObject();
    ack.addProperty("from", from);
    ack.addProperty("msgId", msgId);
    connection.request(FrameType.ACK, ack);
  }

  /** Forgets in-memory key changes that were not saved (a message could not be stored). */
  private void rollBackKeys() {
    try {
      keyStore.reload();
      sessions = new E2eSessions(keyStore.contents());
    } catch (IOException | dev.parley.crypto.CryptoException e) {
      LOG.log(Level.SEVERE, "the key store cannot be read back", e);
    }
  }

  private void onReceipt(JsonObject f) throws ProtocolException {
    String to = username(f, "to");
    String msgId = Fields.string(f, "msgId", 64);
    long rid = Fields.integer(f, "rid", 1, Long.MAX_VALUE);
    sql(() -> history.advance(to, msgId, DeliveryState.DELIVERED))
        .ifPresent(u -> fire(l -> l.messageUpdated(u)));
    JsonObject ack = new JsonObject();
    ack.addProperty("rid", rid);
    connection.request(FrameType.ACK_RECEIPT, ack);
  }

  /**
   * A typing notice: it may only use an existing session under the identity on record, never start
   * one or change whom this user's messages go to.
   */
  private void onTyping(JsonObject f) throws ProtocolException {
    String from = username(f, "from");
    byte[] envelope = Fields.bytes(f, "envelope", 1 << 16);
    try {
      sessions.decrypt(from, envelope, E2eSessions.Channel.EPHEMERAL, ParleyClient::isTyping);
      saveKeys();
      fire(l -> l.typing(from));
    } catch (DecryptionException | RuntimeException e) {
      LOG.fine("ignoring an unreadable typing notice from " + from);
    }
  }

  private static boolean isTyping(byte[] plaintext) {
    try {
      return Payload.TYPING.equals(Payload.decode(plaintext).kind());
    } catch (ProtocolException | RuntimeException e) {
      return false;
    }
  }

  // ---- reconnection ------------------------------------------------------------------------

  private void onConnectionLost() {
    connection = null;
    if (closed || user == null) {
      setState(ConnectionState.DISCONNECTED);
      return;
    }
    setState(ConnectionState.RECONNECTING);
    // Presence is only known while connected; the list shows nobody online until it is again.
    fire(ClientListener::contactsChanged);
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    long max = config.maxReconnectDelay().toMillis();
    long base = Math.min(max, 250L << Math.min(reconnectAttempts, 10));
    long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    reconnectAttempts++;
    thread.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
  }

  private void reconnect() {
    if (closed || user == null || state != ConnectionState.RECONNECTING) {
      return;
    }
    String name = user;
    String key = authKey;
    long epoch = sessionEpoch;
    openConnection()
        .thenComposeAsync(
            c -> {
              if (epoch != sessionEpoch || closed) {
                // Logged out (or another server chosen) while connecting: not for this session.
                if (connection == c) {
                  connection = null;
                }
                c.close();
                return CompletableFuture.failedFuture(
                    new java.util.concurrent.CancellationException());
              }
              JsonObject req = new JsonObject();
              req.addProperty("username", name);
              req.addProperty("authKey", key);
              return c.request(FrameType.LOGIN, req);
            },
            thread)
        .thenComposeAsync(ok -> afterLogin(), thread)
        .whenCompleteAsync(
            (v, err) -> {
              if (err == null) {
                return;
              }
              Throwable cause = err instanceof CompletionException ? err.getCause() : err;
              if (epoch != sessionEpoch || closed) {
                return;
              }
              if (cause instanceof ServerTrustException te) {
                fire(l -> l.problem(te.getMessage()));
                forgetSession();
              } else if (cause instanceof ServerErrorException se
                  && se.code() == ErrorCode.BAD_CREDENTIALS) {
                fire(l -> l.problem("The server no longer accepts your password."));
                forgetSession();
              } else {
                if (connection != null) {
                  connection.close();
                  connection = null;
                }
                scheduleReconnect();
              }
            },
            thread);
  }

  // ---- plumbing ----------------------------------------------------------------------------

  private void setState(ConnectionState s) {
    if (state != s) {
      state = s;
      fire(l -> l.connectionChanged(s));
    }
  }

  private void fire(java.util.function.Consumer<ClientListener> event) {
    for (ClientListener l : listeners) {
      try {
        event.accept(l);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "a listener failed", e);
      }
    }
  }

  private void saveKeys() {
    try {
      keyStore.save();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot save the key store", e);
    }
  }

  private interface SqlSupplier<T> {
    T get() throws SQLException;
  }

  private interface SqlRunnable {
    void run() throws SQLException;
  }

  private static <T> T sql(SqlSupplier<T> s) {
    try {
      return s.get();
    } catch (SQLException e) {
      throw new IllegalStateException("local history failed: " + e.getMessage(), e);
    }
  }

  private static void sql(SqlRunnable r) {
    try {
      r.run();
    } catch (SQLException e) {
      throw new IllegalStateException("local history failed: " + e.getMessage(), e);
    }
  }

  private <T> CompletableFuture<T> onThread(Supplier<CompletableFuture<T>> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      thread.execute(
          () -> {
            try {
              work.get()
                  .whenComplete(
                      (v, e) -> {
                        if (e != null) {
                          result.completeExceptionally(
                              e instanceof CompletionException && e.getCause() != null
                                  ? e.getCause()
                                  : e);
                        } else {
                          result.complete(v);
                        }
                      });
            } catch (RuntimeException e) {
              result.completeExceptionally(e);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      result.completeExceptionally(new IllegalStateException("the client is closed"));
    }
    return result;
  }

  private void requireConnection() {
    if (connection == null || !connection.isOpen()) {
      throw new IllegalStateException("Not connected to a server.");
    }
  }

  private void requireAccount() {
    if (history == null) {
      throw new IllegalStateException("Not logged in.");
    }
  }

  private void requireLogin() {
    requireAccount();
    requireConnection();
  }

  private void dropConnection() {
    if (connection != null) {
      ServerConnection c = connection;
      connection = null;
      c.close();
    }
  }

  private void forgetSession() {
    boolean wasLoggedIn = user != null;
    sessionEpoch++;
    user = null;
    authKey = null;
    presence.clear();
    mutual.clear();
    closeAccount();
    setState(
        connection != null && connection.isOpen()
            ? ConnectionState.CONNECTING
            : ConnectionState.DISCONNECTED);
    if (wasLoggedIn) {
      fire(l -> l.sessionChanged(null));
    }
  }

  private void closeAccount() {
    if (history != null) {
      try {
        history.close();
      } catch (SQLException e) {
        LOG.log(Level.WARNING, "closing the history failed", e);
      }
    }
    history = null;
    sessions = null;
    keyStore = null;
  }

  /** Disconnects and releases everything (keys and history stay on disk). */
  @Override
  public void close() {
    CompletableFuture<Void> done =
        onThread(
            () -> {
              closed = true;
              dropConnection();
              closeAccount();
              setState(ConnectionState.DISCONNECTED);
              return CompletableFuture.completedFuture(null);
            });
    try {
      done.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.log(Level.FINE, "close did not finish cleanly", e);
    }
    thread.shutdown();
    network.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  /** The keys of this device as the server should hold them; for tests and diagnostics. */
  IdentityPublicKey identity() {
    return keyStore.contents().identity().publicKey();
  }
}
