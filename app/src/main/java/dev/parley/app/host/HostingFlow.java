package dev.parley.app.host;

import dev.parley.app.dialog.Dialogs;
import dev.parley.app.ui.Fx;
import dev.parley.client.ParleyClient;
import dev.parley.client.api.ServerAddress;
import dev.parley.client.api.ServerInfo;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * What the person does with the server this app hosts: start it and join it, see its status in the
 * header, stop it (asking first while others are signed in), and quit while hosting.
 */
public final class HostingFlow {
  /** What the status chip says while the hosted server closes. */
  public static final String STOPPING = "Stopping…";

  private final Window owner;
  private final HostingService hosting;
  private final ParleyClient client;
  private final Consumer<ServerInfo> showAuth;
  private final Runnable logOut;

  /**
   * The flow over {@code owner} for {@code client}; once joined it calls {@code showAuth}, and
   * {@code logOut} when stopping ends this app's own session.
   */
  public HostingFlow(
      Window owner,
      HostingService hosting,
      ParleyClient client,
      Consumer<ServerInfo> showAuth,
      Runnable logOut) {
    this.owner = owner;
    this.hosting = hosting;
    this.client = client;
    this.showAuth = showAuth;
    this.logOut = logOut;
    // The host's addresses are read after it started, and change with the network.
    hosting
        .addresses()
        .addListener(
            (ListChangeListener<String>)
                change -> {
                  if (hosting.runningProperty().get()) {
                    trustShownAddresses(
                        hosting.portProperty().get(), hosting.fingerprintProperty().get());
                  }
                });
  }

  /** Trusts the hosted server's certificate {@code fp} at each address the host shows. */
  private void trustShownAddresses(int port, String fp) {
    for (String shown : hosting.addresses()) {
      client.trustServer(new ServerAddress(shown, port), fp);
    }
  }

  /** The server this app hosts once the user pressed "Host a server". */
  public HostingService hosting() {
    return hosting;
  }

  /**
   * Starts hosting, then connects this app to its own server. Its certificate is trusted first, at
   * loopback and at every address the host shows: this app never asks about its own server, by
   * whichever address it is reached (a known certificate is trusted at any address anyway).
   */
  public void host() {
    Fx.whenDone(
        hosting.start(),
        (server, err) -> {
          if (err != null) {
            Dialogs.error(owner, "Hosting", "Could not start a server", Fx.describe(err));
            return;
          }
          ServerAddress self = new ServerAddress("127.0.0.1", server.port());
          trustShownAddresses(server.port(), server.fingerprint());
          // Last, so that loopback is the address recorded most recently (the one the app uses).
          client.trustServer(self, server.fingerprint());
          Fx.whenDone(
              client.connect(self),
              (info, failure) -> {
                if (failure == null) {
                  showAuth.accept(info);
                }
              });
        });
  }

  /** A header button with the hosting status; it opens the details (and Stop). */
  public Node statusButton() {
    Button b = new Button(null, new FontIcon(Feather.SERVER));
    b.setId("hosting-status");
    b.getStyleClass().add("flat");
    // Closing a server can take a while: the chip says so, and cannot be pressed meanwhile.
    b.textProperty()
        .bind(
            Bindings.when(hosting.stoppingProperty())
                .then(STOPPING)
                .otherwise(
                    Bindings.format("Hosting · %d signed in", hosting.connectedUsersProperty())));
    b.disableProperty().bind(hosting.stoppingProperty());
    b.visibleProperty().bind(hosting.runningProperty());
    b.managedProperty().bind(hosting.runningProperty());
    b.setOnAction(
        e ->
            new HostDialog(owner, hosting)
                .showAndWait()
                .filter(r -> r == HostDialog.STOP)
                .ifPresent(r -> stop()));
    return b;
  }

  private void stop() {
    if (!StopHostingQuestion.ask(owner, hosting, client.user(), false)) {
      return;
    }
    boolean ours = onHostedServer();
    hosting.stop();
    if (ours) {
      // This app's session on its own server ends with it (no reconnecting to a stopped server).
      logOut.run();
    }
  }

  /** True when the client uses the server this app hosts (its certificate, at any address). */
  private boolean onHostedServer() {
    return hosting.runningProperty().get()
        && hosting.fingerprintProperty().get().equals(client.serverFingerprint());
  }

  /** Asks before quitting while others use the hosted server; false keeps the app running. */
  public boolean confirmQuit() {
    return StopHostingQuestion.ask(owner, hosting, client.user(), true);
  }
}
