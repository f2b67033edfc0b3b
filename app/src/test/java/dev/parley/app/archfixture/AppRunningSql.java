package dev.parley.app.archfixture;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Violates on purpose (ArchitectureRulesTest): a view-side class that runs SQL. */
public final class AppRunningSql {
  /** Opens a database directly, bypassing the client core. */
  public Connection open() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite::memory:");
  }
}
