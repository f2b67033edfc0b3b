package dev.parley.server.discovery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Where a server may be announced on the LAN: only at addresses it listens on. A server bound to
 * one address (say 127.0.0.1) that announced every LAN address would send everyone who finds it to
 * an address where nothing answers.
 *
 * @param everyLanAddress announce on every suitable LAN interface (the server listens on all)
 * @param only announce on this address alone, while it is on this computer
 * @param refusal why nothing is announced, when neither applies
 */
public record AnnounceScope(
    boolean everyLanAddress, Optional<InetAddress> only, Optional<String> refusal) {

  /** The scope for a server listening on {@code bindAddress}, asked to announce on {@code on}. */
  public static AnnounceScope of(String bindAddress, String on) {
    InetAddress bind;
    try {
      bind = InetAddress.getByName(bindAddress);
    } catch (UnknownHostException e) {
      return refused("the listening address " + bindAddress + " is unknown");
    }
    InetAddress chosen;
    try {
      chosen = on == null ? null : InetAddress.getByName(on);
    } catch (UnknownHostException e) {
      return refused(on + " is an unknown address");
    }
    if (bind.isAnyLocalAddress()) {
      return chosen == null
          ? new AnnounceScope(true, Optional.empty(), Optional.empty())
          : new AnnounceScope(false, Optional.of(chosen), Optional.empty());
    }
    if (chosen != null && !chosen.equals(bind)) {
      return refused(
          "the server listens on "
              + bind.getHostAddress()
              + " only, so nobody could connect at "
              + chosen.getHostAddress());
    }
    return new AnnounceScope(false, Optional.of(bind), Optional.empty());
  }

  private static AnnounceScope refused(String why) {
    return new AnnounceScope(false, Optional.empty(), Optional.of(why));
  }
}
