package dev.parley.app.ui;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;
import javafx.scene.image.Image;

/** The app icon in every size the window managers ask for. */
public final class AppIcons {
  private static final int[] SIZES = {16, 24, 32, 48, 64, 128, 256, 512};

  private AppIcons() {}

  /** All sizes of the app icon, smallest first. */
  public static List<Image> all() {
    return Stream.of(SIZES)
        .flatMapToInt(java.util.Arrays::stream)
        .mapToObj(AppIcons::ofSize)
        .toList();
  }

  /** The app icon at one of the packaged sizes. */
  public static Image ofSize(int size) {
    String path = "/dev/parley/icons/parley-" + size + ".png";
    InputStream in = AppIcons.class.getResourceAsStream(path);
    if (in == null) {
      throw new UncheckedIOException(new java.io.FileNotFoundException(path));
    }
    return new Image(in);
  }
}
