package dev.parley.server.it;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.parley.server.testing.TrustAll;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * A deliberately independent test client: TLS socket and JSON lines, knowing nothing of the
 * server's classes, written from docs/PROTOCOL.md.
 */
final class RawClient implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(15);
  private static final JsonObject CLOSED = new JsonObject();

  final SSLSocket socket;
  private final OutputStream out;
  private final BlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
  private final List<JsonObject> seen = new ArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final Object readGate = new Object();
  private boolean reading = true;
  final String fingerprint;
  final JsonObject serverHello;

  RawClient(int port) throws Exception {
    this(port, "TLSv1.3");
  }

  RawClient(int port, String protocol) throws Exception {
    this(port, protocol, "127.0.0.1");
  }

  /**
   * A client whose connection comes from {@code localAddress}, any of 127.0.0.0/8 on Linux: the
   * server sees another remote address, as it would for another machine.
   */
  RawClient(int port, String protocol, String localAddress) throws Exception {
    this(tlsSocket(port, 0, localAddress), protocol);
  }

  /**
   * A client whose kernel receive buffer is about {@code receiveBuffer} bytes, so that when it
   * stops reading the server notices after little data.
   */
  static RawClient withReceiveBuffer(int port, int receiveBuffer) throws Exception {
    return new RawClient(tlsSocket(port, receiveBuffer, "127.0.0.1"), "TLSv1.3");
  }

  /** A connected TLS socket (handshake not started) that trusts any certificate. */
  static SSLSocket tlsSocket(int port, int receiveBuffer) throws Exception {
    return tlsSocket(port, receiveBuffer, "127.0.0.1");
  }

  private static SSLSocket tlsSocket(int port, int receiveBuffer, String localAddress)
      throws Exception {
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
    java.net.Socket plain = new java.net.Socket();
    if (receiveBuffer > 0) {
      plain.setReceiveBufferSize(receiveBuffer); // before connecting, so the window stays small
    }
    plain.bind(new java.net.InetSocketAddress(java.net.InetAddress.getByName(localAddress), 0));
    plain.connect(new java.net.InetSocketAddress("127.0.0.1", port), 10_000);
    return (SSLSocket) tls.getSocketFactory().createSocket(plain, "127.0.0.1", port, true);
  }

  private RawClient(SSLSocket socket, String protocol) throws Exception {
    this.socket = socket;
    socket.setEnabledProtocols(new String[] {protocol});
    socket.setSoTimeout(0);
    socket.startHandshake();
    X509Certificate cert = (X509Certificate) socket.getSession().getPeerCertificates()[0];
    fingerprint =
        HexFormat.ofDelimiter(":")
            .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()))
            .toUpperCase(Locale.ROOT);
    out = socket.getOutputStream();
    Thread reader = new Thread(this::readLoop, "raw-client-reader");
    reader.setDaemon(true);
    reader.start();
    serverHello = next(f -> true);
  }

  private void readLoop() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (awaitReading() && (line = in.readLine()) != null) {
        inbox.add(JsonParser.parseString(line).getAsJsonObject());
      }
    } catch (IOException | RuntimeException e) {
      // socket closed
    }
    inbox.add(CLOSED);
  }

  /**
   * From now on this client never reads its socket again (what it had already read stays
   * available); the server sees a peer that stopped reading.
   */
  void stopReading() {
    synchronized (readGate) {
      reading = false;
    }
  }

  private boolean awaitReading() throws IOException {
    synchronized (readGate) {
      while (!reading) {
        try {
          readGate.wait();
        } catch (InterruptedException e) {
          throw new IOException("interrupted", e);
        }
      }
    }
    return true;
  }

  /** Sends a raw line (plus newline). */
  void sendLine(String line) throws IOException {
    sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  void sendRaw(byte[] bytes) throws IOException {
    synchronized (out) {
      out.write(bytes);
      out.flush();
    }
  }

  /** Sends a request of {@code type} with the given key/value pairs; returns its id. */
  String send(String type, Object... kv) throws IOException {
    String id = "r" + ids.incrementAndGet();
    write(type, id, kv);
    return id;
  }

  /** Sends a frame of {@code type} without an id (version 2's unanswered confirmations). */
  void sendUnanswered(String type, Object... kv) throws IOException {
    write(type, null, kv);
  }

  private void write(String type, String id, Object... kv) throws IOException {
    JsonObject f = new JsonObject();
    f.addProperty("type", type);
    if (id != null) {
      f.addProperty("id", id);
    }
    for (int i = 0; i < kv.length; i += 2) {
      f.add((String) kv[i], toJson(kv[i + 1]));
    }
    sendLine(f.toString());
  }

  static JsonElement toJson(Object v) {
    if (v instanceof JsonElement e) {
      return e;
    }
    if (v instanceof byte[] b) {
      return new com.google.gson.JsonPrimitive(Base64.getEncoder().encodeToString(b));
    }
    if (v instanceof Number n) {
      return new com.google.gson.JsonPrimitive(n);
    }
    if (v instanceof Boolean b) {
      return new com.google.gson.JsonPrimitive(b);
    }
    return new com.google.gson.JsonPrimitive(String.valueOf(v));
  }

  /** Sends a request and waits for its answer ({@code ok} or {@code error}). */
  JsonObject call(String type, Object... kv) throws Exception {
    String id = send(type, kv);
    return answer(id);
  }

  JsonObject answer(String id) throws InterruptedException {
    return next(f -> f.has("re") && f.get("re").getAsString().equals(id));
  }

  /** Calls and asserts success. */
  JsonObject ok(String type, Object... kv) throws Exception {
    JsonObject a = call(type, kv);
    if (!"ok".equals(a.get("type").getAsString())) {
      throw new AssertionError(type + " failed: " + a);
    }
    return a;
  }

  /** The next frame matching {@code p} (earlier non-matching frames are kept for later). */
  JsonObject next(Predicate<JsonObject> p) throws InterruptedException {
    return next(p, WAIT);
  }

  JsonObject next(Predicate<JsonObject> p, Duration wait) throws InterruptedException {
    synchronized (seen) {
      for (int i = 0; i < seen.size(); i++) {
        if (seen.get(i) != CLOSED && p.test(seen.get(i))) {
          return seen.remove(i);
        }
      }
    }
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonObject f = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
      if (f == null) {
        throw new AssertionError("no matching frame within " + wait + "; seen: " + seen);
      }
      if (f == CLOSED) {
        inbox.add(CLOSED);
        throw new AssertionError("connection closed; seen: " + seen);
      }
      if (p.test(f)) {
        return f;
      }
      synchronized (seen) {
        seen.add(f);
      }
    }
  }

  /** The next event of {@code type}. */
  JsonObject event(String type) throws InterruptedException {
    return next(f -> f.get("type").getAsString().equals(type) && !f.has("re"));
  }

  /** True if no frame matching {@code p} arrives within {@code wait}. */
  boolean nothing(Predicate<JsonObject> p, Duration wait) throws InterruptedException {
    try {
      next(p, wait);
      return false;
    } catch (AssertionError e) {
      return true;
    }
  }

  /** Waits until the server closes the connection. */
  boolean awaitClosed(Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject f = inbox.poll(50, TimeUnit.MILLISECONDS);
      if (f == CLOSED) {
        inbox.add(CLOSED);
        return true;
      }
      if (f != null) {
        synchronized (seen) {
          seen.add(f);
        }
      }
    }
    return false;
  }

  /** hello with version 1, which every test written before version 2 speaks. */
  RawClient hello() throws Exception {
    return hello(1);
  }

  /** hello with {@code version}. */
  RawClient hello(int version) throws Exception {
    ok("hello", "version", version, "software", "raw-test");
    return this;
  }

  RawClient register(String user, String password) throws Exception {
    ok("register", "username", user, "password", password);
    return this;
  }

  RawClient login(String user, String password) throws Exception {
    ok("login", "username", user, "password", password);
    return this;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
