package dev.parley.client.cli;

import dev.parley.client.api.ServerAddress;
import dev.parley.client.api.ServerTrustException;
import dev.parley.protocol.CertificateFingerprint;
import java.util.Optional;

/**
 * The terminal client's rules for trusting a server certificate (trust on first use, like SSH):
 *
 * <ul>
 *   <li>First contact: the user confirms the fingerprint on the terminal (y/N); without a terminal
 *       the CLI stops ({@link ParleyCli#UNTRUSTED}) unless {@code --accept-fingerprint FP} names
 *       the fingerprint the server then presents.
 *   <li>{@code --accept-fingerprint FP} only pins on first contact: when another fingerprint is
 *       pinned it is refused ({@link ParleyCli#CERTIFICATE_MISMATCH}), before connecting.
 *   <li>A changed certificate is refused, never offered for acceptance. Only {@code
 *       --replace-fingerprint OLD --accept-fingerprint NEW} replaces a pin, when OLD is the current
 *       pin and the server presents NEW.
 * </ul>
 *
 * A pin is only ever written for the fingerprint the server actually presented.
 */
final class ServerPinning {
  /** What to do about a certificate that is not pinned. */
  enum Action {
    /** Pin the presented fingerprint and connect again. */
    PIN,
    /** First contact without a fingerprint given: ask the user. */
    ASK
  }

  private final ServerAddress address;
  private final String accept;
  private final String replace;

  /**
   * The rules for {@code address} with the flags as typed (null when absent).
   *
   * @throws CliFailure ({@link ParleyCli#USAGE}) for a malformed fingerprint or a replacement
   *     without the new fingerprint
   */
  ServerPinning(ServerAddress address, String acceptFlag, String replaceFlag) throws CliFailure {
    this.address = address;
    this.accept = fingerprint("--accept-fingerprint", acceptFlag);
    this.replace = fingerprint("--replace-fingerprint", replaceFlag);
    if (replace != null && accept == null) {
      throw new CliFailure(
          ParleyCli.USAGE,
          "--replace-fingerprint OLD needs --accept-fingerprint NEW: the fingerprint that"
              + " replaces it.");
    }
  }

  private static String fingerprint(String flag, String typed) throws CliFailure {
    if (typed == null) {
      return null;
    }
    String fp = CertificateFingerprint.normalise(typed);
    if (fp == null) {
      throw new CliFailure(
          ParleyCli.USAGE, flag + " needs a SHA-256 fingerprint (64 hex digits), not: " + typed);
    }
    return fp;
  }

  /** Checks the flags against the current pin, before anything is sent. */
  void checkFlags(Optional<String> pinned) throws CliFailure {
    if (replace != null) {
      if (pinned.isEmpty()) {
        throw new CliFailure(
            ParleyCli.USAGE,
            "No fingerprint is pinned for "
                + address
                + ", so there is nothing to replace: use --accept-fingerprint alone.");
      }
      if (!pinned.get().equals(replace)) {
        throw new CliFailure(
            ParleyCli.CERTIFICATE_MISMATCH,
            "The fingerprint pinned for " + address + " is " + shown(pinned.get()) + ",",
            "not " + shown(replace) + " as --replace-fingerprint says. Nothing was changed.");
      }
    } else if (accept != null && pinned.isPresent() && !pinned.get().equals(accept)) {
      throw new CliFailure(
          ParleyCli.CERTIFICATE_MISMATCH,
          "Another fingerprint is pinned for " + address + ": " + shown(pinned.get()),
          "--accept-fingerprint only pins a server on first contact; nothing was changed.",
          "If the server's admin told you its certificate changed, and gave you the new"
              + " fingerprint, run again with --replace-fingerprint '"
              + shown(pinned.get())
              + "' --accept-fingerprint 'NEW'.");
    }
  }

  /** What to do about {@code e}, a certificate that is not the pinned one (nothing was sent). */
  Action onUntrusted(ServerTrustException e) throws CliFailure {
    if (!e.changed()) {
      if (accept == null) {
        return Action.ASK;
      }
      if (accept.equals(e.presented())) {
        return Action.PIN;
      }
      throw new CliFailure(
          ParleyCli.CERTIFICATE_MISMATCH,
          e.address() + " presented the certificate fingerprint " + shown(e.presented()) + ",",
          "not " + shown(accept) + " as --accept-fingerprint says. Nothing was pinned or sent:",
          "someone may be intercepting the connection.");
    }
    if (replace != null && accept.equals(e.presented())) {
      return Action.PIN;
    }
    if (replace != null) {
      throw new CliFailure(
          ParleyCli.CERTIFICATE_MISMATCH,
          e.address() + " presented the certificate fingerprint " + shown(e.presented()) + ",",
          "not " + shown(accept) + " as --accept-fingerprint says. Nothing was replaced or sent.");
    }
    throw new CliFailure(
        ParleyCli.CERTIFICATE_MISMATCH,
        "WARNING: the certificate of " + e.address() + " CHANGED.",
        "  pinned:    " + shown(e.pinned()),
        "  presented: " + shown(e.presented()),
        "Someone may be intercepting the connection. Nothing was sent.",
        "Only if the server's admin told you its certificate changed, and the new fingerprint"
            + " they gave you is the one presented, run again with",
        "  --replace-fingerprint '" + shown(e.pinned()) + "' --accept-fingerprint 'NEW'");
  }

  private static String shown(String fp) {
    return CertificateFingerprint.displayLine(fp);
  }

  /**
   * Asks on {@code terminal} whether to trust a first contact's certificate.
   *
   * @throws CliFailure ({@link ParleyCli#UNTRUSTED}) without a terminal, or when the user says no
   */
  static void confirmFirstContact(
      ServerTrustException e, Optional<CliIo.Terminal> terminal, Screen screen) throws CliFailure {
    String[] explain = {
      "First connection to " + e.address() + ". Its certificate fingerprint is:",
      "  " + shown(e.presented()),
      "Compare it with the one the server printed at start (or its admin gave you)."
    };
    if (terminal.isEmpty()) {
      throw new CliFailure(
          ParleyCli.UNTRUSTED,
          explain[0],
          explain[1],
          "There is no terminal to ask you: compare it, then pass --accept-fingerprint with it."
              + " Nothing was sent.");
    }
    for (String line : explain) {
      screen.note(line);
    }
    String answer = terminal.get().readLine("Trust it? [y/N] ");
    if (answer == null || !answer.strip().equalsIgnoreCase("y")) {
      throw new CliFailure(ParleyCli.UNTRUSTED, "Not trusted; nothing was sent.");
    }
  }
}
