package dev.parley.app.host;

import dev.parley.app.dialog.Dialogs;
import javafx.stage.Window;

/**
 * Asks before hosting stops while other people are signed in, by pressing Stop hosting or by
 * quitting. The number it says is {@link HostingService#connectedUsersProperty()}, the same count
 * the hosting chip and the details dialog show; nobody else signed in means no question.
 */
public final class StopHostingQuestion {
  private StopHostingQuestion() {}

  /**
   * True when hosting may stop: nothing is hosted, it is stopping already, nobody but {@code
   * ownUser} (this app's user, null when logged out) is signed in, or the person said yes over
   * {@code owner}.
   */
  public static boolean ask(
      Window owner, HostingService hosting, String ownUser, boolean quitting) {
    if (!hosting.runningProperty().get() || hosting.stoppingProperty().get()) {
      return true;
    }
    int signedIn = hosting.connectedUsersProperty().get();
    boolean me = hosting.isSignedIn(ownUser);
    if (signedIn - (me ? 1 : 0) <= 0) {
      return true;
    }
    return Dialogs.confirm(
        owner,
        quitting ? "Quit Parley" : "Stop hosting",
        quitting ? "Stop hosting and quit?" : "Stop hosting?",
        body(signedIn, me),
        quitting ? "Stop hosting and quit" : "Stop hosting",
        true);
  }

  /** What the question says for {@code signedIn} people, {@code me} among them or not. */
  static String body(int signedIn, boolean me) {
    String who = signedIn == 1 ? "1 person is" : signedIn + " people are";
    String among = me ? " (you and " + others(signedIn - 1) + ")" : "";
    return who
        + " signed in to the server on this computer"
        + among
        + ". Stopping it disconnects "
        + (signedIn == 1 ? "them" : "everyone")
        + " until you host again.";
  }

  private static String others(int n) {
    return n == 1 ? "1 other" : n + " others";
  }
}
