package dev.parley.app.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.connect.TrustDialog;
import dev.parley.client.api.ServerAddress;
import dev.parley.client.api.ServerTrustException;
import dev.parley.protocol.CertificateFingerprint;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The hosting dialog shows this computer's current addresses (live, as the network changes), the
 * whole fingerprint in the trust dialog's form, can be resized, and Copy says it copied.
 */
class HostDialogTest extends HostingTestSupport {

  /**
   * The addresses come through the seam production fills from the real interface list ({@code
   * LanInterfaces.connectableAddresses}); documentation addresses (never contacted) stand for the
   * laptop's address before and after it moved to another network.
   */
  @Test
  void theDialogFollowsAnAddressChangeShowsTheWholeFingerprintAndCopySaysCopied() throws Exception {
    AtomicReference<List<InetAddress>> now =
        new AtomicReference<>(List.of(InetAddress.getByName("192.0.2.10")));
    HostingService hosting = new HostingService(dir.resolve("hosted"), 0, false, now::get);
    openApp(hosting);
    hostAndShowLogin();
    int port = hosting.portProperty().get();

    robot.clickOn(in("#hosting-status"));
    waitFor(() -> robot.lookup("#host-dialog").tryQuery().isPresent());
    DialogPane pane = robot.lookup("#host-dialog").queryAs(DialogPane.class);
    waitFor(() -> pane.lookup("#host-address-0") != null);
    assertThat(((Label) pane.lookup("#host-address-0")).getText()).isEqualTo("192.0.2.10:" + port);

    // The laptop moves to another network while the dialog is open.
    now.set(List.of(InetAddress.getByName("198.51.100.7")));
    waitFor(
        () ->
            pane.lookup("#host-address-0") instanceof Label l
                && l.getText().equals("198.51.100.7:" + port));
    assertThat(pane.lookupAll(".host-address")).hasSize(1);

    // The fingerprint: the trust dialog's form, whole (the rendered text is not ellipsised).
    String fp = hosting.fingerprintProperty().get();
    Label shown = (Label) pane.lookup("#host-fingerprint");
    assertThat(shown.getText()).isEqualTo(CertificateFingerprint.display(fp));
    assertThat(shown.getText().split("\n")).hasSize(4);
    Text rendered = (Text) shown.lookup(".text");
    assertThat(rendered.getText()).isEqualTo(shown.getText());
    Label[] trusted = new Label[1];
    robot.interact(
        () ->
            trusted[0] =
                (Label)
                    new TrustDialog(stage)
                        .build(new ServerTrustException(new ServerAddress("x", 1), null, fp))
                        .getDialogPane()
                        .lookup(".fingerprint"));
    assertThat(trusted[0].getText()).isEqualTo(shown.getText());

    Stage window = (Stage) pane.getScene().getWindow();
    assertThat(window.isResizable()).isTrue();

    Button copy = (Button) pane.lookup("#copy-fingerprint");
    robot.clickOn(copy);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(copy.getText()).isEqualTo("Copied");
    String[] clip = new String[1];
    robot.interact(() -> clip[0] = Clipboard.getSystemClipboard().getString());
    assertThat(CertificateFingerprint.normalise(clip[0])).isEqualTo(fp);
    waitFor(() -> copy.getText().equals("Copy"));
  }
}
