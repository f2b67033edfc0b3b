package dev.parley.server.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * A byte count as an admin writes it on the command line: {@code 268435456}, {@code 256MiB}, {@code
 * 256M}, {@code 64 KiB}, {@code 1G} (binary units: K = 1024). Printed in the largest unit that
 * divides it exactly.
 *
 * @param bytes the count
 */
record ByteSize(long bytes) {
  private static final Pattern FORM =
      Pattern.compile("(\\d{1,19})\\s*(?:([kmgt])(?:i?b)?|b)?", Pattern.CASE_INSENSITIVE);
  private static final String UNITS = "KMGT";

  /** Parses {@code text}; throws {@link IllegalArgumentException} for anything else. */
  static ByteSize parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a size (examples: 1048576, 64KiB, 256MiB, 2GiB)");
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is too large");
    }
    int shift =
        m.group(2) == null ? 0 : 10 * (UNITS.indexOf(m.group(2).toUpperCase(Locale.ROOT)) + 1);
    if (shift > 0 && n > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException("'" + text + "' is too large");
    }
    return new ByteSize(n << shift);
  }

  @Override
  public String toString() {
    int unit = 0;
    long n = bytes;
    while (n != 0 && unit < UNITS.length() && (n & 1023) == 0) {
      n >>= 10;
      unit++;
    }
    return unit == 0 ? Long.toString(n) : n + String.valueOf(UNITS.charAt(unit - 1)) + "iB";
  }

  /** Lets picocli parse {@code ByteSize} options. */
  static final class Converter implements CommandLine.ITypeConverter<ByteSize> {
    @Override
    public ByteSize convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
