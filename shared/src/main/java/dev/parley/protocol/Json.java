package dev.parley.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.internal.Streams;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/** Strict parsing and compact writing of single-line JSON frames. */
public final class Json {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private Json() {}

  /** Parses one frame: exactly one JSON object, strict syntax, nothing after it. */
  public static JsonObject parseObject(String line) throws ProtocolException {
    try (JsonReader reader = new JsonReader(new StringReader(line))) {
      reader.setStrictness(Strictness.STRICT);
      JsonElement element = Streams.parse(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw ProtocolException.badRequest("a frame holds exactly one JSON object");
      }
      if (!element.isJsonObject()) {
        throw ProtocolException.badRequest("a frame must be a JSON object");
      }
      return element.getAsJsonObject();
    } catch (JsonParseException | IOException | IllegalStateException e) {
      throw ProtocolException.badRequest("malformed JSON");
    } catch (StackOverflowError e) {
      throw ProtocolException.badRequest("JSON nested too deeply");
    }
  }

  /** The compact one-line form, without the trailing newline. */
  public static String write(JsonObject frame) {
    return GSON.toJson(frame);
  }
}
