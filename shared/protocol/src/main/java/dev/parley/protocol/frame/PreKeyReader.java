package dev.parley.protocol.frame;

import com.google.gson.JsonObject;
import dev.parley.protocol.Fields;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;

/** Reads the prekey objects that {@code publish_keys} and bundles share. */
final class PreKeyReader {
  private PreKeyReader() {}

  static SignedPreKey signedPreKey(JsonObject o) throws ProtocolException {
    int id = (int) Fields.integer(o, "id", 0, Limits.MAX_PREKEY_ID);
    byte[] key = Fields.bytesExactly(o, "key", Limits.KEY_BYTES);
    return new SignedPreKey(id, key, Fields.bytesExactly(o, "signature", Limits.SIGNATURE_BYTES));
  }

  static OneTimePreKey oneTimePreKey(JsonObject o) throws ProtocolException {
    int id = (int) Fields.integer(o, "id", 0, Limits.MAX_PREKEY_ID);
    return new OneTimePreKey(id, Fields.bytesExactly(o, "key", Limits.KEY_BYTES));
  }
}
