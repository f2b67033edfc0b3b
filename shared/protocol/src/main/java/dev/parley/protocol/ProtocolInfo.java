package dev.parley.protocol;

/** Constants every Parley peer agrees on before the first frame. */
public final class ProtocolInfo {
  /** Default TCP port of a Parley server. */
  public static final int DEFAULT_PORT = 5417;

  /** Version of the wire protocol spoken by this build. */
  public static final int VERSION = 1;

  /** DNS-SD service type under which servers announce themselves on the LAN. */
  public static final String SERVICE_TYPE = "_parley._tcp.local.";

  private ProtocolInfo() {}
}
