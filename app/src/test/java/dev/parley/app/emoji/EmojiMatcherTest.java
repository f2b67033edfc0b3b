package dev.parley.app.emoji;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmojiMatcherTest {
  private final EmojiMatcher matcher = EmojiSet.get().matcher();

  /** The text of each span, emoji marked with brackets. */
  private List<String> cut(String text) {
    return matcher.split(text).stream()
        .map(
            s ->
                s.emoji() == null
                    ? text.substring(s.start(), s.end())
                    : "[" + text.substring(s.start(), s.end()) + "]")
        .toList();
  }

  @Test
  void plainTextIsOneUnchangedSpan() {
    assertThat(cut("hello, world 123 © ™ ↔")).containsExactly("hello, world 123 © ™ ↔");
    assertThat(matcher.split("")).isEmpty();
  }

  @Test
  void anEmojiBetweenWordsIsItsOwnSpan() {
    assertThat(cut("hi 😀 there")).containsExactly("hi ", "[😀]", " there");
    assertThat(matcher.split("😀").get(0).emoji().shortNames()).contains("grinning");
  }

  @Test
  void zwjSequencesSkinTonesFlagsAndKeycapsAreOneEmojiEach() {
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66";
    String thumbMedium = "\uD83D\uDC4D\uD83C\uDFFD";
    String flagGb = "\uD83C\uDDEC\uD83C\uDDE7";
    String flagFr = "\uD83C\uDDEB\uD83C\uDDF7";
    String keycapOne = "1\uFE0F\u20E3";
    assertThat(cut(family + thumbMedium + flagGb + flagFr + keycapOne))
        .containsExactly(
            "[" + family + "]",
            "[" + thumbMedium + "]",
            "[" + flagGb + "]",
            "[" + flagFr + "]",
            "[" + keycapOne + "]");
    // The skin tone has its own image, not the default hand's.
    Emoji thumb = EmojiSet.get().byText("\uD83D\uDC4D");
    Emoji toned = matcher.split(thumbMedium).get(0).emoji();
    assertThat(toned.sheetY() * 100 + toned.sheetX())
        .isNotEqualTo(thumb.sheetY() * 100 + thumb.sheetX());
  }

  @Test
  void variationSelector16IsOptionalInSequencesAndBelongsToTheEmoji() {
    String heartFire = "\u2764\uFE0F\u200D\uD83D\uDD25";
    String heartFireBare = "\u2764\u200D\uD83D\uDD25";
    assertThat(cut(heartFire)).containsExactly("[" + heartFire + "]");
    assertThat(cut(heartFireBare)).containsExactly("[" + heartFireBare + "]");
    assertThat(matcher.split(heartFireBare).get(0).emoji())
        .isSameAs(matcher.split(heartFire).get(0).emoji());
    assertThat(cut("1\u20E3")).containsExactly("[1\u20E3]");
    // A redundant U+FE0F after an emoji is part of it, not left as stray text.
    assertThat(cut("\uD83D\uDE00\uFE0F!")).containsExactly("[\uD83D\uDE00\uFE0F]", "!");
  }

  @Test
  void textDefaultSymbolsNeedVs16ButHeartsDoNot() {
    assertThat(cut("\u00A9\uFE0F 2026")).containsExactly("[\u00A9\uFE0F]", " 2026");
    assertThat(cut("\u00A9 2026")).containsExactly("\u00A9 2026");
    assertThat(cut("I \u2764 you")).containsExactly("I ", "[\u2764]", " you");
    assertThat(cut("a stray \uFE0F")).containsExactly("a stray \uFE0F");
  }

  @Test
  void anUnknownZwjTailStaysText() {
    String man = "\uD83D\uDC68";
    assertThat(cut(man + "\u200Dx")).containsExactly("[" + man + "]", "\u200Dx");
  }

  @Test
  void searchFindsByNameAndShortName() {
    assertThat(EmojiSet.get().search("thumbs")).extracting(Emoji::text).contains("\uD83D\uDC4D");
    assertThat(EmojiSet.get().search("grinning")).extracting(Emoji::text).contains("\uD83D\uDE00");
    assertThat(EmojiSet.get().search("zzzzqq")).isEmpty();
    assertThat(EmojiSet.get().categories()).containsKey("Smileys & Emotion").doesNotContainKey("");
  }
}
