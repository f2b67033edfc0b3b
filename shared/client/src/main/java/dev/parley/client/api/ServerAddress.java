package dev.parley.client.api;

import dev.parley.protocol.ProtocolInfo;
import java.util.Locale;

/**
 * A server's host and port as a user types it: {@code host}, {@code host:port} or {@code
 * [v6]:port}.
 */
public record ServerAddress(String host, int port) {

  /** Validates the parts. */
  public ServerAddress {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("Enter a server name or address.");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("The port must be between 1 and 65535.");
    }
  }

  /** Parses what a user typed; the port defaults to {@link ProtocolInfo#DEFAULT_PORT}. */
  public static ServerAddress parse(String text) {
    String s = text == null ? "" : text.strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("Enter a server name or address.");
    }
    String host;
    String portText = null;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("An IPv6 address needs a closing ']'.");
      }
      host = s.substring(1, close);
      String rest = s.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException("Write the port after the address, like [::1]:5417.");
        }
        portText = rest.substring(1);
      }
    } else if (s.indexOf(':') != s.lastIndexOf(':')) {
      host = s; // bare IPv6 literal without a port
    } else if (s.indexOf(':') >= 0) {
      host = s.substring(0, s.indexOf(':'));
      portText = s.substring(s.indexOf(':') + 1);
    } else {
      host = s;
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("Enter a server name or address before the port.");
    }
    if (host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == '@')) {
      throw new IllegalArgumentException("A server address cannot contain spaces, '/' or '@'.");
    }
    int port = ProtocolInfo.DEFAULT_PORT;
    if (portText != null) {
      if (portText.isEmpty()
          || portText.length() > 5
          || !portText.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("The port must be a number between 1 and 65535.");
      }
      port = Integer.parseInt(portText);
    }
    return new ServerAddress(host.toLowerCase(Locale.ROOT), port);
  }

  /** The address in the form a user would type it back. */
  @Override
  public String toString() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return port == ProtocolInfo.DEFAULT_PORT ? h : h + ":" + port;
  }
}
