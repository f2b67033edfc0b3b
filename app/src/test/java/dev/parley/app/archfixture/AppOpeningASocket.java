package dev.parley.app.archfixture;

import java.io.IOException;
import java.net.Socket;

/** Violates on purpose (ArchitectureRulesTest): a view-side class that opens a socket. */
public final class AppOpeningASocket {
  /** Connects directly, bypassing the client core. */
  public Socket open() throws IOException {
    return new Socket("127.0.0.1", 1);
  }
}
