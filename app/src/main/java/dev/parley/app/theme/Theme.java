package dev.parley.app.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;

/** The two looks of the app, both from AtlantaFX. */
public enum Theme {
  LIGHT(new PrimerLight().getUserAgentStylesheet()),
  DARK(new PrimerDark().getUserAgentStylesheet());

  private final String userAgentStylesheet;

  Theme(String userAgentStylesheet) {
    this.userAgentStylesheet = userAgentStylesheet;
  }

  /** The AtlantaFX stylesheet that implements this theme. */
  public String userAgentStylesheet() {
    return userAgentStylesheet;
  }

  /** The other theme. */
  public Theme toggled() {
    return this == LIGHT ? DARK : LIGHT;
  }
}
