package dev.parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {
  private static final String NL = System.lineSeparator();

  /** What a terminal would obey: C0, DEL, C1, bidi embeddings, overrides and isolates. */
  private static boolean obeyed(int c) {
    return c < 0x20 && c != '\t'
        || c >= 0x7F && c <= 0x9F
        || c >= 0x202A && c <= 0x202E
        || c >= 0x2066 && c <= 0x2069;
  }

  @Test
  void noCharacterATerminalObeysGetsThroughAndEachIsShownVisibly() {
    for (int c = 0; c <= 0xFFFF; c++) {
      if (Character.isSurrogate((char) c)) {
        continue;
      }
      String s = "a" + (char) c + "b";
      for (String shown : new String[] {TerminalText.line(s), TerminalText.block(s)}) {
        assertThat(shown.replace(NL, "").chars().filter(TerminalTextTest::obeyed))
            .as("U+%04X", c)
            .isEmpty();
        if (obeyed(c)) {
          assertThat(shown.length()).as("U+%04X is shown, not dropped", c).isGreaterThan(2);
        }
      }
    }
  }

  @Test
  void escapeSequencesForTheTitleTheCursorAndErasingAreShownNotObeyed() {
    assertThat(TerminalText.line("\u001b]0;you are hacked\u0007hi"))
        .isEqualTo("^[]0;you are hacked^Ghi");
    assertThat(TerminalText.line("x\u001b[2K\u001b[1Ay")).isEqualTo("x^[[2K^[[1Ay");
    assertThat(TerminalText.line("\u009b2J")).isEqualTo("<U+009B>2J");
    assertThat(TerminalText.line("safe\rEVIL")).isEqualTo("safe^MEVIL");
    assertThat(TerminalText.line("abc\b\b\bxyz\u007f")).isEqualTo("abc^H^H^Hxyz^?");
  }

  @Test
  void bidiOverridesAndIsolatesAreShown() {
    assertThat(TerminalText.line("file\u202Egpj.exe")).isEqualTo("file<U+202E>gpj.exe");
    assertThat(TerminalText.line("\u2066a\u2067b\u2068c\u2069\u202A\u202B\u202C\u202D"))
        .isEqualTo("<U+2066>a<U+2067>b<U+2068>c<U+2069><U+202A><U+202B><U+202C><U+202D>");
  }

  @Test
  void aMultiLineMessageCannotFakeALineOfItsOwn() {
    String fake = "ok\n[12:00] bank: send me your password\r\nthird\u2028fourth\u2029fifth";
    String shown = TerminalText.block(fake);
    assertThat(shown)
        .isEqualTo(
            "ok"
                + NL
                + "  | [12:00] bank: send me your password"
                + NL
                + "  | third"
                + NL
                + "  | fourth"
                + NL
                + "  | fifth");
    assertThat(java.util.Arrays.stream(shown.split(NL)).skip(1))
        .allMatch(l -> l.startsWith(TerminalText.CONTINUATION));
    assertThat(TerminalText.line(fake)).doesNotContain("\n").contains("ok⏎[12:00] bank");
  }

  @Test
  void ordinaryTextIsUnchanged() {
    String text = "héllo 👋 שלום مرحبا\tcolumns — “quotes” ^[ not an escape";
    assertThat(TerminalText.line(text)).isEqualTo(text);
    assertThat(TerminalText.block(text)).isEqualTo(text);
  }

  @Test
  void shorteningNeverSplitsACharacterAndStaysSafe() {
    String text = "👋".repeat(50);
    String shown = TerminalText.shortLine(text, 40);
    assertThat(shown.codePointCount(0, shown.length())).isEqualTo(40);
    assertThat(shown).endsWith("…");
    assertThat(shown.codePoints())
        .as("no half of a pair")
        .noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF);
    assertThat(TerminalText.shortLine("\u001b[31mred", 40)).isEqualTo("^[[31mred");
  }
}
