package dev.parley.server.it;

import static dev.parley.server.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.parley.server.testing.TrustAll;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Thousands of malformed frames from a fixed seed, sent before hello, after hello and after login.
 * Every answer must be a well-formed JSON object, none may be {@code internal} (an exception that
 * escaped a handler), the server may only hang up with an error saying why, and afterwards it still
 * serves a well-behaved pair of users.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FuzzTest extends ServerTestBase {
  private static final long SEED = 20261125;
  private static final int FRAMES = 3_000;
  private static final int MAX_FRAME = 65_536;
  private static final Duration SYNC_WAIT = Duration.ofSeconds(10);

  /** Every error code of docs/PROTOCOL.md. */
  private static final Set<String> CODES =
      Set.of(
          "bad_request",
          "too_large",
          "unsupported_version",
          "not_logged_in",
          "already_logged_in",
          "invalid_username",
          "weak_password",
          "username_taken",
          "registration_closed",
          "bad_credentials",
          "upgrade_required",
          "rate_limited",
          "unknown_user",
          "no_keys",
          "queue_full",
          "server_busy",
          "timeout",
          "session_replaced",
          "internal");

  /** The codes after which the server closes the connection (docs/PROTOCOL.md, §3). */
  private static final Set<String> CLOSING_CODES =
      Set.of("too_large", "unsupported_version", "server_busy", "timeout", "session_replaced");

  private final List<String> problems = new ArrayList<>();
  private final Map<String, Integer> replyCodes = new LinkedHashMap<>();
  private int reconnects;
  private int users;

  @Test
  void malformedFramesGetProperErrorsAndNeverAnInternalOne() throws Exception {
    long start = System.nanoTime();
    // A peer with keys, online, so that fetch_bundle, send and typing reach their deep paths.
    RawClient peer = connect().hello().register("peer", PASSWORD);
    peer.ok("publish_keys", FrameFuzzer.keysFields(new Random(SEED)).toArray());

    FrameFuzzer fuzzer = new FrameFuzzer(new Random(SEED));
    Session preHello = new Session(Stage.PRE_HELLO);
    Session anonymous = new Session(Stage.ANONYMOUS);
    Session loggedIn = new Session(Stage.LOGGED_IN);
    try {
      for (int i = 0; i < FRAMES; i++) {
        Session target =
            i % 10 == 0 ? preHello : fuzzer.random.nextBoolean() ? anonymous : loggedIn;
        Fuzz f = fuzzer.next(i, target == preHello ? "hello" : null);
        target.fire(f);
        if (problems.size() > 200) {
          break; // enough to diagnose
        }
      }
    } finally {
      preHello.close();
      anonymous.close();
      loggedIn.close();
    }
    System.out.printf(
        "FuzzTest: %d frames, %d reconnects, %d users, replies %s, %d ms%n",
        FRAMES, reconnects, users, replyCodes, (System.nanoTime() - start) / 1_000_000);
    assertThat(problems)
        .as("%d problems; first ones:%n%s", problems.size(), String.join("\n", first(problems)))
        .isEmpty();
    // The plausible frames got deep enough to succeed now and then.
    assertThat(replyCodes.getOrDefault("ok", 0)).isGreaterThan(50);
    assertServerStillServes("fuzz");
  }

  /** A well-behaved pair still chats (as in {@code BadInputTest}). */
  private void assertServerStillServes(String tag) throws Exception {
    RawClient a = connect().hello().register("ok-a-" + tag, PASSWORD);
    RawClient b = connect().hello().register("ok-b-" + tag, PASSWORD);
    a.ok("send", "to", "ok-b-" + tag, "msgId", "fine", "envelope", new byte[] {1, 2, 3});
    assertThat(b.event("message").get("msgId").getAsString()).isEqualTo("fine");
  }

  private static List<String> first(List<String> all) {
    return all.subList(0, Math.min(all.size(), 40));
  }

  // ---- sessions: where fuzz frames are sent, and what every reply must look like -----------

  private enum Stage {
    /** TLS up, server hello read, no client hello yet: only hello frames are fuzzed here. */
    PRE_HELLO,
    /** After hello, not logged in. */
    ANONYMOUS,
    /** After hello and register: the post-login handlers. */
    LOGGED_IN
  }

  /**
   * One of the three fuzzed connections. After each fuzz frame it sends a sync request and reads
   * every line up to the sync answer, so each reply is checked and blamed on the right frame. When
   * the server hangs up, or the connection drifted out of its stage, it reconnects.
   */
  private final class Session {
    private final Stage stage;
    private Wire wire;
    private int syncs;
    private final Map<String, Fuzz> inFlight = new LinkedHashMap<>();
    private final Set<String> answered = new HashSet<>();
    // The error announcing a close; the server may still answer a few frames before it closes.
    private String closingError;
    // A frame over the limit was sent: a close is due even if its error got lost in a reset.
    private boolean oversized;

    Session(Stage stage) {
      this.stage = stage;
    }

    void fire(Fuzz f) throws Exception {
      if (wire == null) {
        open();
      }
      inFlight.put(f.id(), f);
      oversized |= firstLineLength(f.bytes()) > MAX_FRAME;
      boolean sent = wire.write(f.bytes());
      String syncId = "sync" + ++syncs;
      if (sent) {
        sent = wire.write(syncFrame(syncId));
      }
      SyncResult r = readUntil(syncId, f);
      boolean driftedOut =
          switch (stage) {
            case PRE_HELLO -> r.sawHelloOk;
            case ANONYMOUS -> r.sawLoginOk;
            case LOGGED_IN -> r.syncAnswer != null && !"ok".equals(r.syncAnswer);
          };
      if (r.closed && closingError == null && !oversized) {
        problems.add(stage + " " + f + ": the server hung up without saying why");
      }
      if (r.closed || driftedOut || !sent) {
        close();
      }
    }

    private byte[] syncFrame(String id) {
      // list_contacts needs a session, so its answer also says whether we are still logged in.
      String type = stage == Stage.LOGGED_IN ? "list_contacts" : "ping";
      return ("{\"type\":\"" + type + "\",\"id\":\"" + id + "\"}\n")
          .getBytes(StandardCharsets.UTF_8);
    }

    private record SyncResult(
        boolean closed, String syncAnswer, boolean sawHelloOk, boolean sawLoginOk) {}

    private SyncResult readUntil(String syncId, Fuzz current) throws InterruptedException {
      boolean helloOk = false;
      boolean loginOk = false;
      long deadline = System.nanoTime() + SYNC_WAIT.toNanos();
      while (true) {
        byte[] line = wire.lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (line == null) {
          problems.add(stage + " " + current + ": no answer within " + SYNC_WAIT + " (hang?)");
          return new SyncResult(true, null, false, false);
        }
        if (line == Wire.EOF) {
          return new SyncResult(true, null, helloOk, loginOk);
        }
        JsonObject reply = check(line, current);
        if (reply == null) {
          continue;
        }
        String type = stringOr(reply, "type", "?");
        String re = stringOr(reply, "re", null);
        String code = stringOr(reply, "code", null);
        if (code != null && CLOSING_CODES.contains(code)) {
          closingError = code;
        }
        if (re != null && re.equals(syncId)) {
          return new SyncResult(false, type.equals("ok") ? "ok" : code, helloOk, loginOk);
        }
        replyCodes.merge(code != null ? code : type, 1, Integer::sum);
        if (type.equals("ok") && reply.has("version")) {
          helloOk = true;
        }
        if (type.equals("ok") && reply.has("user")) {
          loginOk = true;
        }
      }
    }

    /** Checks one reply line; returns it parsed, or null (with a problem recorded). */
    private JsonObject check(byte[] line, Fuzz current) {
      String text;
      try {
        text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(line))
                .toString();
      } catch (CharacterCodingException e) {
        problems.add(stage + " " + current + ": reply is not UTF-8: " + preview(line));
        return null;
      }
      JsonObject reply = parseStrictObject(text);
      if (reply == null) {
        problems.add(stage + " " + current + ": reply is not one JSON object: " + text);
        return null;
      }
      String re = stringOr(reply, "re", null);
      Fuzz blamed = re != null && inFlight.containsKey(re) ? inFlight.get(re) : current;
      if (!(reply.get("type") instanceof JsonPrimitive t) || !t.isString()) {
        problems.add(stage + " " + blamed + ": reply without a string type: " + text);
      }
      if (reply.has("re") && re == null) {
        problems.add(stage + " " + blamed + ": 're' is not a string: " + text);
      }
      if (re != null && inFlight.containsKey(re) && !answered.add(re)) {
        problems.add(stage + " " + blamed + ": request answered twice: " + text);
      }
      if ("error".equals(stringOr(reply, "type", null))) {
        String code = stringOr(reply, "code", null);
        if (code == null || !CODES.contains(code)) {
          problems.add(stage + " " + blamed + ": unknown error code: " + text);
        } else if (code.equals("internal")) {
          problems.add(stage + " " + blamed + ": INTERNAL error: " + text);
        }
      }
      return reply;
    }

    private void open() throws Exception {
      reconnects++;
      inFlight.clear();
      answered.clear();
      closingError = null;
      oversized = false;
      wire = new Wire(server.port());
      Fuzz setup = new Fuzz(-1, "setup", "", new byte[0]);
      byte[] hello = wire.lines.poll(SYNC_WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(hello).as("server hello").isNotNull().isNotSameAs(Wire.EOF);
      assertThat(stringOr(check(hello, setup), "type", null)).isEqualTo("hello");
      if (stage == Stage.PRE_HELLO) {
        return;
      }
      expectOk("{\"type\":\"hello\",\"id\":\"h\",\"version\":1}", "h", setup);
      if (stage == Stage.LOGGED_IN) {
        String name = "fuzz" + ++users;
        expectOk(
            "{\"type\":\"register\",\"id\":\"u\",\"username\":\""
                + name
                + "\",\"password\":\""
                + PASSWORD
                + "\"}",
            "u",
            setup);
      }
    }

    private void expectOk(String frame, String id, Fuzz setup) throws Exception {
      assertThat(wire.write((frame + "\n").getBytes(StandardCharsets.UTF_8))).isTrue();
      while (true) {
        byte[] line = wire.lines.poll(SYNC_WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(line).as("answer to " + frame).isNotNull().isNotSameAs(Wire.EOF);
        JsonObject reply = check(line, setup);
        if (reply != null && id.equals(stringOr(reply, "re", null))) {
          assertThat(stringOr(reply, "type", null)).as(reply.toString()).isEqualTo("ok");
          return;
        }
      }
    }

    void close() {
      if (wire != null) {
        wire.close();
        wire = null;
      }
    }
  }

  private static final Gson GSON = new Gson();

  /** Parses exactly one JSON object, strictly (no lenient Gson extensions), or returns null. */
  private static JsonObject parseStrictObject(String text) {
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(Strictness.STRICT);
      JsonElement e = GSON.getAdapter(JsonElement.class).read(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT || !e.isJsonObject()) {
        return null;
      }
      return e.getAsJsonObject();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String stringOr(JsonObject o, String key, String fallback) {
    if (o != null && o.get(key) instanceof JsonPrimitive p && p.isString()) {
      return p.getAsString();
    }
    return fallback;
  }

  /** Bytes before the first newline: what the server measures against its frame limit. */
  private static int firstLineLength(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return bytes.length;
  }

  /** Printable form of raw bytes: ASCII as is, everything else as \xNN. */
  static String preview(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    int limit = Math.min(bytes.length, 160);
    for (int i = 0; i < limit; i++) {
      int b = bytes[i] & 0xff;
      if (b >= 0x20 && b < 0x7f && b != '\\') {
        sb.append((char) b);
      } else {
        sb.append(String.format("\\x%02x", b));
      }
    }
    if (bytes.length > limit) {
      sb.append("... (").append(bytes.length).append(" bytes)");
    }
    return sb.toString();
  }

  // ---- the wire: TLS socket, raw lines in ------------------------------------------------

  /**
   * A TLS connection that hands over reply lines as raw bytes, so that invalid UTF-8 or invalid
   * JSON from the server is seen rather than hidden by a lenient parser.
   */
  private static final class Wire {
    static final byte[] EOF = new byte[0];
    final BlockingQueue<byte[]> lines = new LinkedBlockingQueue<>();
    private final SSLSocket socket;
    private final OutputStream out;

    Wire(int port) throws Exception {
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
      socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
      socket.setEnabledProtocols(new String[] {"TLSv1.3"});
      socket.setTcpNoDelay(true);
      socket.startHandshake();
      out = socket.getOutputStream();
      Thread reader = new Thread(this::readLoop, "fuzz-reader");
      reader.setDaemon(true);
      reader.start();
    }

    private void readLoop() {
      try (InputStream in = new BufferedInputStream(socket.getInputStream())) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
          if (b == '\n') {
            lines.add(line.toByteArray());
            line.reset();
          } else {
            line.write(b);
          }
        }
      } catch (IOException e) {
        // closed
      }
      lines.add(EOF);
    }

    /** Writes {@code bytes}; false when the server has already hung up. */
    boolean write(byte[] bytes) {
      try {
        out.write(bytes);
        out.flush();
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }

  // ---- the generator ---------------------------------------------------------------------

  /** One fuzz frame: its number (its id is {@code f<n>} when it has one), category and bytes. */
  record Fuzz(int n, String category, String type, byte[] bytes) {
    String id() {
      return "f" + n;
    }

    @Override
    public String toString() {
      return "#" + n + " [" + category + "/" + type + "] " + preview(bytes);
    }
  }

  /** Builds malformed frames, one small method per category; deterministic for a seed. */
  static final class FrameFuzzer {
    static final List<String> REQUEST_TYPES =
        List.of(
            "hello",
            "register",
            "login",
            "logout",
            "change_password",
            "publish_keys",
            "fetch_bundle",
            "add_contact",
            "remove_contact",
            "list_contacts",
            "send",
            "ack",
            "ack_receipt",
            "typing",
            "ping",
            "pong");
    static final List<String> UNKNOWN_TYPES =
        List.of(
            "",
            "PING",
            "Ping",
            "ping ",
            " ping",
            "ok",
            "error",
            "message",
            "presence",
            "receipt",
            "keys_low",
            "admin",
            "delete_user",
            "x".repeat(32),
            "x".repeat(33),
            "\\u0000",
            "ping\\u0000",
            "\\ud800",
            "hello\\n");
    static final List<String> NAMES =
        List.of(
            "peer",
            "PEER",
            " peer ",
            "fuzz1",
            "nobody",
            "ab",
            "a".repeat(33),
            "a b",
            "ünï",
            "İnci",
            "peer\\u0000",
            "..",
            "-_-",
            "new" + "x".repeat(10));
    static final List<String> WRONG_TYPED =
        List.of(
            "0",
            "1",
            "-1",
            "true",
            "false",
            "null",
            "[]",
            "[\"x\"]",
            "[null]",
            "{}",
            "{\"a\":1}",
            "\"\"",
            "\"1\"",
            "\"true\"",
            "\"null\"",
            "1.5",
            "[[[]]]");
    static final List<String> HUGE_NUMBERS =
        List.of(
            "1e309",
            "-1e309",
            "1E+309",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "18446744073709551616",
            "-0",
            "-0.0",
            "0.0",
            "1.0",
            "1.5",
            "2147483647",
            "2147483648",
            "-2147483649",
            "4294967296",
            "1e-400",
            "1E+2147483647",
            "1e-2147483648",
            "1e2147483648",
            "1e99999999999",
            "10e-2147483647",
            "1.0000000000000000000001",
            "123456789012345678901234567890e-10",
            "0e999999",
            "-0e-999999");
    static final List<String> NOT_NUMBERS =
        List.of("01", "+1", ".5", "1.", "0x10", "NaN", "Infinity", "-Infinity", "1e", "--1", "1_0");
    static final List<String> UNICODE_ESCAPES =
        List.of(
            "\\ud800",
            "\\udc00",
            "\\udbff\\udfff",
            "\\ud800\\u0041",
            "\\udfff\\ud800",
            "\\u0000",
            "a\\u0000b",
            "\\u2028",
            "\\u2029",
            "\\uffff",
            "\\ufffe",
            "\\ufeff",
            "\\ud83d\\ude00",
            "\\u001f",
            "\\u007f");
    static final List<String> UNICODE_RAW =
        List.of(
            "\u202e",
            "\u200f",
            "\u200b",
            "\ufeff",
            "😀",
            "👩‍👩‍👧",
            "e\u0301",
            "İ",
            "ß",
            "ﬀ",
            "ａｂｃ",
            "\u0085",
            "Ω",
            "\u00a0",
            "\t");
    static final List<byte[]> BAD_UTF8 =
        List.of(
            bytes(0xC0, 0xAF), // overlong '/'
            bytes(0xC1, 0xBF), // overlong
            bytes(0xE0, 0x80, 0xAF), // overlong, 3 bytes
            bytes(0xF0, 0x80, 0x80, 0xAF), // overlong, 4 bytes
            bytes(0xC0, 0x80), // overlong NUL
            bytes(0xED, 0xA0, 0x80), // UTF-8 encoded surrogate
            bytes(0xF4, 0x90, 0x80, 0x80), // beyond U+10FFFF
            bytes(0xF8, 0x88, 0x80, 0x80, 0x80), // 5-byte form
            bytes(0x80), // lone continuation byte
            bytes(0xC3), // truncated sequence
            bytes(0xFE),
            bytes(0xFF),
            bytes(0x00), // raw NUL inside a string
            bytes(0x0D)); // raw CR inside a string
    private static final String MARK = "@@BYTES@@";

    final Random random;
    private int n;

    FrameFuzzer(Random random) {
      this.random = random;
    }

    /** Frame {@code n}: a category picked at random; {@code type} forces the request type. */
    Fuzz next(int n, String type) {
      this.n = n;
      String t = type != null ? type : pickType();
      return switch (random.nextInt(12)) {
        case 0 -> fuzz("random-bytes", "-", randomBytes());
        case 1 -> fuzz("truncated", t, truncated(t));
        case 2 -> fuzz("wrong-types", t, wrongTypes(t));
        case 3 -> fuzz("huge-numbers", t, hugeNumbers(t));
        case 4 -> fuzz("deep-nesting", t, deepNesting(t));
        case 5 -> fuzz("long-strings", t, longStrings(t));
        case 6 -> fuzz("unicode", t, unicode(t));
        case 7 -> fuzz("extra-fields", t, extraFields(t));
        case 8 -> fuzz("missing-id", t, missingId(t));
        case 9 -> fuzz("duplicate-keys", t, duplicateKeys(t));
        case 10 -> fuzz("missing-fields", t, missingFields(t));
        default -> fuzz("unknown-type", "?", unknownType());
      };
    }

    private Fuzz fuzz(String category, String type, byte[] bytes) {
      return new Fuzz(n, category, type, bytes);
    }

    private String pickType() {
      return REQUEST_TYPES.get(random.nextInt(REQUEST_TYPES.size()));
    }

    // -- categories --

    /** Random bytes (a newline only at the end). */
    byte[] randomBytes() {
      byte[] junk = new byte[1 + random.nextInt(300)];
      random.nextBytes(junk);
      for (int i = 0; i < junk.length; i++) {
        if (junk[i] == '\n') {
          junk[i] = ' ';
        }
      }
      if (random.nextBoolean()) {
        junk[0] = '{';
      }
      return concat(junk, bytes('\n'));
    }

    /** A plausible frame cut short anywhere (possibly to an empty line). */
    byte[] truncated(String type) {
      String text = plausible(type).text();
      return line(text.substring(0, random.nextInt(text.length())));
    }

    /** One to three members (type and id included) given a value of the wrong JSON type. */
    byte[] wrongTypes(String type) {
      Frame f = plausible(type);
      for (int i = 1 + random.nextInt(3); i > 0; i--) {
        f.replaceRandom(random, pick(WRONG_TYPED));
      }
      return line(f.text());
    }

    /** Huge, negative, fractional or non-JSON numbers, mostly where integers belong. */
    byte[] hugeNumbers(String type) {
      Frame f = plausible(type);
      String number = random.nextInt(5) == 0 ? pick(NOT_NUMBERS) : hugeNumber();
      String key =
          switch (type) {
            case "hello" -> "version";
            case "ack_receipt" -> "rid";
            default -> null;
          };
      if (type.equals("publish_keys") && random.nextBoolean()) {
        f.set(
            "signedPreKey",
            "{\"id\":" + number + ",\"key\":" + key32() + ",\"signature\":" + b64(64) + "}");
      } else if (key != null && random.nextInt(4) != 0) {
        f.set(key, number);
      } else {
        f.replaceRandom(random, number);
      }
      return line(f.text());
    }

    private String hugeNumber() {
      return switch (random.nextInt(3)) {
        case 0 -> digits(20 + random.nextInt(random.nextBoolean() ? 100 : 20_000));
        case 1 -> "0." + "0".repeat(random.nextInt(5_000)) + "1";
        default -> pick(HUGE_NUMBERS);
      };
    }

    /** A member nested hundreds to tens of thousands deep, sometimes unbalanced. */
    byte[] deepNesting(String type) {
      int depth = pick(List.of(64, 254, 255, 256, 1_000, 10_000, 30_000));
      boolean objects = random.nextBoolean();
      String open = objects ? "{\"a\":" : "[";
      String close = objects ? "}" : "]";
      int closes = random.nextInt(4) == 0 ? random.nextInt(depth) : depth;
      String value = open.repeat(depth) + "1" + close.repeat(closes);
      if (open.length() * depth > MAX_FRAME - 200) {
        value = "[".repeat(depth) + "]".repeat(depth);
      }
      Frame f = plausible(type);
      if (random.nextBoolean()) {
        f.replaceRandom(random, value);
      } else {
        f.put("nest", value);
      }
      return line(f.text());
    }

    /** A string member that brings the frame to just under, at, or just over the frame limit. */
    byte[] longStrings(String type) {
      Frame f = plausible(type);
      String key = random.nextBoolean() ? f.randomKey(random) : "pad";
      String unit = pick(List.of("a", "A", "é", "😀", "\\u0041", "\\\\", "=", "/"));
      int unitBytes = unit.getBytes(StandardCharsets.UTF_8).length;
      f.set(key, "\"\"");
      int base = f.text().getBytes(StandardCharsets.UTF_8).length;
      int target = MAX_FRAME + pick(List.of(-1_000, -200, -7, -1, 0, 1, 2, 200, 5_000));
      if (random.nextInt(5) == 0) {
        target = 60 + random.nextInt(200); // just over a field's own limit, far under the frame's
      }
      int count = Math.max(0, (target - base) / unitBytes);
      String pad = unit.repeat(count);
      int filled = base + count * unitBytes;
      pad += "b".repeat(Math.max(0, target - filled)); // exact byte length where possible
      f.set(key, "\"" + pad + "\"");
      return line(f.text());
    }

    /** Lone surrogates, NULs, direction marks, emoji, and raw bytes that are not UTF-8. */
    byte[] unicode(String type) {
      Frame f = plausible(type);
      String key = f.randomKey(random);
      String inject =
          switch (random.nextInt(3)) {
            case 0 -> pick(UNICODE_ESCAPES);
            case 1 -> pick(UNICODE_RAW);
            default -> MARK;
          };
      String value = "\"" + (random.nextBoolean() ? "peer" : "") + inject + "\"";
      if (random.nextInt(4) == 0) {
        f.put(inject, "1"); // in a key
      } else {
        f.set(key, value);
      }
      byte[] bytes = line(f.text());
      if (random.nextInt(10) == 0) {
        bytes = concat(bytes(0xEF, 0xBB, 0xBF), bytes); // a byte order mark before the frame
      }
      return splice(bytes, pick(BAD_UTF8));
    }

    /** Unknown members of every JSON type, including odd names. */
    byte[] extraFields(String type) {
      Frame f = plausible(type);
      List<String> names =
          List.of("extra", "__proto__", "constructor", "TYPE", "Id", "", "type ", "re", "code");
      for (int i = 1 + random.nextInt(5); i > 0; i--) {
        f.put(pick(names) + (random.nextBoolean() ? "" : random.nextInt(100)), anyValue());
      }
      return line(f.text());
    }

    /** No id, or an id that is empty, too long, or null. */
    byte[] missingId(String type) {
      Frame f = plausible(type);
      switch (random.nextInt(4)) {
        case 0 -> f.remove("id");
        case 1 -> f.set("id", "\"\"");
        case 2 -> f.set("id", "\"" + "i".repeat(65) + "\"");
        default -> f.set("id", "null");
      }
      return line(f.text());
    }

    /** The same key twice with different values (type, id, or a field). */
    byte[] duplicateKeys(String type) {
      Frame f = plausible(type);
      switch (random.nextInt(3)) {
        case 0 -> f.put("type", "\"" + pickType() + "\"");
        case 1 -> f.put("id", "\"" + (random.nextBoolean() ? "d" : "f") + n + "\"");
        default -> {
          String key = f.randomKey(random);
          f.put(key, random.nextBoolean() ? anyValue() : f.get(key));
        }
      }
      if (random.nextBoolean()) {
        f.moveLastFirst();
      }
      return line(f.text());
    }

    /** One or more required members left out. */
    byte[] missingFields(String type) {
      Frame f = plausible(type);
      for (int i = 1 + random.nextInt(2); i > 0 && f.size() > 0; i--) {
        f.remove(f.randomKey(random));
      }
      return line(f.text());
    }

    /** A type the server does not know, with the fields of a known one. */
    byte[] unknownType() {
      Frame f = plausible(pickType());
      f.set("type", "\"" + pick(UNKNOWN_TYPES) + "\"");
      return line(f.text());
    }

    // -- plausible frames, the material the categories break --

    /** A request of {@code type} with believable members (valid often enough to get deep). */
    Frame plausible(String type) {
      Frame f = new Frame();
      f.put("type", quote(type));
      f.put("id", quote("f" + n));
      switch (type) {
        case "hello" -> {
          f.put("version", random.nextInt(4) == 0 ? "2" : "1");
          f.put("software", quote("fuzz"));
        }
        case "register", "login" -> {
          f.put("username", quote(pickName()));
          f.put("password", quote(random.nextBoolean() ? PASSWORD : "wrong"));
        }
        case "change_password" -> {
          f.put("oldPassword", quote(random.nextBoolean() ? PASSWORD : "Wr0ngPassword"));
          f.put("newPassword", quote(random.nextBoolean() ? "N3wPassword" : "weak"));
        }
        case "publish_keys" -> {
          List<Object> kv = keysFields(random);
          for (int i = 0; i < kv.size(); i += 2) {
            f.put((String) kv.get(i), kv.get(i + 1).toString());
          }
        }
        case "fetch_bundle", "add_contact", "remove_contact" -> f.put("user", quote(pickName()));
        case "send" -> {
          f.put("to", quote(pickName()));
          f.put("msgId", quote(random.nextBoolean() ? "m" + n : "bad id!"));
          f.put("envelope", random.nextBoolean() ? b64(1 + random.nextInt(64)) : quote("%%%"));
        }
        case "ack" -> {
          f.put("from", quote(pickName()));
          f.put("msgId", quote("m" + random.nextInt(n + 1)));
        }
        case "ack_receipt" -> f.put("rid", Integer.toString(random.nextInt(1000)));
        case "typing" -> {
          f.put("to", quote(pickName()));
          f.put("envelope", b64(1 + random.nextInt(32)));
        }
        default -> {
          // logout, list_contacts, ping, pong: nothing more
        }
      }
      return f;
    }

    /** publish_keys members as key/value pairs (values are raw JSON). */
    static List<Object> keysFields(Random random) {
      List<Object> kv = new ArrayList<>();
      kv.add("identityDh");
      kv.add(new JsonPrimitive(Base64.getEncoder().encodeToString(randomBytes(random, 32))));
      kv.add("identitySign");
      kv.add(new JsonPrimitive(Base64.getEncoder().encodeToString(randomBytes(random, 32))));
      JsonObject spk = new JsonObject();
      spk.addProperty("id", random.nextInt(100));
      spk.addProperty("key", Base64.getEncoder().encodeToString(randomBytes(random, 32)));
      spk.addProperty("signature", Base64.getEncoder().encodeToString(randomBytes(random, 64)));
      kv.add("signedPreKey");
      kv.add(spk);
      com.google.gson.JsonArray otks = new com.google.gson.JsonArray();
      for (int i = random.nextInt(5); i > 0; i--) {
        JsonObject k = new JsonObject();
        k.addProperty("id", random.nextInt(3)); // duplicates now and then
        k.addProperty("key", Base64.getEncoder().encodeToString(randomBytes(random, 32)));
        otks.add(k);
      }
      kv.add("oneTimePreKeys");
      kv.add(otks);
      return kv;
    }

    // -- small helpers --

    private String pickName() {
      return pick(NAMES);
    }

    private <T> T pick(List<T> list) {
      return list.get(random.nextInt(list.size()));
    }

    private String anyValue() {
      return switch (random.nextInt(4)) {
        case 0 -> pick(WRONG_TYPED);
        case 1 -> pick(HUGE_NUMBERS);
        case 2 -> quote(pick(UNICODE_RAW));
        default -> "\"" + pick(UNICODE_ESCAPES) + "\"";
      };
    }

    private String digits(int count) {
      StringBuilder sb = new StringBuilder(count);
      sb.append((char) ('1' + random.nextInt(9)));
      for (int i = 1; i < count; i++) {
        sb.append((char) ('0' + random.nextInt(10)));
      }
      return random.nextBoolean() ? sb.toString() : "-" + sb;
    }

    private String key32() {
      return b64(32);
    }

    private String b64(int size) {
      return quote(Base64.getEncoder().encodeToString(randomBytes(random, size)));
    }

    private static byte[] randomBytes(Random random, int size) {
      byte[] b = new byte[size];
      random.nextBytes(b);
      return b;
    }

    /** The UTF-8 bytes of {@code text} plus the newline. */
    private static byte[] line(String text) {
      return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Replaces the first {@link #MARK} (if any) with raw {@code insert} bytes. */
    private static byte[] splice(byte[] bytes, byte[] insert) {
      String ascii = new String(bytes, StandardCharsets.ISO_8859_1);
      int at = ascii.indexOf(MARK);
      if (at < 0) {
        return bytes;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(bytes, 0, at);
      out.writeBytes(insert);
      out.write(bytes, at + MARK.length(), bytes.length - at - MARK.length());
      return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
      byte[] c = new byte[a.length + b.length];
      System.arraycopy(a, 0, c, 0, a.length);
      System.arraycopy(b, 0, c, a.length, b.length);
      return c;
    }

    private static byte[] bytes(int... values) {
      byte[] b = new byte[values.length];
      for (int i = 0; i < values.length; i++) {
        b[i] = (byte) values[i];
      }
      return b;
    }

    /** A JSON string literal; non-ASCII stays raw, escapes in {@code s} are not doubled. */
    private static String quote(String s) {
      StringBuilder sb = new StringBuilder("\"");
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"' -> sb.append("\\\"");
          case '\n' -> sb.append("\\n");
          case '\t' -> sb.append("\\t");
          default -> sb.append(c);
        }
      }
      return sb.append('"').toString();
    }
  }

  /**
   * A JSON object written member by member as raw text, so it can hold duplicate keys, numbers no
   * JSON library would write, and anything else a hostile client might send.
   */
  static final class Frame {
    private final List<String[]> members = new ArrayList<>();

    /** Appends a member, even if the key is already there. */
    void put(String key, String rawValue) {
      members.add(new String[] {key, rawValue});
    }

    /** Replaces the first member named {@code key}, or appends it. */
    void set(String key, String rawValue) {
      for (String[] m : members) {
        if (m[0].equals(key)) {
          m[1] = rawValue;
          return;
        }
      }
      put(key, rawValue);
    }

    String get(String key) {
      return members.stream().filter(m -> m[0].equals(key)).map(m -> m[1]).findFirst().orElse("0");
    }

    void remove(String key) {
      members.removeIf(m -> m[0].equals(key));
    }

    int size() {
      return members.size();
    }

    String randomKey(Random random) {
      return members.get(random.nextInt(members.size()))[0];
    }

    void replaceRandom(Random random, String rawValue) {
      members.get(random.nextInt(members.size()))[1] = rawValue;
    }

    void moveLastFirst() {
      members.add(0, members.remove(members.size() - 1));
    }

    String text() {
      StringBuilder sb = new StringBuilder("{");
      for (String[] m : members) {
        if (sb.length() > 1) {
          sb.append(',');
        }
        sb.append('"').append(m[0]).append("\":").append(m[1]);
      }
      return sb.append('}').toString();
    }
  }
}
