package dev.parley.app.archfixture;

import dev.parley.crypto.SafetyNumber;

/** Allowed (ArchitectureRulesTest): the app shows a safety number, a crypto value type. */
public final class AppShowingASafetyNumber {
  /** The digits to show. */
  public String show(SafetyNumber number) {
    return number.toString();
  }
}
