package dev.parley.client.cli;

import dev.parley.client.ChatMessage;
import dev.parley.client.ClientConfig;
import dev.parley.client.ClientListener;
import dev.parley.client.ConnectionState;
import dev.parley.client.Contact;
import dev.parley.client.ParleyClient;
import dev.parley.client.ServerAddress;
import dev.parley.client.ServerTrustException;
import dev.parley.platform.BuildInfo;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley-cli}: chat from a terminal through the same client core as the desktop app.
 * Interactive by default (type {@code /help}); {@code --send} and {@code --list} for scripts.
 */
@Command(
    name = "parley-cli",
    mixinStandardHelpOptions = true,
    versionProvider = ParleyCli.Version.class,
    description = {
      "Chat on a Parley server from a terminal.",
      "The password is read from the console (hidden), or from the PARLEY_PASSWORD environment"
          + " variable for scripts; never from the command line."
    },
    sortOptions = false)
public final class ParleyCli implements Callable<Integer> {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

  @Option(names = "--server", required = true, paramLabel = "HOST[:PORT]", description = "Server.")
  String server;

  @Option(names = "--user", required = true, paramLabel = "NAME", description = "Your username.")
  String user;

  @Option(names = "--register", description = "Create the account first.")
  boolean register;

  @Option(
      names = "--accept-fingerprint",
      paramLabel = "FP",
      description = "Trust this server certificate fingerprint (for scripts; check it first!).")
  String acceptFingerprint;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Client data folder.")
  Path dataDir;

  @Option(names = "--list", description = "Print contacts and conversations, then exit.")
  boolean list;

  @Option(
      names = "--send",
      arity = "2",
      paramLabel = "CONTACT TEXT",
      description = "Send one message and exit once the server stored it.")
  List<String> send;

  private final PrintStream out = System.out;

