package dev.parley.app.emoji;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bundled emoji (Noto Color Emoji via emoji-datasource-google, see dev/parley/emoji/NOTICE.md):
 * the matcher over every spelling and the picker's categories. Read once from the class path.
 */
public final class EmojiSet {
  static final String INDEX = "/dev/parley/emoji/emoji-index.tsv";

  private static final class Holder {
    static final EmojiSet INSTANCE = load();
  }

  private final EmojiMatcher matcher;
  private final Map<String, List<Emoji>> categories;
  private final Map<String, Emoji> byText;

  private EmojiSet(
      EmojiMatcher matcher, Map<String, List<Emoji>> categories, Map<String, Emoji> byText) {
    this.matcher = matcher;
    this.categories = categories;
    this.byText = byText;
  }

  /** The bundled set. */
  public static EmojiSet get() {
    return Holder.INSTANCE;
  }

  /** Finds emoji in text. */
  public EmojiMatcher matcher() {
    return matcher;
  }

  /** The picker's categories in order, each with its emoji in the Unicode order. */
  public Map<String, List<Emoji>> categories() {
    return categories;
  }

  /** The emoji written exactly as {@code text} (its fully-qualified sequence), or null. */
  public Emoji byText(String text) {
    return byText.get(text);
  }

  /** Picker emoji whose name or short name has a word starting with {@code query}. */
  public List<Emoji> search(String query) {
    String q = query.strip().toLowerCase(Locale.ROOT).replace(' ', '_');
    List<Emoji> found = new ArrayList<>();
    if (q.isEmpty()) {
      return found;
    }
    String spaced = q.replace('_', ' ');
    for (List<Emoji> list : categories.values()) {
      for (Emoji e : list) {
        if (e.matches(q) || e.matches(spaced)) {
          found.add(e);
        }
      }
    }
    return found;
  }

  private static EmojiSet load() {
    EmojiMatcher matcher = new EmojiMatcher();
    Map<String, List<Emoji>> categories = new LinkedHashMap<>();
    Map<String, Emoji> byText = new LinkedHashMap<>();
    try (InputStream in = EmojiSet.class.getResourceAsStream(INDEX)) {
      if (in == null) {
        throw new IllegalStateException("missing " + INDEX);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split("\t", -1);
        String[] spellings = f[0].split(" ");
        int[] qualified = codePoints(spellings[0]);
        Emoji e =
            new Emoji(
                new String(qualified, 0, qualified.length),
                Integer.parseInt(f[1]),
                Integer.parseInt(f[2]),
                f[3],
                f[4].isEmpty() ? List.of() : List.of(f[4].split(",")),
                f[5]);
        for (String s : spellings) {
          matcher.add(codePoints(s), e);
        }
        byText.put(e.text(), e);
        if (!e.category().isEmpty()) {
          categories.computeIfAbsent(e.category(), k -> new ArrayList<>()).add(e);
        }
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    categories.replaceAll((k, v) -> List.copyOf(v));
    return new EmojiSet(matcher, java.util.Collections.unmodifiableMap(categories), byText);
  }

  private static int[] codePoints(String hex) {
    return Arrays.stream(hex.split("-")).mapToInt(h -> Integer.parseInt(h, 16)).toArray();
  }
}
