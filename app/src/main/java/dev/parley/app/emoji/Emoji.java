package dev.parley.app.emoji;

import java.util.List;

/**
 * One emoji of the bundled set.
 *
 * @param text its fully-qualified code point sequence, as it is sent
 * @param sheetX column of its image in the sprite sheet
 * @param sheetY row of its image in the sprite sheet
 * @param category the picker category, or empty for entries the picker does not list (skin-tone
 *     variants and components)
 * @param shortNames names to search by, e.g. "thumbsup"
 * @param name the Unicode name in lower case, e.g. "thumbs up sign"
 */
public record Emoji(
    String text, int sheetX, int sheetY, String category, List<String> shortNames, String name) {
  /** Whether {@code query} (lower case) names this emoji: a prefix of a word of a name. */
  public boolean matches(String query) {
    for (String s : shortNames) {
      if (s.startsWith(query) || s.contains("_" + query)) {
        return true;
      }
    }
    return name.startsWith(query) || name.contains(" " + query);
  }
}
