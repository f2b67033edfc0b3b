package dev.parley.protocol.frame;

import dev.parley.protocol.FieldRules;
import dev.parley.protocol.Limits;
import dev.parley.protocol.ProtocolException;

/** What every frame constructor shares: running a rule, and the {@code id}/{@code re} rule. */
final class Checks {
  private Checks() {}

  /** A rule that may fail with today's error. */
  @FunctionalInterface
  interface Rule<T> {
    T apply() throws ProtocolException;
  }

  /** The rule's value; its failure as an {@link InvalidFrameException}. */
  static <T> T valid(Rule<T> rule) {
    try {
      return rule.apply();
    } catch (ProtocolException e) {
      throw new InvalidFrameException(e);
    }
  }

  /** Rules that return nothing, run in order. */
  @FunctionalInterface
  interface Rules {
    void apply() throws ProtocolException;
  }

  /** Runs {@code rules}; the first failure as an {@link InvalidFrameException}. */
  static void check(Rules rules) {
    try {
      rules.apply();
    } catch (ProtocolException e) {
      throw new InvalidFrameException(e);
    }
  }

  /**
   * The credential fields register and login share, in wire order: each well-formed, then {@code
   * pairing} (which of password and auth key the request needs), then the auth key's and the
   * password's sizes.
   */
  static void credentials(String username, String password, String authKey, Rules pairing) {
    check(
        () -> {
          FieldRules.required("username", FieldRules.wellFormed("username", username));
          FieldRules.wellFormed("password", password);
          FieldRules.wellFormed("authKey", authKey);
          pairing.apply();
          FieldRules.authKey("authKey", authKey);
          FieldRules.passwordSize("password", password);
        });
  }

  /** A user named in a request, canonicalised ({@link FieldRules#requestedUser}). */
  static String requestedUser(String name, String value) {
    return valid(() -> FieldRules.requestedUser(name, value));
  }

  /** An account name in register or login, canonicalised ({@link FieldRules#accountName}). */
  static String accountName(String value) {
    return valid(() -> FieldRules.accountName(value));
  }

  /** A request's id: 1–64 characters. */
  static String id(String id) {
    return valid(() -> FieldRules.text("id", id, Limits.MAX_ID_CHARS));
  }

  /** An optional id or {@code re}: null, or 1–64 characters. */
  static String optId(String name, String id) {
    return valid(() -> FieldRules.length(name, id, Limits.MAX_ID_CHARS));
  }
}
