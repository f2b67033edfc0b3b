package dev.parley.server.keys;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Fields;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Frames;
import dev.parley.protocol.ProtocolException;
import dev.parley.server.ServerConfig;
import dev.parley.server.session.Deliveries;
import dev.parley.server.session.Endpoint;
import dev.parley.server.session.UserField;
import dev.parley.server.store.Bundle;
import dev.parley.server.store.KeyUpload;
import dev.parley.server.store.PrekeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The prekey directory: users publish their identity, signed prekey and one-time prekeys ({@code
 * publish_keys}); others fetch a bundle to start a session ({@code fetch_bundle}); owners running
 * short are told {@code keys_low}.
 */
public final class PrekeyDirectory {
  /** One-time prekeys per {@code publish_keys}. */
  static final int MAX_PREKEYS_PER_UPLOAD = 200;

  private final PrekeyStore store;
  private final BundleLimits limits;
  private final Deliveries deliveries;

  /** The directory over {@code store}, with the fetch allowances of {@code config}. */
  public PrekeyDirectory(PrekeyStore store, ServerConfig config, Deliveries deliveries) {
    this.store = store;
    this.limits = new BundleLimits(config);
    this.deliveries = deliveries;
  }

  /** {@code publish_keys} from {@code user}: answers how many one-time prekeys are held. */
  public CompletableFuture<JsonObject> publish(String user, JsonObject f) throws ProtocolException {
    byte[] dh = Fields.bytesExactly(f, "identityDh", 32);
    byte[] sign = Fields.bytesExactly(f, "identitySign", 32);
    JsonObject spk = Fields.object(f, "signedPreKey");
    int spkId = (int) Fields.integer(spk, "id", 0, Integer.MAX_VALUE);
    byte[] spkKey = Fields.bytesExactly(spk, "key", 32);
    byte[] spkSig = Fields.bytesExactly(spk, "signature", 64);
    JsonArray arr = Fields.optArray(f, "oneTimePreKeys", MAX_PREKEYS_PER_UPLOAD);
    List<KeyUpload.OneTime> oneTime = new ArrayList<>(arr.size());
    for (JsonElement e : arr) {
      if (!e.isJsonObject()) {
        throw ProtocolException.badRequest("oneTimePreKeys holds objects");
      }
      JsonObject k = e.getAsJsonObject();
      oneTime.add(
          new KeyUpload.OneTime(
              (int) Fields.integer(k, "id", 0, Integer.MAX_VALUE),
              Fields.bytesExactly(k, "key", 32)));
    }
    KeyUpload upload = new KeyUpload(dh, sign, spkId, spkKey, spkSig, oneTime);
    return store
        .publishKeys(user, upload, System.currentTimeMillis())
        .thenApply(
            count -> {
              JsonObject body = new JsonObject();
              body.addProperty("oneTimePreKeys", count);
              return body;
            });
  }

  /** {@code fetch_bundle} from {@code requester}, within its fetch allowance. */
  public CompletableFuture<JsonObject> fetchBundle(String requester, JsonObject f)
      throws ProtocolException {
    String who = UserField.read(f, "user");
    long wait = limits.fetchWait(requester);
    if (wait > 0) {
      throw new ProtocolException(
          ErrorCode.RATE_LIMITED,
          "Too many key bundle requests; wait and try again.",
          List.of(),
          wait);
    }
    return store
        .fetchBundle(who, limits::mayHandOutOneTime, deliveries::isOnline)
        .thenApply(
            b -> {
              if (b.lowNotice()) {
                deliveries.event(who, keysLow(b.remaining()), false);
              }
              return bundleJson(b);
            });
  }

  /**
   * Sends {@code keys_low} to {@code session} after {@code name} logged in, when its one-time
   * prekeys run short and it was not told since it last refilled (see {@link
   * PrekeyStore#fetchBundle}).
   */
  public void checkAfterLogin(String name, Endpoint session) {
    store
        .claimKeysLowNotice(name)
        .thenAccept(
            count -> {
              if (count >= 0) {
                session.sendEvent(keysLow(count), false);
              }
            });
  }

  private static JsonObject keysLow(int remaining) {
    JsonObject event = Frames.of(FrameType.KEYS_LOW);
    event.addProperty("remaining", remaining);
    return event;
  }

  private static JsonObject bundleJson(Bundle b) {
    JsonObject body = new JsonObject();
    body.addProperty("user", b.user());
    body.addProperty("identityDh", Fields.base64(b.identityDh()));
    body.addProperty("identitySign", Fields.base64(b.identitySign()));
    JsonObject spk = new JsonObject();
    spk.addProperty("id", b.signedPreKeyId());
    spk.addProperty("key", Fields.base64(b.signedPreKey()));
    spk.addProperty("signature", Fields.base64(b.signedPreKeySignature()));
    body.add("signedPreKey", spk);
    if (b.oneTime() != null) {
      JsonObject otk = new JsonObject();
      otk.addProperty("id", b.oneTime().id());
      otk.addProperty("key", Fields.base64(b.oneTime().key()));
      body.add("oneTimePreKey", otk);
    }
    return body;
  }
}
