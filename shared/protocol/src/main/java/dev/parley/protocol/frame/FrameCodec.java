package dev.parley.protocol.frame;

import com.google.gson.JsonObject;
import dev.parley.protocol.Fields;
import dev.parley.protocol.Json;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.ProtocolInfo;
import java.nio.ByteBuffer;

/**
 * The one mapping between typed frames and their JSON lines, used by both sides. Encoding writes
 * exactly the bytes Parley has always sent (see {@link FrameWriter}). Decoding is strict both ways:
 * every malformed frame, from a client or a server, is a {@link ProtocolException} with the code
 * and message of docs/PROTOCOL.md, never a runtime exception.
 *
 * <p>The server decodes in two steps so that state checks keep their place in "which error wins"
 * (docs/PROTOCOL.md §2 and §5): {@link #readEnvelope} (JSON, then {@code id}, then {@code type}),
 * its own checks, then {@link #decodeRequest}. A client decodes each server line with {@link
 * #decodeEvent} when it has no {@code re}, else with {@link #decodeAnswer} for the request sent.
 */
public final class FrameCodec {
  private FrameCodec() {}

  /** The frame as its one-line JSON text, without the newline. */
  public static String encode(Frame frame) {
    return Json.write(toJson(frame));
  }

  /** Appends exactly what {@link #encode} returns to {@code out}. */
  public static void encode(Frame frame, StringBuilder out) {
    Json.write(toJson(frame), out);
  }

  /** The frame as a JSON object, keys in wire order. */
  public static JsonObject toJson(Frame frame) {
    return FrameWriter.write(frame);
  }

  /**
   * A request's fields without {@code type} and {@code id}, for a connection that adds those itself
   * when it sends.
   */
  public static JsonObject fields(Request request) {
    JsonObject o = new JsonObject();
    FrameWriter.requestFields(request, o);
    return o;
  }

  /**
   * Parses a client line (strict UTF-8 and JSON, docs/PROTOCOL.md §2) and reads its {@code id} then
   * its {@code type}; the body is left for {@link #decodeRequest}. A present but invalid {@code id}
   * fails first, so its error carries no {@code re}.
   */
  public static ReceivedFrame readEnvelope(ByteBuffer utf8) throws ProtocolException {
    return readEnvelope(Json.parseUtf8(utf8));
  }

  /** Reads the {@code id} then the {@code type} of a parsed client frame. */
  public static ReceivedFrame readEnvelope(JsonObject frame) throws ProtocolException {
    String id = Fields.optString(frame, "id", Limits.MAX_ID_CHARS);
    String type = Fields.string(frame, "type", Limits.MAX_TYPE_CHARS);
    return new ReceivedFrame(type, id, frame);
  }

  /**
   * The typed request of a frame whose envelope was read: its fields in the order each record
   * documents, the first broken rule failing ({@code bad_request}, {@code too_large}, {@code
   * unknown_user}, {@code invalid_username} or {@code weak_password}, with today's messages). An
   * unknown type is {@code bad_request} "Unknown frame type".
   */
  public static Request decodeRequest(ReceivedFrame frame) throws ProtocolException {
    return decodeRequest(frame, ProtocolInfo.VERSION);
  }

  /** {@link #decodeRequest(ReceivedFrame)} as protocol {@code version} reads it. */
  public static Request decodeRequest(ReceivedFrame frame, int version) throws ProtocolException {
    if (frame.decoded() != null) {
      return frame.decoded();
    }
    return strictly(() -> RequestReader.read(frame, version));
  }

  /** Parses and decodes a whole client line (envelope and body at once). */
  public static Request decodeRequest(String line) throws ProtocolException {
    return decodeRequest(readEnvelope(Json.parseObject(line)));
  }

  /** The event a server frame without {@code re} stands for. */
  public static Event decodeEvent(JsonObject frame) throws ProtocolException {
    return strictly(() -> EventReader.read(frame));
  }

  /** Parses and decodes a server line without {@code re}. */
  public static Event decodeEvent(String line) throws ProtocolException {
    return decodeEvent(Json.parseObject(line));
  }

  /**
   * The answer a server frame gives to a request of {@code requestType}: its typed {@code ok}, an
   * {@link ErrorFrame}, or for a {@code ping} a {@link Pong}.
   */
  public static Answer decodeAnswer(JsonObject frame, String requestType) throws ProtocolException {
    return strictly(() -> AnswerReader.read(frame, requestType));
  }

  /** Parses and decodes a server line answering a request of {@code requestType}. */
  public static Answer decodeAnswer(String line, String requestType) throws ProtocolException {
    return decodeAnswer(Json.parseObject(line), requestType);
  }

  /** A reader's frame; a record's broken rule (raised unchecked by its constructor) as itself. */
  private static <T extends Frame> T strictly(Checks.Rule<T> reader) throws ProtocolException {
    try {
      return reader.apply();
    } catch (InvalidFrameException e) {
      throw e.problem();
    }
  }
}
