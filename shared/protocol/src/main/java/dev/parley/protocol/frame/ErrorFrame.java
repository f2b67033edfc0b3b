package dev.parley.protocol.frame;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FieldRules;
import dev.parley.protocol.FrameType;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;
import java.util.List;

/**
 * An {@code error}: the answer to a request ({@code re} = its id) or, without {@code re}, about the
 * connection itself. A client reads an unknown code as {@link ErrorCode#INTERNAL}.
 *
 * @param re the request's id, or null
 * @param code the stable code
 * @param message a text for people, 1–1,024 characters
 * @param rules the broken password rules ({@code weak_password}), else empty
 * @param retryAfterMs when a retry may succeed ({@code rate_limited}), else 0
 */
public record ErrorFrame(
    String re, ErrorCode code, String message, List<String> rules, long retryAfterMs)
    implements Answer, Event {
  /** Checks the fields in wire order. */
  public ErrorFrame {
    re = Checks.optId("re", re);
    rules = rules == null ? List.of() : List.copyOf(rules);
    var givenRules = rules;
    Checks.check(
        () -> {
          FieldRules.required("code", code);
          FieldRules.text("message", message, Limits.MAX_ERROR_MESSAGE_CHARS);
          FieldRules.maxElements("rules", givenRules.size(), Limits.MAX_ERROR_RULES);
          FieldRules.range("retryAfterMs", retryAfterMs, 0, Long.MAX_VALUE);
        });
  }

  /** The error that answers request {@code re} (or the connection, when null) with {@code e}. */
  public static ErrorFrame of(String re, ProtocolException e) {
    return new ErrorFrame(re, e.code(), e.getMessage(), e.rules(), e.retryAfterMs());
  }

  /** This error as the exception it stands for. */
  public ProtocolException toException() {
    return new ProtocolException(code, message, rules, retryAfterMs);
  }

  @Override
  public String type() {
    return FrameType.ERROR;
  }
}
