package dev.parley.client.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.parley.crypto.KeyStoreContents;
import dev.parley.crypto.PublishedKeys;
import dev.parley.protocol.AuthKey;
import dev.parley.server.testing.TrustAll;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * A hostile user scripted on a raw TLS connection, written from docs/PROTOCOL.md: it can publish
 * keys whose signed-prekey signature is wrong, or send envelopes nobody can decrypt.
 */
final class RawPeer implements AutoCloseable {
  private final SSLSocket socket;
  private final BufferedReader in;
  private final OutputStream out;
  private int ids;

  RawPeer(int port) throws Exception {
    SSLContext tls = SSLContext.getInstance("TLSv1.3");
    tls.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
    socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
    socket.setSoTimeout((int) CliRun.WAIT.toMillis());
    socket.startHandshake();
    in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    out = socket.getOutputStream();
    in.readLine(); // the server's hello
    JsonObject hello = new JsonObject();
    hello.addProperty("version", 1);
    hello.addProperty("software", "raw-peer");
    ok("hello", hello);
  }

  /** Sends a request and returns its {@code ok}, skipping events; fails on an error. */
  JsonObject ok(String type, JsonObject fields) throws Exception {
    String id = "r" + ++ids;
    JsonObject f = fields.deepCopy();
    f.addProperty("type", type);
    f.addProperty("id", id);
    out.write((f + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    while (true) {
      String line = in.readLine();
      if (line == null) {
        throw new AssertionError("connection closed waiting for " + type);
      }
      JsonObject a = JsonParser.parseString(line).getAsJsonObject();
      if (a.has("re") && a.get("re").getAsString().equals(id)) {
        if (!a.get("type").getAsString().equals("ok")) {
          throw new AssertionError(type + " refused: " + a);
        }
        return a;
      }
    }
  }

  /** Registers {@code name} (with the derived auth key a real client of the tests sends). */
  RawPeer register(String name) throws Exception {
    JsonObject r = new JsonObject();
    r.addProperty("username", name);
    r.addProperty(
        "authKey",
        AuthKey.derive(
            name, CliRun.PASSWORD.toCharArray(), CliRun.config(null).authKeyIterations()));
    ok("register", r);
    return this;
  }

  /** Publishes real-looking keys whose signed prekey signature does not verify. */
  RawPeer publishKeysWithABadSignature() throws Exception {
    PublishedKeys k =
        KeyStoreContents.createNew(System.currentTimeMillis()).publishedKeys(java.util.List.of());
    byte[] signature = k.signedPreKeySignature().clone();
    signature[0] ^= 1;
    JsonObject req = new JsonObject();
    req.addProperty("identityDh", b64(k.identity().dh()));
    req.addProperty("identitySign", b64(k.identity().sign()));
    JsonObject spk = new JsonObject();
    spk.addProperty("id", k.signedPreKeyId());
    spk.addProperty("key", b64(k.signedPreKey()));
    spk.addProperty("signature", b64(signature));
    req.add("signedPreKey", spk);
    req.add("oneTimePreKeys", new JsonArray());
    ok("publish_keys", req);
    return this;
  }

  /** Sends {@code to} an envelope of junk that no session can decrypt. */
  RawPeer sendJunk(String to, String msgId) throws Exception {
    byte[] junk = new byte[80];
    new SecureRandom().nextBytes(junk);
    junk[0] = 1;
    junk[1] = 2;
    JsonObject req = new JsonObject();
    req.addProperty("to", to);
    req.addProperty("msgId", msgId);
    req.addProperty("envelope", b64(junk));
    ok("send", req);
    return this;
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  @Override
  public void close() throws Exception {
    socket.close();
  }
}
