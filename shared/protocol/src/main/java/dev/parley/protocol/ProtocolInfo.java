package dev.parley.protocol;

/** Constants every Parley peer agrees on before the first frame. */
public final class ProtocolInfo {
  /** Default TCP port of a Parley server. */
  public static final int DEFAULT_PORT = 5417;

  /** Newest version of the wire protocol this build speaks. */
  public static final int VERSION = 2;

  /** Oldest version this build still speaks (docs/PROTOCOL.md §4, docs/decisions/0014). */
  public static final int OLDEST_VERSION = 1;

  /** True when this build speaks protocol {@code version}. */
  public static boolean speaks(int version) {
    return version >= OLDEST_VERSION && version <= VERSION;
  }

  /** DNS-SD service type under which servers announce themselves on the LAN. */
  public static final String SERVICE_TYPE = "_parley._tcp.local.";

  private ProtocolInfo() {}
}
