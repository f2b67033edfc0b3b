package dev.parley.app.emoji;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds emoji in text: the longest match on the set's code point sequences, so a ZWJ family, a
 * skin-toned hand, a flag or a keycap is one emoji. Variation selector 16 (U+FE0F) is optional
 * inside a sequence, as people and keyboards write both forms; only a lone character whose default
 * presentation is text (©, ™, ↔, digits) needs it to become an emoji, except the symbols from
 * U+2600 on (☀, ❤, ✌, 🅰) that people type expecting the picture. Text outside emoji is kept as it
 * is.
 */
public final class EmojiMatcher {
  static final int VS16 = 0xFE0F;

  /** Below this, a text-default lone character needs U+FE0F to be an emoji. */
  private static final int BARE_SYMBOLS_FROM = 0x2600;

  private static final class Node {
    final Map<Integer, Node> next = new HashMap<>(4);
    Emoji emoji;
    boolean needsVs16;
  }

  private final Node root = new Node();

  /** An empty matcher; {@link #add} fills it. */
  EmojiMatcher() {}

  /** Adds {@code spelling} (code points, U+FE0F included or not) as a way to write {@code e}. */
  void add(int[] spelling, Emoji e) {
    Node n = root;
    int count = 0;
    boolean qualified = false;
    for (int cp : spelling) {
      if (cp == VS16) {
        qualified = true;
        continue;
      }
      n = n.next.computeIfAbsent(cp, k -> new Node());
      count++;
    }
    if (n.emoji != null) {
      return; // the first, fully-qualified spelling decides; the bare one is only an alias
    }
    n.emoji = e;
    n.needsVs16 = count == 1 && qualified && spelling[0] < BARE_SYMBOLS_FROM;
  }

  /** A run of {@code text}: {@code emoji} is null for plain text. */
  public record Span(int start, int end, Emoji emoji) {}

  /** {@code text} cut into plain runs and emoji, in order, covering all of it. */
  public List<Span> split(String text) {
    List<Span> spans = new ArrayList<>();
    int plainStart = 0;
    int i = 0;
    while (i < text.length()) {
      Span found = match(text, i);
      if (found == null) {
        i += Character.charCount(text.codePointAt(i));
        continue;
      }
      if (plainStart < i) {
        spans.add(new Span(plainStart, i, null));
      }
      spans.add(found);
      i = found.end();
      plainStart = i;
    }
    if (plainStart < text.length()) {
      spans.add(new Span(plainStart, text.length(), null));
    }
    return spans;
  }

  /** Whether {@code text} holds at least one emoji. */
  public boolean containsEmoji(String text) {
    for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
      if (match(text, i) != null) {
        return true;
      }
    }
    return false;
  }

  /** The longest emoji starting at {@code from}, or null. */
  private Span match(String text, int from) {
    Node n = root;
    int i = from;
    int bestEnd = -1;
    Emoji best = null;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (cp == VS16 && n != root) {
        boolean extendsBest = bestEnd == i;
        i++;
        if (n.emoji != null && n.needsVs16 || extendsBest) {
          // It qualifies a text-default symbol, or trails an emoji and belongs to it.
          bestEnd = i;
          best = n.emoji;
        }
        continue;
      }
      Node child = n.next.get(cp);
      if (child == null) {
        break;
      }
      n = child;
      i += Character.charCount(cp);
      if (n.emoji != null && !n.needsVs16) {
        bestEnd = i;
        best = n.emoji;
      }
    }
    return best == null ? null : new Span(from, bestEnd, best);
  }
}
