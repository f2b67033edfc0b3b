package dev.parley.client.cli;

import dev.parley.client.ParleyClient;
import dev.parley.client.api.ChatMessage;
import dev.parley.client.api.ClientConfig;
import dev.parley.client.api.ClientListener;
import dev.parley.client.api.DeliveryState;
import dev.parley.client.api.ServerAddress;
import dev.parley.client.api.ServerTrustException;
import dev.parley.crypto.SafetyNumber;
import dev.parley.platform.BuildInfo;
import dev.parley.platform.DataDirs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley-cli}: chat from a terminal through the same client core as the desktop app.
 * Interactive by default (type {@code /help}); {@code --send}, {@code --list} and {@code --verify}
 * for scripts. Everything it prints from outside is made safe for the terminal ({@link
 * TerminalText}); log records go to a file in the data folder ({@link CliLogging}).
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
    footer = {
      "",
      "Exit codes: 0 done; 1 failed (not reachable, refused, message not sent); 2 bad usage;"
          + " 3 the server's certificate is not trusted yet (first contact, nobody confirmed it);"
          + " 4 the certificate is not the pinned or expected one; 5 sending is held because"
          + " the contact's safety number changed.",
      "Log records go to parley-cli.0.log in the data folder, never to the terminal."
    },
    sortOptions = false)
public final class ParleyCli implements Callable<Integer> {
  private static final Logger LOG = Logger.getLogger(ParleyCli.class.getName());

  /** Exit code: done. */
  public static final int OK = 0;

  /** Exit code: something failed (server unreachable, request refused, message not sent). */
  public static final int FAILED = 1;

  /** Exit code: bad arguments or input (picocli uses it for its own usage errors too). */
  public static final int USAGE = 2;

  /** Exit code: first contact with a server whose fingerprint nobody confirmed. */
  public static final int UNTRUSTED = 3;

  /** Exit code: the certificate is not the pinned one, or not the one the flags name. */
  public static final int CERTIFICATE_MISMATCH = 4;

  /** Exit code: the contact's safety number changed, so the message waits to be sent. */
  public static final int HELD = 5;

  /** How long {@code --send} waits for the server to confirm it stored the message. */
  static final Duration SEND_CONFIRMATION = Duration.ofSeconds(30);

  /** How long one request of the CLI may take. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);

  @Option(names = "--server", required = true, paramLabel = "HOST[:PORT]", description = "Server.")
  String server;

  @Option(names = "--user", required = true, paramLabel = "NAME", description = "Your username.")
  String user;

  @Option(names = "--register", description = "Create the account first.")
  boolean register;

  @Option(
      names = "--accept-fingerprint",
      paramLabel = "FP",
      description =
          "On first contact, trust the server if it presents this certificate fingerprint (for"
              + " scripts; compare it first!). Refused when another one is pinned.")
  String acceptFingerprint;

  @Option(
      names = "--replace-fingerprint",
      paramLabel = "OLD",
      description =
          "Replace the pinned fingerprint OLD with the one --accept-fingerprint names, only if the"
              + " server's admin told you its certificate changed.")
  String replaceFingerprint;

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

  @Option(
      names = "--verify",
      paramLabel = "CONTACT=DIGITS",
      description =
          "Mark CONTACT verified, for scripts that compared the safety number out of band: DIGITS"
              + " are the 60 digits compared (spaces allowed). With CONTACT alone, print the"
              + " safety number and exit 2 without verifying.")
  String verify;

  private final CliIo io;
  private final Function<Path, ClientConfig> configs;
  private final boolean logToFile;
  private final Screen screen;

  /**
   * A CLI talking through {@code io}, with the client configuration {@code configs} makes for a
   * data folder; it logs to a file there when {@code logToFile} (the process's own CLI does).
   */
  public ParleyCli(CliIo io, Function<Path, ClientConfig> configs, boolean logToFile) {
    this.io = io;
    this.configs = configs;
    this.logToFile = logToFile;
    this.screen = new Screen(io.out(), io.err());
  }

