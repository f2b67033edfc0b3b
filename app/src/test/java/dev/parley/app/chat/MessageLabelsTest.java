package dev.parley.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** What a bubble says of its day and delivery state; needs no JavaFX toolkit, so it runs alone. */
class MessageLabelsTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

  @Test
  void daySeparatorsSayTodayYesterdayOrTheFullDate() {
    assertThat(MessageLabels.dayLabel(TODAY, TODAY)).isEqualTo("Today");
    assertThat(MessageLabels.dayLabel(TODAY.minusDays(1), TODAY)).isEqualTo("Yesterday");
    assertThat(MessageLabels.dayLabel(TODAY.minusDays(2), TODAY))
        .isEqualTo("Monday 23 November 2026");
    assertThat(MessageLabels.dayLabel(LocalDate.of(2025, 12, 31), TODAY))
        .isEqualTo("Wednesday 31 December 2025");
  }

  @Test
  void everyDeliveryStateHasItsOwnIconAndWords() {
    assertThat(
            java.util.Arrays.stream(dev.parley.client.api.DeliveryState.values())
                .map(MessageLabels::stateIcon)
                .distinct())
        .hasSize(dev.parley.client.api.DeliveryState.values().length);
    assertThat(MessageLabels.stateText(dev.parley.client.api.DeliveryState.DELIVERED))
        .isEqualTo("Delivered");
    // A message that can never be sent says so, with an alert (styled red).
    assertThat(MessageLabels.stateText(dev.parley.client.api.DeliveryState.FAILED))
        .isEqualTo("Not sent");
    assertThat(MessageLabels.stateIcon(dev.parley.client.api.DeliveryState.FAILED))
        .isEqualTo(org.kordamp.ikonli.feather.Feather.ALERT_CIRCLE);
  }
}
