package dev.parley.server.cli;

import dev.parley.platform.BuildInfo;
import dev.parley.platform.DataDirs;
import dev.parley.protocol.ProtocolInfo;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of the headless server jar. */
@Command(
    name = "parley-server",
    mixinStandardHelpOptions = true,
    versionProvider = ServerMain.Version.class,
    description = "Runs a Parley chat server for your local network.",
    sortOptions = false)
public final class ServerMain implements Callable<Integer> {

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "TCP port to listen on (default: ${DEFAULT-VALUE}).")
  int port = ProtocolInfo.DEFAULT_PORT;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default: all interfaces).")
  String bind = "0.0.0.0";

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Folder for the database and TLS identity (default: ${DEFAULT-VALUE}).")
  Path dataDir = DataDirs.serverData();

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "Server name shown to users (default: this computer's name).")
  String name;

  /** Runs the server with the given arguments and exits with its status. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new ServerMain()).execute(args));
  }

  @Override
  public Integer call() {
    System.out.printf(
        "%s server %s: port %d, bind %s, data %s%n",
        BuildInfo.NAME, BuildInfo.version(), port, bind, dataDir.toAbsolutePath());
    return 0;
  }

  /** Prints the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {BuildInfo.NAME + " server " + BuildInfo.version()};
    }
  }
}
