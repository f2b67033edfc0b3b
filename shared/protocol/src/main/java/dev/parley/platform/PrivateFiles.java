package dev.parley.platform;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Folders and files only their owner may read: 0700 and 0600 on POSIX systems (on others the user's
 * profile folder already is private). Used for everything holding keys, hashes or history.
 */
public final class PrivateFiles {
  private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /** Creates {@code dir} and missing parents as private folders; tightens {@code dir} itself. */
  public static Path directory(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath();
    if (!Files.isDirectory(abs)) {
      Path parent = abs.getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        directory(parent);
      }
      try {
        if (posix(abs)) {
          Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(DIR));
        } else {
          Files.createDirectory(abs);
        }
      } catch (FileAlreadyExistsException raced) {
        // created meanwhile: tightened below
      }
    }
    restrict(abs, DIR);
    return dir;
  }

  /** Creates {@code file} empty and private if it does not exist; tightens it if it does. */
  public static Path file(Path file) throws IOException {
    Path abs = file.toAbsolutePath();
    directory(abs.getParent());
    if (!Files.exists(abs)) {
      try {
        if (posix(abs.getParent())) {
          Files.createFile(abs, PosixFilePermissions.asFileAttribute(FILE));
        } else {
          Files.createFile(abs);
        }
      } catch (FileAlreadyExistsException raced) {
        // created meanwhile: tightened below
      }
    }
    restrict(abs, FILE);
    return file;
  }

  /** Makes an existing file private (no-op when it is absent). */
  public static void tighten(Path file) throws IOException {
    if (Files.exists(file)) {
      restrict(file.toAbsolutePath(), Files.isDirectory(file) ? DIR : FILE);
    }
  }

  private static void restrict(Path p, Set<PosixFilePermission> perms) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
    if (view != null && !view.readAttributes().permissions().equals(perms)) {
      view.setPermissions(perms);
    }
  }

  private static boolean posix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
