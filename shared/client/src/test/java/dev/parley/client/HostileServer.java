package dev.parley.client;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.parley.server.testing.TrustAll;
import dev.parley.server.tls.ServerIdentity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManager;

/**
 * A malicious server, as the security review simulated it: a TLS proxy in front of an honest
 * server, holding the certificate the clients pinned. It relays every line both ways, records them,
 * and lets a test inject frames towards a client or drop frames from it. Clients connect to {@link
 * #port()} and cannot tell it from the real server.
 */
final class HostileServer implements AutoCloseable {
  private final int upstreamPort;
  private final SSLServerSocket listener;
  private final SSLContext upstreamTls;
  private final List<Link> links = new CopyOnWriteArrayList<>();
  private final Map<String, Link> byUser = new ConcurrentHashMap<>();
  private volatile Predicate<JsonObject> dropFromClient = f -> false;
  private volatile UnaryOperator<JsonObject> rewriteToClient = f -> f;

  /** One client's connection through the proxy. */
  final class Link {
    private final Socket client;
    private final Socket server;
    private final OutputStream toClient;
    private final OutputStream toServer;
    final BlockingQueue<JsonObject> fromClient = new LinkedBlockingQueue<>();
    final BlockingQueue<JsonObject> toClientFrames = new LinkedBlockingQueue<>();
    volatile String user;

    Link(Socket client, Socket server) throws IOException {
      this.client = client;
      this.server = server;
      this.toClient = client.getOutputStream();
      this.toServer = server.getOutputStream();
    }

    /** Sends a frame to the client as if the server had. */
    void inject(JsonObject frame) throws IOException {
      write(toClient, frame.toString());
    }

    void close() {
      closeQuietly(client);
      closeQuietly(server);
    }
  }

  /** A proxy for the server on {@code upstreamPort} whose TLS identity is in {@code dataDir}. */
  HostileServer(Path serverDataDir, int upstreamPort) throws Exception {
    this.upstreamPort = upstreamPort;
    ServerIdentity identity = ServerIdentity.loadOrCreate(serverDataDir, "ignored");
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    char[] pw = "proxy".toCharArray();
    keys.setKeyEntry(
        "server", identity.privateKey(), pw, new Certificate[] {identity.certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, pw);
    SSLContext serverTls = SSLContext.getInstance("TLSv1.3");
    serverTls.init(kmf.getKeyManagers(), null, new SecureRandom());
    listener =
        (SSLServerSocket)
            serverTls
                .getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    listener.setEnabledProtocols(new String[] {"TLSv1.3"});
    upstreamTls = SSLContext.getInstance("TLSv1.3");
    upstreamTls.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
    Thread accept = new Thread(this::acceptLoop, "hostile-accept");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Frames from any client matching {@code p} are swallowed (the server never sees them). */
  void dropFromClients(Predicate<JsonObject> p) {
    dropFromClient = p;
  }

  /** Frames relayed to clients pass through {@code rewrite} first (the server tampers). */
  void rewriteToClients(UnaryOperator<JsonObject> rewrite) {
    rewriteToClient = rewrite;
  }

  /** The connection of the client that logged in (or registered) as {@code user}. */
  Link link(String user) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      Link l = byUser.get(user);
      if (l != null) {
        return l;
      }
      sleep(20);
    }
    throw new AssertionError("no client logged in as " + user + " through the proxy");
  }

  /** The next frame {@code user}'s client sent that matches {@code p}. */
  JsonObject nextFromClient(String user, Predicate<JsonObject> p, Duration wait)
      throws InterruptedException {
    Link l = link(user);
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonObject f = left <= 0 ? null : l.fromClient.poll(left, TimeUnit.NANOSECONDS);
      if (f == null) {
        return null;
      }
      if (p.test(f)) {
        return f;
      }
    }
  }

  /** The next frame relayed to {@code user}'s client that matches {@code p}. */
  JsonObject nextToClient(String user, Predicate<JsonObject> p) throws InterruptedException {
    Link l = link(user);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      long left = deadline - System.nanoTime();
      JsonObject f = left <= 0 ? null : l.toClientFrames.poll(left, TimeUnit.NANOSECONDS);
      if (f == null) {
        throw new AssertionError("no matching frame to " + user);
      }
      if (p.test(f)) {
        return f;
      }
    }
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = upstreamTls.getSocketFactory().createSocket("127.0.0.1", upstreamPort);
        Link link = new Link(client, server);
        links.add(link);
        pump(link, true);
        pump(link, false);
      } catch (IOException e) {
        // listener closed, or one handshake failed
      }
    }
  }

  private void pump(Link link, boolean fromClient) {
    Thread t =
        new Thread(
            () -> {
              Socket in = fromClient ? link.client : link.server;
              OutputStream out = fromClient ? link.toServer : link.toClient;
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(in.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  JsonObject f = JsonParser.parseString(line).getAsJsonObject();
                  if (fromClient) {
                    String type = f.has("type") ? f.get("type").getAsString() : "";
                    if ((type.equals("login") || type.equals("register")) && f.has("username")) {
                      link.user = f.get("username").getAsString();
                      byUser.put(link.user, link);
                    }
                    link.fromClient.add(f);
                    if (dropFromClient.test(f)) {
                      continue;
                    }
                  } else {
                    f = rewriteToClient.apply(f);
                    link.toClientFrames.add(f);
                    line = f.toString();
                  }
                  write(out, line);
                }
              } catch (IOException | RuntimeException e) {
                // one side closed
              }
              link.close();
            },
            "hostile-" + (fromClient ? "up" : "down"));
    t.setDaemon(true);
    t.start();
  }

  private static void write(OutputStream out, String line) throws IOException {
    synchronized (out) {
      out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  private static void closeQuietly(AutoCloseable s) {
    try {
      s.close();
    } catch (Exception ignored) {
      // already closed
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closeQuietly(listener);
    links.forEach(Link::close);
  }
}
