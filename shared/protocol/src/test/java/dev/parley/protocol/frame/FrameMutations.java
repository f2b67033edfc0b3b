package dev.parley.protocol.frame;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Variants of a valid frame for tests: each field, at any depth, removed or replaced. */
final class FrameMutations {
  private FrameMutations() {}

  /**
   * Copies of {@code frame} with each field (in nested objects and arrays of objects too, except
   * the top-level ones in {@code kept}) removed, then replaced by each of {@code values}.
   */
  static List<JsonObject> of(JsonObject frame, Set<String> kept, List<JsonElement> values) {
    List<JsonObject> out = new ArrayList<>();
    JsonObject root = frame.deepCopy();
    mutate(root, root, kept, values, out);
    return out;
  }

  private static void mutate(
      JsonObject root,
      JsonObject node,
      Set<String> kept,
      List<JsonElement> values,
      List<JsonObject> out) {
    for (String key : List.copyOf(node.keySet())) {
      if (node == root && kept.contains(key)) {
        continue;
      }
      JsonElement original = node.get(key);
      node.remove(key);
      out.add(root.deepCopy());
      for (JsonElement value : values) {
        node.add(key, value);
        out.add(root.deepCopy());
      }
      node.add(key, original);
      if (original.isJsonObject()) {
        mutate(root, original.getAsJsonObject(), Set.of(), values, out);
      } else if (original.isJsonArray()) {
        for (JsonElement e : original.getAsJsonArray()) {
          if (e.isJsonObject()) {
            mutate(root, e.getAsJsonObject(), Set.of(), values, out);
          }
        }
      }
    }
  }
}