  /** Runs the CLI on the process's terminal and exits with its exit code. */
  public static void main(String[] args) {
    // Before anything can log: no log record ever reaches the terminal.
    CliLogging.silenceTerminal();
    System.exit(run(CliIo.system(), ClientConfig::in, true, args));
  }

  /** Runs the CLI with {@code args}; returns its exit code. */
  public static int run(
      CliIo io, Function<Path, ClientConfig> configs, boolean logToFile, String... args) {
    CommandLine cmd = new CommandLine(new ParleyCli(io, configs, logToFile));
    cmd.setOut(new PrintWriter(io.out(), true));
    cmd.setErr(new PrintWriter(io.err(), true));
    return cmd.execute(args);
  }

  @Override
  public Integer call() {
    Path dir = dataDir != null ? dataDir : DataDirs.userData().resolve("client");
    if (logToFile) {
      CliLogging.toFile(dir);
    }
    try {
      checkModes();
      try (ParleyClient client = new ParleyClient(configs.apply(dir))) {
        return run(client);
      }
    } catch (CliFailure f) {
      f.lines().forEach(screen::error);
      return f.exitCode();
    } catch (CompletionException e) {
      screen.error(reason(e));
      return FAILED;
    } catch (IllegalArgumentException | IllegalStateException e) {
      screen.error(String.valueOf(e.getMessage()));
      return USAGE;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "parley-cli failed", e);
      screen.error(reason(e));
      return FAILED;
    }
  }

  private void checkModes() throws CliFailure {
    int modes = (list ? 1 : 0) + (send != null ? 1 : 0) + (verify != null ? 1 : 0);
    if (modes > 1) {
      throw new CliFailure(USAGE, "Use only one of --list, --send and --verify.");
    }
  }

  private int run(ParleyClient client) throws CliFailure {
    ServerAddress address = ServerAddress.parse(server);
    connect(client, address);
    char[] password = readPassword();
    ChatSession chat = null;
    if (list || send != null || verify != null) {
      client.addListener(new ScriptListener());
    } else {
      // Listening from before the login: messages that waited on the server show as they come.
      chat = new ChatSession(client, screen, io.in());
      client.addListener(chat);
    }
    try {
      await(register ? client.register(user, password) : client.login(user, password));
    } finally {
      Arrays.fill(password, '\0');
    }
    if (list || send != null || verify != null) {
      // The login completes before the session is online; what these print or check (presence,
      // the server's contact list, safety numbers, the send's confirmation) comes with it.
      await(client.whenOnline());
    }
    if (list) {
      ChatSession.printContacts(client, screen);
      return OK;
    }
    if (send != null) {
      return sendOne(client, send.get(0), send.get(1));
    }
    if (verify != null) {
      return verifyOne(client, verify);
    }
    return chat.run();
  }

  /**
   * {@code --verify NAME=DIGITS}: verifies only when DIGITS are the safety number now, so a key
   * that arrived after the comparison is never the one verified.
   */
  private int verifyOne(ParleyClient client, String spec) {
    int eq = spec.indexOf('=');
    String name = eq < 0 ? spec : spec.substring(0, eq);
    SafetyNumber number = await(client.safetyNumber(name));
    screen.say("Safety number with " + name + ": " + number);
    if (eq < 0) {
      screen.error(
          "Not verified: compare it with "
              + name
              + ", then run --verify "
              + name
              + "=DIGITS with the 60 digits you compared.");
      return USAGE;
    }
    String compared = spec.substring(eq + 1).replaceAll("\\s", "");
    if (!compared.equals(number.digits())) {
      screen.error("Not verified: that is not the safety number with " + name + " (shown above).");
      return FAILED;
    }
    await(client.setVerified(name, number, true));
    screen.say(name + " is now verified.");
    return OK;
  }

  /** Connects, applying the pinning rules of {@link ServerPinning}. */
  private void connect(ParleyClient client, ServerAddress address) throws CliFailure {
    ServerPinning pinning = new ServerPinning(address, acceptFingerprint, replaceFingerprint);
    pinning.checkFlags(client.knownServers().pinned(address));
    try {
      await(client.connect(address));
      return;
    } catch (CompletionException e) {
      if (!(rootCause(e) instanceof ServerTrustException untrusted)) {
        throw e;
      }
      if (pinning.onUntrusted(untrusted) == ServerPinning.Action.ASK) {
        ServerPinning.confirmFirstContact(untrusted, io.terminal(), screen);
      }
      await(client.trustServer(address, untrusted.presented()));
    }
    try {
      await(client.connect(address));
    } catch (CompletionException e) {
      if (rootCause(e) instanceof ServerTrustException again) {
        // The server presented another certificate on the second connection.
        throw new CliFailure(CERTIFICATE_MISMATCH, again.getMessage());
      }
      throw e;
    }
  }

  private char[] readPassword() throws CliFailure {
    String env = io.env().apply("PARLEY_PASSWORD");
    if (env != null) {
      return env.toCharArray();
    }
    if (io.terminal().isEmpty()) {
      throw new CliFailure(
          USAGE, "There is no terminal to ask for the password: set PARLEY_PASSWORD.");
    }
    char[] pw = io.terminal().get().readPassword("Password for " + TerminalText.line(user) + ": ");
    if (pw == null) {
      throw new CliFailure(USAGE, "No password given.");
    }
    return pw;
  }

  /**
   * Sends one message and waits until the server stored it, it failed for good, or it is held;
   * never longer than {@link #SEND_CONFIRMATION}.
   */
  private int sendOne(ParleyClient client, String to, String text) throws CliFailure {
    Map<String, ChatMessage> updates = new ConcurrentHashMap<>();
    BlockingQueue<Object> wake = new LinkedBlockingQueue<>();
    ClientListener watch =
        new ClientListener() {
          @Override
          public void messageUpdated(ChatMessage m) {
            if (m.outgoing()) {
              updates.put(m.msgId(), m);
              wake.add(m);
            }
          }

          @Override
          public void identityChanged(String contact) {
            wake.add(contact);
          }
        };
    client.addListener(watch);
    ChatMessage m = await(client.send(to, text));
    long deadline = System.nanoTime() + SEND_CONFIRMATION.toNanos();
    while (true) {
      ChatMessage u = updates.get(m.msgId());
      if (u != null && u.state() == DeliveryState.FAILED) {
        throw new CliFailure(FAILED, "The message to " + m.peer() + " was not sent.");
      }
      if (u != null && u.state() != DeliveryState.SENDING) {
        screen.say("sent to " + m.peer());
        return OK;
      }
      if (isHeld(client, m.peer())) {
        throw new CliFailure(
            HELD,
            "The safety number with " + m.peer() + " changed, so the message waits.",
            "Compare it with them, then run parley-cli --verify "
                + m.peer()
                + "=DIGITS (or /verify or /accept in the interactive client) to send it.");
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new CliFailure(
            FAILED,
            "The server did not confirm the message to " + m.peer() + " in time.",
            "It stays in the outbox and is sent the next time " + user + " starts parley-cli.");
      }
      try {
        // Woken by this message's updates and identity changes; the hold is also re-checked.
        wake.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(250)), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliFailure(FAILED, "Interrupted.");
      }
    }
  }

  private static boolean isHeld(ParleyClient client, String peer) {
    return await(client.contacts()).stream()
        .anyMatch(c -> c.name().equals(peer) && c.safetyNumberChanged());
  }

  /** What the scripted modes print from the background: problems and identity changes. */
  private final class ScriptListener implements ClientListener {
    @Override
    public void problem(String message) {
      screen.error(message);
    }

    @Override
    public void identityChanged(String contact) {
      screen.error("WARNING: the safety number with " + contact + " changed.");
    }
  }

  /** The first cause that is not a wrapper. */
  static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** A readable reason for a failed request. */
  static String reason(Throwable e) {
    Throwable t = rootCause(e);
    if (t instanceof TimeoutException) {
      return "No answer from the server in time.";
    }
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }

  /** Waits for {@code f}; failures come out as a {@link CompletionException}. */
  static <T> T await(CompletableFuture<T> f) {
    try {
      return f.get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new CompletionException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    } catch (TimeoutException e) {
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
