package dev.parley.app.chat;

import dev.parley.client.api.DeliveryState;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.kordamp.ikonli.feather.Feather;

/**
 * The words and icons a message bubble shows: day separators and delivery states. Plain functions
 * without JavaFX controls, so they are tested without a toolkit.
 */
final class MessageLabels {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

  private MessageLabels() {}

  /** "Today", "Yesterday", or the full date. */
  static String dayLabel(LocalDate day, LocalDate today) {
    if (day.equals(today)) {
      return "Today";
    }
    if (day.equals(today.minusDays(1))) {
      return "Yesterday";
    }
    return DAY.format(day);
  }

  /** The icon of a message in state {@code s}. */
  static Feather stateIcon(DeliveryState s) {
    return switch (s) {
      case SENDING -> Feather.CLOCK;
      case SENT -> Feather.CHECK;
      case DELIVERED -> Feather.CHECK_CIRCLE;
      case READ -> Feather.EYE;
      case RECEIVED -> Feather.INBOX;
      case FAILED -> Feather.ALERT_CIRCLE;
    };
  }

  /** The words for state {@code s} (tooltip and screen readers). */
  static String stateText(DeliveryState s) {
    return switch (s) {
      case SENDING -> "Sending";
      case SENT -> "Sent";
      case DELIVERED -> "Delivered";
      case READ -> "Read";
      case RECEIVED -> "Received";
      case FAILED -> "Not sent";
    };
  }
}
