package dev.parley.app.emoji;

import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The emoji the user picked last, newest first, shared by every picker of the app and remembered in
 * the app's preferences once {@link #rememberIn} is called (until then: for this run only).
 */
public final class RecentEmoji {
  /** How many the picker shows. */
  static final int MAX = 24;

  private static final String KEY = "recent-emoji";
  private static final ObservableList<Emoji> RECENT = FXCollections.observableArrayList();
  private static Preferences store;

  private RecentEmoji() {}

  /** Reads and from now on writes the list in {@code prefs}. */
  public static void rememberIn(Preferences prefs) {
    store = prefs;
    List<Emoji> read = new ArrayList<>();
    for (String text : prefs.get(KEY, "").split(" ")) {
      Emoji e = EmojiSet.get().byText(text);
      if (e != null && !read.contains(e)) {
        read.add(e);
      }
    }
    RECENT.setAll(read.subList(0, Math.min(MAX, read.size())));
  }

  /** The list, newest first. */
  static ObservableList<Emoji> list() {
    return RECENT;
  }

  /** Puts {@code e} first. */
  static void used(Emoji e) {
    RECENT.remove(e);
    RECENT.add(0, e);
    if (RECENT.size() > MAX) {
      RECENT.remove(MAX, RECENT.size());
    }
    if (store != null) {
      store.put(KEY, String.join(" ", RECENT.stream().map(Emoji::text).toList()));
    }
  }
}
