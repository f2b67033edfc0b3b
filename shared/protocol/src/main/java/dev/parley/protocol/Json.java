package dev.parley.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.ToNumberPolicy;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;

/**
 * Strict parsing and compact writing of single-line JSON frames (docs/PROTOCOL.md §2). The tree is
 * built here from Gson's streaming reader rather than by Gson's tree parser, which lets a later
 * duplicate key silently replace an earlier one.
 */
public final class Json {
  /**
   * Deepest nesting of objects and arrays in a frame, the frame itself being level 1. Protocol
   * frames need 3 ({@code publish_keys} → {@code oneTimePreKeys} → a key); the bound keeps a
   * hostile frame from costing more than a flat one.
   */
  public static final int MAX_DEPTH = Limits.MAX_JSON_DEPTH;

  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private Json() {}

  /**
   * Parses one frame from its raw bytes: strict UTF-8 (no replacement of malformed sequences), then
   * {@link #parseObject(String)}.
   */
  public static JsonObject parseUtf8(ByteBuffer bytes) throws ProtocolException {
    return parseUtf8(Unpooled.wrappedBuffer(bytes));
  }

  /**
   * As {@link #parseUtf8(ByteBuffer)}, from a Netty buffer (not consumed): anything but well-formed
   * UTF-8 (RFC 3629: no overlong forms, no encoded surrogates, nothing above U+10FFFF) is refused.
   */
  public static JsonObject parseUtf8(ByteBuf bytes) throws ProtocolException {
    String text = StrictUtf8.decode(bytes);
    if (text == null) {
      throw ProtocolException.badRequest("a frame must be valid UTF-8");
    }
    return parseObject(text);
  }

  /**
   * Parses one frame: exactly one JSON object, strict syntax, nothing before or after it (no byte
   * order mark either), no key twice in any object, at most {@link #MAX_DEPTH} levels, and every
   * string (keys included) valid UTF-16 (no unpaired surrogate).
   */
  public static JsonObject parseObject(String line) throws ProtocolException {
    if (line.startsWith("\ufeff")) {
      // Gson's reader would skip it silently; a frame is the object and nothing else.
      throw ProtocolException.badRequest("a frame must not start with a byte order mark");
    }
    try (JsonReader reader = new JsonReader(new LineReader(line))) {
      reader.setStrictness(Strictness.STRICT);
      if (reader.peek() != JsonToken.BEGIN_OBJECT) {
        throw ProtocolException.badRequest("a frame must be a JSON object");
      }
      JsonElement element = read(reader, 1);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw ProtocolException.badRequest("a frame holds exactly one JSON object");
      }
      return element.getAsJsonObject();
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      throw ProtocolException.badRequest("malformed JSON");
    }
  }

  private static JsonElement read(JsonReader in, int depth) throws IOException, ProtocolException {
    switch (in.peek()) {
      case BEGIN_OBJECT -> {
        requireDepth(depth);
        JsonObject o = new JsonObject();
        in.beginObject();
        while (in.hasNext()) {
          String name = wellFormed(in.nextName());
          if (o.has(name)) {
            throw ProtocolException.badRequest("a JSON object holds the same key twice");
          }
          o.add(name, read(in, depth + 1));
        }
        in.endObject();
        return o;
      }
      case BEGIN_ARRAY -> {
        requireDepth(depth);
        JsonArray a = new JsonArray();
        in.beginArray();
        while (in.hasNext()) {
          a.add(read(in, depth + 1));
        }
        in.endArray();
        return a;
      }
      case STRING -> {
        return new JsonPrimitive(wellFormed(in.nextString()));
      }
      case NUMBER -> {
        // Kept as written (like Gson's own tree): Fields decides what range a field accepts.
        return new JsonPrimitive(ToNumberPolicy.LAZILY_PARSED_NUMBER.readNumber(in));
      }
      case BOOLEAN -> {
        return new JsonPrimitive(in.nextBoolean());
      }
      case NULL -> {
        in.nextNull();
        return JsonNull.INSTANCE;
      }
      default -> throw ProtocolException.badRequest("malformed JSON");
    }
  }

  private static void requireDepth(int depth) throws ProtocolException {
    if (depth > MAX_DEPTH) {
      throw ProtocolException.badRequest("JSON nested deeper than " + MAX_DEPTH + " levels");
    }
  }

  /** {@code s} if every surrogate in it is part of a pair; else a {@code bad_request}. */
  private static String wellFormed(String s) throws ProtocolException {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isSurrogate(c)) {
        continue;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
        continue;
      }
      throw ProtocolException.badRequest("a JSON string holds an unpaired UTF-16 surrogate");
    }
    return s;
  }

  /** The compact one-line form, without the trailing newline. */
  public static String write(JsonObject frame) {
    return GSON.toJson(frame);
  }

  /** Appends the compact one-line form of {@code frame} (no newline) to {@code out}. */
  public static void write(JsonObject frame, StringBuilder out) {
    GSON.toJson(frame, out);
  }

  /**
   * A reader over one frame's text for the JSON reader: {@link java.io.StringReader} without the
   * lock and checks it takes on every read, which showed in the relay's profile.
   */
  private static final class LineReader extends Reader {
    private final String text;
    private int next;

    LineReader(String text) {
      this.text = text;
    }

    @Override
    public int read(char[] into, int off, int len) {
      if (next >= text.length()) {
        return -1;
      }
      int n = Math.min(len, text.length() - next);
      text.getChars(next, next + n, into, off);
      next += n;
      return n;
    }

    @Override
    public void close() {
      next = text.length();
    }
  }
}
