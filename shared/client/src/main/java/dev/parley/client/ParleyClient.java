package dev.parley.client;

import dev.parley.client.account.Account;
import dev.parley.client.account.AccountFiles;
import dev.parley.client.account.Login;
import dev.parley.client.account.PrekeyMaintenance;
import dev.parley.client.account.Reconnector;
import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.ClientConfig;
import dev.parley.client.api.ClientListener;
import dev.parley.client.api.ConnectionState;
import dev.parley.client.api.Contact;
import dev.parley.client.api.Conversation;
import dev.parley.client.api.ServerAddress;
import dev.parley.client.api.ServerInfo;
import dev.parley.client.connection.Backoff;
import dev.parley.client.connection.ServerLink;
import dev.parley.client.contacts.ContactBook;
import dev.parley.client.messaging.Inbox;
import dev.parley.client.messaging.Outbox;
import dev.parley.client.messaging.ReadReceipts;
import dev.parley.client.messaging.Typing;
import dev.parley.client.net.KnownServer;
import dev.parley.client.net.KnownServers;
import dev.parley.client.net.ServerConnection;
import dev.parley.client.runtime.ClientEvents;
import dev.parley.client.runtime.ClientThread;
import dev.parley.client.sessions.IdentityNotices;
import dev.parley.client.sessions.PeerSessions;
import dev.parley.client.sessions.Verification;
import dev.parley.client.store.HistoryCalls;
import dev.parley.crypto.IdentityMismatchException;
import dev.parley.crypto.IdentityPublicKey;
import dev.parley.crypto.SafetyNumber;
import dev.parley.protocol.UsernameRules;
import dev.parley.protocol.frame.EmptyOk;
import dev.parley.protocol.frame.LogoutRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Parley client without a screen: connection with certificate pinning, account, automatic
 * end-to-end key exchange, contacts, conversations with delivery states, local encrypted history
 * and reconnection. All state lives on one client thread: public methods hand their work to it and
 * return futures, and {@link ClientListener} callbacks run on it (see there).
 *
 * <p>This class only wires the pieces and hands each call to the one that does it: {@link
 * ServerLink} (the connection), {@link Login} and {@link Reconnector} (the session), {@link
 * Account} (keys and history), {@link PrekeyMaintenance}, {@link ContactBook}, {@link
 * Verification}, {@link Outbox}, {@link Inbox}, {@link ReadReceipts} and {@link Typing}.
 */
