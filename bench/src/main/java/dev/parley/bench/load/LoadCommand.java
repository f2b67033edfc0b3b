package dev.parley.bench.load;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The load generator's command line. */
@Command(
    name = "parley-bench",
    mixinStandardHelpOptions = true,
    description =
        "Loads a Parley server over the real protocol (TLS). Without --server it starts one in a"
            + " child JVM with a temporary data directory. Each mode prints a summary line and a"
            + " JSON line.",
    subcommands = {
      RelayCommand.class,
      IdleCommand.class,
      LoginStormCommand.class,
      OfflineCommand.class,
      NonReadersCommand.class,
      CatchupCommand.class,
      SendCommand.class,
      MqttCommand.class
    })
public final class LoadCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** Runs the command line and returns the exit code. */
  public static int execute(String... args) {
    return new CommandLine(new LoadCommand()).execute(args);
  }
}
