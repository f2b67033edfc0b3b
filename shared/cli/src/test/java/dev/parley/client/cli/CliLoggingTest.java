package dev.parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliLoggingTest {
  @TempDir Path dir;

  @AfterEach
  void restoreTheJvmsLogging() throws Exception {
    for (Handler h : Logger.getLogger("").getHandlers()) {
      h.close();
    }
    LogManager.getLogManager().readConfiguration();
  }

  @Test
  void recordsGoToAPrivateFileInTheDataFolderAndNoneToTheConsole() throws Exception {
    CliLogging.toFile(dir);
    Logger.getLogger("io.netty.handler.ssl.SslHandler")
        .warning("handshake failed from \u001b]0;title\u0007 somewhere");
    Logger.getLogger("dev.parley.client.ParleyClient").fine("below INFO: not kept");

    Handler[] handlers = Logger.getLogger("").getHandlers();
    assertThat(handlers).noneMatch(h -> h instanceof ConsoleHandler);
    assertThat(handlers).hasSize(1).allMatch(h -> h instanceof FileHandler);
    Arrays.stream(handlers).forEach(Handler::flush);
    Path log = dir.resolve(CliLogging.FILE);
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(text)
        .contains("WARNING io.netty.handler.ssl.SslHandler: handshake failed from ^[]0;title^G")
        .doesNotContain("\u001b")
        .doesNotContain("below INFO");
    if (log.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(log)))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void silencedThereIsNoHandlerAtAll() {
    CliLogging.silenceTerminal();
    assertThat(Logger.getLogger("").getHandlers()).isEmpty();
  }
}
