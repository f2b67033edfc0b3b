package dev.parley.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.ParleyServer;
import dev.parley.server.testing.TestServer;
import dev.parley.server.tls.ServerIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The server's data (bcrypt hashes, contact graph, TLS key) is readable by its owner only. */
class DataFilesTest extends ServerTestBase {
  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void theDataFolderAndEveryFileInItArePrivate() throws Exception {
    Assumptions.assumeTrue(
        dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX only");
    connect().hello().register("alice", "Passw0rdOK");
    Path data = server.config().dataDir();
    assertThat(mode(data)).isEqualTo("rwx------");
    assertThat(mode(data.resolve(ParleyServer.DATABASE_FILE))).isEqualTo("rw-------");
    assertThat(mode(data.resolve(ParleyServer.DATABASE_FILE + "-wal"))).isEqualTo("rw-------");
    assertThat(mode(data.resolve(ServerIdentity.KEY_FILE))).isEqualTo("rw-------");
  }

  @Test
  void anExistingDataFolderIsTightenedAtStart() throws Exception {
    Assumptions.assumeTrue(
        dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX only");
    Path data = server.config().dataDir();
    server.close();
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path db = data.resolve(ParleyServer.DATABASE_FILE);
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
    server = TestServer.start(dir);
    assertThat(mode(data)).isEqualTo("rwx------");
    assertThat(mode(db)).isEqualTo("rw-------");
  }
}
