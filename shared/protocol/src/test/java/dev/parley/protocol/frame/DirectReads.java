package dev.parley.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.parley.protocol.Json;
import dev.parley.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.function.Function;

/**
 * What the tests of the direct readers ({@link SendLine}, {@link ConfirmationLine}, {@link
 * MessageLine}) share.
 */
final class DirectReads {
  private DirectReads() {}

  /**
   * {@code reader}'s answer for {@code line} in a direct buffer where it does not start at index 0,
   * checking that the reader consumed nothing.
   */
  static <T> T atAnOffset(String line, Function<ByteBuf, T> reader) {
    ByteBuf b = Unpooled.directBuffer();
    b.writeBytes("junk".getBytes(StandardCharsets.US_ASCII));
    b.writeBytes(line.getBytes(StandardCharsets.UTF_8));
    b.readerIndex(4);
    try {
      T t = reader.apply(b);
      assertThat(b.readerIndex()).isEqualTo(4);
      return t;
    } finally {
      b.release();
    }
  }

  /** The line as the general reader's strict parser reads it. */
  static JsonObject parsed(String line) throws ProtocolException {
    return Json.parseUtf8(Unpooled.copiedBuffer(line, StandardCharsets.UTF_8));
  }

  /** The base64 of {@code size} random bytes. */
  static String b64(Random random, int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }
}
