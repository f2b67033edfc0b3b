package dev.parley.client.connection;

import dev.parley.client.api.ClientConfig;
import dev.parley.client.api.ConnectionState;
import dev.parley.client.api.ServerAddress;
import dev.parley.client.net.KnownServers;
import dev.parley.client.net.ServerConnection;
import dev.parley.client.runtime.ClientEvents;
import dev.parley.client.runtime.ClientThread;
import dev.parley.protocol.ProtocolInfo;
import dev.parley.protocol.frame.Answer;
import dev.parley.protocol.frame.Event;
import dev.parley.protocol.frame.Request;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The client's link to its server: the server chosen, the current connection and the {@link
 * ConnectionState} listeners see. Client thread only, except the volatile reads of {@link
 * #address()} and {@link #state()}.
 */
public final class ServerLink {
  private static final Logger LOG = Logger.getLogger(ServerLink.class.getName());
  private final ClientConfig config;
  private final KnownServers knownServers;
  private final ClientThread thread;
  private final ClientEvents events;
  private final EventLoopGroup network =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private Consumer<Event> onEvent = f -> {};
  private Runnable onLost = () -> {};
  private volatile ServerAddress address;
  // The identity of the chosen server, once a connection verified it: every later connection to
  // the chosen address must reach that same server (its account is the one open).
  private volatile String fingerprint;
  private volatile ConnectionState state = ConnectionState.DISCONNECTED;
  private CompletableFuture<Void> online = new CompletableFuture<>();
  private ServerConnection connection;
  private boolean closed;

  /** A link with no server chosen yet. */
  public ServerLink(
      ClientConfig config, KnownServers knownServers, ClientThread thread, ClientEvents events) {
    this.config = config;
    this.knownServers = knownServers;
    this.thread = thread;
    this.events = events;
  }

  /**
   * Where the current connection's events go and whom its loss is told, both on the client thread.
   */
  public void listen(Consumer<Event> onEvent, Runnable onLost) {
    this.onEvent = onEvent;
    this.onLost = onLost;
  }

  /** The server chosen last, or null. */
  public ServerAddress address() {
    return address;
  }

  /**
   * The certificate fingerprint of the chosen server (its identity) once a connection verified it,
   * or null.
   */
  public String fingerprint() {
    return fingerprint;
  }

  /** Chooses the server later connections go to; its identity is the first one verified there. */
  public void choose(ServerAddress to) {
    address = to;
    fingerprint = null;
  }

  /** The current connection state. */
  public ConnectionState state() {
    return state;
  }

  /** True while logged in with a live connection. */
  public boolean isOnline() {
    return state == ConnectionState.ONLINE;
  }

  /** Moves to {@code s}, telling listeners when it is a change. */
  public void setState(ConnectionState s) {
    if (state != s) {
      state = s;
      if (s == ConnectionState.ONLINE) {
        online.complete(null);
      } else if (online.isDone()) {
        online = new CompletableFuture<>();
      }
      events.fire(l -> l.connectionChanged(s));
    }
  }

  /** Completes when the link is next {@link ConnectionState#ONLINE} (at once while it is). */
  public CompletableFuture<Void> whenOnline() {
    return online;
  }

  /** The current connection, or null. */
  public ServerConnection connection() {
    return connection;
  }

  /** True when there is a current connection and it is open. */
  public boolean isOpen() {
    return connection != null && connection.isOpen();
  }

  /**
   * Sends the request {@code build} makes on the current connection (see {@link
   * ServerConnection#send}).
   */
  public <A extends Answer> CompletableFuture<A> send(
      Function<String, Request> build, Class<A> answer) {
    return connection.send(build, answer);
  }

  /** Fails unless there is an open connection. */
  public void requireOpen() {
    if (!isOpen()) {
      throw new IllegalStateException("Not connected to a server.");
    }
  }

  /**
   * Opens a connection to the chosen server and makes it the current one. Only the current
   * connection's loss counts: one that was replaced or dropped on purpose closes unheard. The
   * address and the name the server announced are recorded for it in the known servers.
   */
  public CompletableFuture<ServerConnection> open() {
    ServerConnection[] mine = new ServerConnection[1];
    ServerAddress to = address;
    return ServerConnection.open(
            to,
            knownServers,
            network,
            frame -> thread.execute(() -> onEvent.accept(frame)),
            () ->
                thread.execute(
                    () -> {
                      if (mine[0] != null && connection == mine[0]) {
                        onLost.run();
                      }
                    }),
            fingerprint,
            config.pingAfter(),
            config.pingDeadline(),
            ProtocolInfo.VERSION)
        .thenApplyAsync(
            c -> {
              try {
                knownServers.reached(to, c.fingerprint(), c.serverHello().name());
              } catch (UncheckedIOException e) {
                // The server is verified all the same; only the note of where it was is missing.
                LOG.log(Level.WARNING, "cannot record where the server was reached", e);
              }
              if (to.equals(address)) {
                fingerprint = c.fingerprint();
              }
              mine[0] = c;
              connection = c;
              return c;
            },
            thread);
  }

  /**
   * The connection for a request before login: the open one, or a new one when the server closed it
   * (it does so after its login timeout, however long the person takes to fill in the form). When
   * opening fails and {@code loggedIn} says nobody is logged in, the state goes back to
   * DISCONNECTED.
   */
  public CompletableFuture<ServerConnection> preLogin(BooleanSupplier loggedIn) {
    if (isOpen()) {
      return CompletableFuture.completedFuture(connection);
    }
    if (address == null) {
      throw new IllegalStateException("Choose a server first.");
    }
    setState(ConnectionState.CONNECTING);
    return open()
        .whenCompleteAsync(
            (c, err) -> {
              if (err != null && !loggedIn.getAsBoolean()) {
                setState(ConnectionState.DISCONNECTED);
              }
            },
            thread);
  }

  /** Forgets the current connection without closing it and returns it (or null). */
  public ServerConnection detach() {
    ServerConnection c = connection;
    connection = null;
    return c;
  }

  /** Forgets {@code c} if it is the current connection (it was replaced or is being dropped). */
  public void detach(ServerConnection c) {
    if (connection == c) {
      connection = null;
    }
  }

  /** Closes and forgets the current connection, if any. */
  public void drop() {
    ServerConnection c = detach();
    if (c != null) {
      c.close();
    }
  }

  /** True once the client was closed. */
  public boolean isClosed() {
    return closed;
  }

  /** The client is closing: drops the connection; nothing reconnects after this. */
  public void close() {
    closed = true;
    drop();
  }

  /** Stops the network threads (after {@link #close()}, off the client thread). */
  public void shutdownNetwork() {
    network.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
