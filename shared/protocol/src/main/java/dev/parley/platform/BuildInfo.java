package dev.parley.platform;

/** The software name and version, read from the jar manifest. */
public final class BuildInfo {
  /** Product name shown to users and sent in {@code hello}. */
  public static final String NAME = "Parley";

  private BuildInfo() {}

  /** The version of this build, or {@code "dev"} when running from unpacked classes. */
  public static String version() {
    String v = BuildInfo.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