  /** Runs the CLI. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new ParleyCli()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    ClientConfig config = dataDir == null ? ClientConfig.defaults() : ClientConfig.in(dataDir);
    try (ParleyClient client = new ParleyClient(config)) {
      ServerAddress address = ServerAddress.parse(server);
      if (acceptFingerprint != null) {
        client.trustServer(address, acceptFingerprint);
      }
      try {
        await(client.connect(address));
      } catch (ServerTrustException e) {
        if (!confirmFingerprint(e)) {
          return 3;
        }
        client.trustServer(address, e.presented());
        await(client.connect(address));
      }
      char[] password = readPassword();
      await(register ? client.register(user, password) : client.login(user, password));
      if (list) {
        printContacts(client);
        return 0;
      }
      if (send != null) {
        String to = send.get(0);
        ChatMessage m = await(client.send(to, send.get(1)));
        CompletableFuture<Void> stored = new CompletableFuture<>();
        client.addListener(
            new ClientListener() {
              @Override
              public void messageUpdated(ChatMessage u) {
                if (u.msgId().equals(m.msgId())) {
                  stored.complete(null);
                }
              }

              @Override
              public void problem(String message) {
                stored.completeExceptionally(new IllegalStateException(message));
              }
            });
        stored.get(60, TimeUnit.SECONDS);
        out.println("sent to " + to);
        return 0;
      }
      return interactive(client);
    } catch (CompletionException | ExecutionException e) {
      System.err.println("parley-cli: " + e.getCause().getMessage());
      return 1;
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("parley-cli: " + e.getMessage());
      return 2;
    }
  }

  private boolean confirmFingerprint(ServerTrustException e) throws IOException {
    System.err.println(
        e.changed()
            ? "WARNING: the server's certificate CHANGED.\n  trusted:   "
                + e.pinned()
                + "\n  presented: "
                + e.presented()
                + "\nThis may be an attack. Accept only if the admin told you it changed."
            : "First connection to "
                + e.address()
                + ". Its certificate fingerprint is:\n  "
                + e.presented()
                + "\nCompare it with the one the server printed at start.");
    Console console = System.console();
    if (console == null) {
      System.err.println("No terminal to ask: pass --accept-fingerprint after checking it.");
      return false;
    }
    String answer = console.readLine("Trust it? [y/N] ");
    return answer != null && answer.strip().equalsIgnoreCase("y");
  }

  private char[] readPassword() {
    String env = System.getenv("PARLEY_PASSWORD");
    if (env != null) {
      return env.toCharArray();
    }
    Console console = System.console();
    if (console == null) {
      throw new IllegalStateException("no terminal: set PARLEY_PASSWORD");
    }
    return console.readPassword("Password for %s: ", user);
  }

  private int interactive(ParleyClient client) throws IOException {
    client.addListener(
        new ClientListener() {
          @Override
          public void messageAdded(ChatMessage m) {
            if (!m.outgoing()) {
              out.printf(
                  "[%s] %s: %s%n",
                  TIME.format(Instant.ofEpochMilli(m.sentAt())), m.peer(), m.text());
            }
          }

          @Override
          public void messageUpdated(ChatMessage m) {
            out.printf(
                "  (%s → %s: %s)%n", shorten(m.text()), m.peer(), m.state().name().toLowerCase());
          }

          @Override
          public void presenceChanged(String contact, boolean online) {
            out.println("* " + contact + (online ? " is online" : " went offline"));
          }

          @Override
          public void identityChanged(String contact) {
            out.println("! the safety number with " + contact + " changed");
          }

          @Override
          public void connectionChanged(ConnectionState state) {
            out.println("* " + state.name().toLowerCase());
          }

          @Override
          public void problem(String message) {
            out.println("! " + message);
          }
        });
    out.println("Logged in as " + client.user() + ". Type /help for commands.");
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      line = line.strip();
      try {
        if (line.isEmpty()) {
          continue;
        } else if (line.equals("/quit")) {
          break;
        } else if (line.equals("/help")) {
          out.println(
              "/contacts  /add NAME  /remove NAME  /read NAME  /safety NAME  /quit\n"
                  + "@NAME text   send text to NAME");
        } else if (line.equals("/contacts")) {
          printContacts(client);
        } else if (line.startsWith("/add ")) {
          Contact c = await(client.addContact(line.substring(5).strip()));
          out.println("added " + c.name() + (c.online() ? " (online)" : ""));
        } else if (line.startsWith("/remove ")) {
          await(client.removeContact(line.substring(8).strip()));
        } else if (line.startsWith("/read ")) {
          await(client.markRead(line.substring(6).strip()));
        } else if (line.startsWith("/safety ")) {
          out.println(await(client.safetyNumber(line.substring(8).strip())));
        } else if (line.startsWith("@") && line.indexOf(' ') > 1) {
          int space = line.indexOf(' ');
          await(client.send(line.substring(1, space), line.substring(space + 1).strip()));
        } else {
          out.println("? type /help");
        }
      } catch (CompletionException | IllegalArgumentException | IllegalStateException e) {
        out.println("! " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
      }
    }
    return 0;
  }

  private void printContacts(ParleyClient client) {
    for (Contact c : await(client.contacts())) {
      out.printf("%s %s%s%n", c.online() ? "●" : "○", c.name(), c.verified() ? " ✔ verified" : "");
    }
    await(client.conversations())
        .forEach(
            c ->
                out.printf(
                    "  %s: %d unread%s%n",
                    c.peer(),
                    c.unread(),
                    c.lastMessage() == null ? "" : " — " + shorten(c.lastMessage().text())));
  }

  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 39) + "…";
  }

  private static <T> T await(CompletableFuture<T> f) {
    try {
      return f.get(90, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new CompletionException(e.getCause());
    } catch (Exception e) {
      throw new CompletionException(e);
    }
  }

  /** Version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {BuildInfo.NAME + " cli " + BuildInfo.version()};
    }
  }
}
