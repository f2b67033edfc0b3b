package dev.parley.server.archfixture;

import javafx.scene.control.Label;

/** Violates on purpose (ArchitectureRulesTest): a server class that uses JavaFX. */
public final class ServerShowingALabel {
  /** A label, which a headless server must never build. */
  public Label label() {
    return new Label("server");
  }
}