public final class ParleyClient implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ParleyClient.class.getName());

  private final KnownServers knownServers;
  private final AccountFiles files;
  private final ClientThread thread = new ClientThread();
  private final ClientEvents events = new ClientEvents();
  private final Account account = new Account(thread);
  private final ServerLink link;
  private final ContactBook contacts;
  private final PeerSessions peers;
  private final Verification verification;
  private final Outbox outbox;
  private final ReadReceipts receipts;
  private final Typing typing;
  private final SessionEnd endSession;
  private final Login login;

  /** A client keeping its files as {@code config} says. */
  public ParleyClient(ClientConfig config) {
    knownServers = new KnownServers(config.dataDir().resolve("known_servers"));
    files = new AccountFiles(config.dataDir(), knownServers);
    // Before anything opens an account: folders of the address-named layout move to their server's.
    files.adoptLegacyFolders();
    link = new ServerLink(config, knownServers, thread, events);
    Backoff backoff = new Backoff(config.maxReconnectDelay().toMillis());
    PrekeyMaintenance prekeys = new PrekeyMaintenance(thread, link, account);
    IdentityNotices notices = new IdentityNotices(events, account);
    peers = new PeerSessions(thread, link, account, notices);
    verification = new Verification(events, account);
    contacts = new ContactBook(thread, events, link, account);
    outbox = new Outbox(thread, events, link, account, peers);
    receipts = new ReadReceipts(events, link, account, contacts, outbox);
    typing = new Typing(events, link, account);
    Inbox inbox = new Inbox(thread, events, link, account, contacts, notices, outbox, prekeys);
    outbox.forwardReceipts(inbox::onReceipt);
    endSession = new SessionEnd(events, link, account, contacts);
    SessionStart start =
        new SessionStart(thread, events, link, account, backoff, prekeys, contacts, outbox);
    Reconnector reconnector =
        new Reconnector(thread, events, link, account, backoff, start, endSession);
    login = new Login(config, thread, events, link, account, files, reconnector);
    ServerEvents serverEvents =
        new ServerEvents(events, account, inbox, contacts, typing, prekeys, endSession);
    link.listen(serverEvents::onEvent, reconnector::onConnectionLost);
    thread.afterEachTask(
        () -> {
          if (account.isOpen()) {
            account.transactions().commitIfLarge();
          }
        });
  }

  /** Adds a listener (see {@link ClientListener} for the threading rule). */
  public void addListener(ClientListener l) {
    events.add(l);
  }

  /** Removes a listener. */
  public void removeListener(ClientListener l) {
    events.remove(l);
  }

  /** The current connection state. */
  public ConnectionState state() {
    return link.state();
  }

  /**
   * Completes when the session is next {@link ConnectionState#ONLINE}: the prekeys published, the
   * server's contact list (with presence) in, the outbox on its way. At once while it is.
   */
  public CompletableFuture<Void> whenOnline() {
    return thread.call(link::whenOnline);
  }

  /** The server chosen last (connected, logged in or reconnecting to it), or null. */
  public ServerAddress server() {
    return link.address();
  }

  /**
   * The certificate fingerprint (the identity) of the chosen server once a connection verified it,
   * or null.
   */
  public String serverFingerprint() {
    return link.fingerprint();
  }

  /** The logged-in username, or null. */
  public String user() {
    return account.user();
  }

  /** The pinned certificate store. */
  public KnownServers knownServers() {
    return knownServers;
  }

  /**
   * Trusts the server with certificate {@code fingerprint}, and records it at {@code address}: the
   * user accepted it (or it is this app's own server). A known server is then trusted at any
   * address. The file is written on the client thread (never the caller's, which may be a UI's),
   * before any {@link #connect} asked for after this call.
   */
  public CompletableFuture<Void> trustServer(ServerAddress address, String fingerprint) {
    return thread.call(
        () -> {
          knownServers.trust(address, fingerprint);
          return CompletableFuture.completedFuture(null);
        });
  }

  // ---- connection and account -------------------------------------------------------------

  /**
   * Connects to a server. A known server (by its certificate) is trusted at any address, and the
   * address is recorded for it. Fails with {@link ServerTrustException} on first contact or a
   * changed certificate (nothing was sent; call {@link #trustServer} if the user accepts, then
   * again).
   */
  public CompletableFuture<ServerInfo> connect(ServerAddress to) {
    return thread.call(
        () -> {
          if (account.isLoggedIn()) {
            // Choosing a server ends the session on the last one: never two at once.
            endSession.run();
          }
          link.drop();
          link.choose(to);
          link.setState(ConnectionState.CONNECTING);
          return link.open()
              .thenApplyAsync(
                  c -> {
                    String named = c.serverHello().name();
                    String name = named != null && !named.isEmpty() ? named : knownName(c, to);
                    return new ServerInfo(
                        to, name, c.fingerprint(), files.localAccounts(c.fingerprint()));
                  },
                  thread)
              .whenCompleteAsync(
                  (ok, err) -> {
                    if (err != null && !account.isLoggedIn()) {
                      link.setState(ConnectionState.DISCONNECTED);
                    }
                  },
                  thread);
        });
  }

  private String knownName(ServerConnection c, ServerAddress to) {
    return knownServers
        .server(c.fingerprint())
        .map(KnownServer::name)
        .filter(n -> !n.isEmpty())
        .orElse(to.toString());
  }

  /**
   * Creates the account on the connected server, a new device identity, and logs in; completes once
   * the account is {@link ConnectionState#ONLINE} (its keys published, so others can write to it).
   */
  public CompletableFuture<Void> register(String username, char[] pw) {
    return login.authenticate(true, username, pw);
  }

  /**
   * Logs in, opening (or, on a new device, creating) this account's keys and history. Completes as
   * soon as the server accepted the login and the account is open: the session then comes {@link
   * ConnectionState#ONLINE} in the background (prekeys, contact list, queued sends) while what
   * waited on the server arrives; a failure there is reported to the listeners and retried.
   */
  public CompletableFuture<Void> login(String username, char[] pw) {
    return login.authenticate(false, username, pw);
  }

  /**
   * Logs out and forgets the password; keys and history stay on disk. It takes effect at once,
   * online or not: the server is told when the connection is up, but nobody waits for its answer (a
   * dead link would hold the user for a minute), and the connection is closed afterwards.
   */
  public CompletableFuture<Void> logout() {
    return thread.call(
        () -> {
          ServerConnection c = link.detach();
          if (c != null && c.isOpen() && link.isOnline()) {
            c.send(LogoutRequest::new, EmptyOk.class).whenComplete((v, e) -> c.close());
          } else if (c != null) {
            c.close();
          }
          endSession.run();
          return CompletableFuture.completedFuture(null);
        });
  }

  /**
   * Changes the password: the server swaps the derived keys, then the local key store is re-sealed
   * with the new password. The new password is checked against the policy here (the server only
   * sees derived keys).
   */
  public CompletableFuture<Void> changePassword(char[] oldPassword, char[] newPassword) {
    return login.changePassword(oldPassword, newPassword);
  }

  // ---- contacts ----------------------------------------------------------------------------

  /** Adds a contact by username; fails with {@code unknown_user}. */
  public CompletableFuture<Contact> addContact(String name) {
    String who = UsernameRules.canonical(name);
    return thread.call(() -> contacts.add(who));
  }

  /** Removes a contact (the conversation stays). */
  public CompletableFuture<Void> removeContact(String name) {
    String who = UsernameRules.canonical(name);
    return thread.call(() -> contacts.remove(who));
  }

  /** The contacts with presence and verified marks. */
  public CompletableFuture<List<Contact>> contacts() {
    return thread.call(() -> CompletableFuture.completedFuture(contacts.list()));
  }

  /** Conversations, most recent first, with unread counts. */
  public CompletableFuture<List<Conversation>> conversations() {
    return thread.call(
        () -> {
          account.requireOpen();
          return CompletableFuture.completedFuture(
              HistoryCalls.get(account.history()::conversations));
        });
  }

  /** Up to {@code limit} entries before {@code beforeLocalId} (use Long.MAX_VALUE for newest). */
  public CompletableFuture<List<ChatMessage>> history(String peer, int limit, long beforeLocalId) {
    String who = UsernameRules.canonical(peer);
    return thread.call(
        () -> {
          account.requireOpen();
          return CompletableFuture.completedFuture(
              HistoryCalls.get(() -> account.history().history(who, limit, beforeLocalId)));
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
    return thread.call(
        () -> {
          verification.setVerified(who, compared, verified);
          outbox.flush(who);
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
    return thread.call(
        () -> {
          verification.accept(who, shown);
          outbox.flush(who);
          return CompletableFuture.completedFuture(null);
        });
  }

  /**
   * The safety number of the conversation with {@code peer}. Without a session yet, the peer's keys
   * are fetched (and a session started) first.
   */
  public CompletableFuture<SafetyNumber> safetyNumber(String peer) {
    String who = UsernameRules.canonical(peer);
    return thread.call(
        () -> {
          account.requireOpen();
          link.requireOpen();
          return peers.ensure(who).thenApplyAsync(v -> verification.safetyNumber(who), thread);
        });
  }

  // ---- messages ----------------------------------------------------------------------------

  /**
   * Writes a message: stored at once (state SENDING, shown to listeners), then encrypted and sent
   * in order as soon as there is a connection.
   */
  public CompletableFuture<ChatMessage> send(String peer, String text) {
    String who = UsernameRules.canonical(peer);
    return thread.call(() -> outbox.write(who, text));
  }

  /**
   * Why {@code text} cannot go as one message, or empty if it can. Its encrypted envelope must fit
   * the server's limit; refused here, before it is stored, a long text can never become a message
   * that the server turns away on every retry.
   */
  public static Optional<String> tooLong(String text) {
    return Outbox.tooLong(text);
  }

  /** Marks the conversation read and tells the sender (inside the encrypted channel). */
  public CompletableFuture<Void> markRead(String peer) {
    String who = UsernameRules.canonical(peer);
    return thread.call(
        () -> {
          receipts.markRead(who);
          return CompletableFuture.completedFuture(null);
        });
  }

  /** Tells {@code peer} this user is typing (at most every few seconds; needs a session). */
  public void typing(String peer) {
    String who = UsernameRules.canonical(peer);
    thread.execute(() -> typing.send(who));
  }

  /** Disconnects and releases everything (keys and history stay on disk). */
  @Override
  public void close() {
    CompletableFuture<Void> done =
        thread.call(
            () -> {
              link.close();
              account.close();
              link.setState(ConnectionState.DISCONNECTED);
              return CompletableFuture.completedFuture(null);
            });
    try {
      done.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.log(Level.FINE, "close did not finish cleanly", e);
    }
    thread.shutdown();
    link.shutdownNetwork();
  }

  /** The keys of this device as the server should hold them; for tests and diagnostics. */
  IdentityPublicKey identity() {
    return account.identity();
  }
}
