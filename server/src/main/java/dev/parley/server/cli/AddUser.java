package dev.parley.server.cli;

import dev.parley.protocol.AuthKey;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.PasswordPolicy;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.UsernameRules;
import dev.parley.server.ParleyServer;
import dev.parley.server.accounts.PasswordHasher;
import dev.parley.server.store.Credentials;
import dev.parley.server.store.Database;
import dev.parley.server.store.ServerStore;
import java.io.Console;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code users add NAME}: creates an account as a client would register it, storing a bcrypt hash
 * of the auth key derived from the password (never the password). Exit status 0 when added, 1 when
 * the name is taken, 2 when the name, password or password source is unusable.
 */
@Command(
    name = "add",
    description =
        "Add an account. Asks for its password twice, or reads it from the environment variable"
            + " named by --password-env (for scripts).")
final class AddUser implements Callable<Integer> {
  @ParentCommand ServerMain.Users users;

  @Parameters(paramLabel = "NAME", description = "The username to create.")
  String name;

  @Option(
      names = "--password-env",
      paramLabel = "VAR",
      description = "Read the password from environment variable VAR instead of the console.")
  String passwordEnv;

  @Override
  public Integer call() throws Exception {
    var problem = UsernameRules.problem(name);
    if (problem.isPresent()) {
      System.err.println("parley-server: " + problem.get());
      return 2;
    }
    String canonical = UsernameRules.canonical(name);
    char[] password = readPassword(canonical);
    if (password == null) {
      return 2;
    }
    try {
      List<PasswordPolicy.Rule> broken = PasswordPolicy.violations(canonical, new String(password));
      if (!broken.isEmpty()) {
        System.err.println("parley-server: the password does not meet the policy:");
        broken.forEach(r -> System.err.println("  - " + r.description()));
        return 2;
      }
      String key = AuthKey.derive(canonical, password);
      ServerMain main = users.parent;
      Files.createDirectories(main.dataDir);
      try (PasswordHasher hasher = new PasswordHasher(main.bcryptCost, 1, 1);
          Database db = Database.open(main.dataDir.resolve(ParleyServer.DATABASE_FILE))) {
        String hash = hasher.hash(key, PasswordHasher.Priority.NEW_ACCOUNT).get();
        ServerStore.create(db, main.config())
            .accounts()
            .createUser(canonical, hash, Credentials.Scheme.AUTH_KEY, System.currentTimeMillis())
            .get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof ProtocolException pe && pe.code() == ErrorCode.USERNAME_TAKEN) {
          System.err.println("parley-server: " + canonical + " already exists");
          return 1;
        }
        throw e;
      }
      System.out.println("added " + canonical);
      return 0;
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** The password from the named variable, or typed twice on the console; null after an error. */
  private char[] readPassword(String canonical) {
    if (passwordEnv != null) {
      String v = System.getenv(passwordEnv);
      if (v == null) {
        System.err.println("parley-server: environment variable " + passwordEnv + " is not set");
        return null;
      }
      return v.toCharArray();
    }
    Console console = System.console();
    if (console == null) {
      System.err.println("parley-server: no console to ask for the password; use --password-env");
      return null;
    }
    char[] first = console.readPassword("Password for %s: ", canonical);
    char[] again = console.readPassword("Again: ");
    if (first == null || again == null || !Arrays.equals(first, again)) {
      System.err.println("parley-server: the passwords differ");
      if (first != null) {
        Arrays.fill(first, '\0');
      }
      return null;
    }
    Arrays.fill(again, '\0');
    return first;
  }
}
