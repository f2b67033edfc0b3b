package dev.parley.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.settings.SettingsViewModel;
import dev.parley.app.testing.FxTestSupport;
import dev.parley.client.ParleyClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Messages out of sight reach the desktop's own notifications over a real session bus (a
 * dbus-daemon of the test's own, with a scripted notification server on it), and fall back to the
 * in-window toast when there is no bus.
 */
class DesktopNotificationsTest extends FxTestSupport {

  @AfterEach
  void noBusAgain() {
    System.setProperty(DesktopBackends.BUS_PROPERTY, "none");
  }

  @Test
  void aMessageOutOfSightGoesToTheDesktopAndClickingItOpensTheConversation() throws Exception {
    try (SessionBus bus = SessionBus.start(dir);
        ScriptedNotificationService desktop = ScriptedNotificationService.on(bus.address())) {
      System.setProperty(DesktopBackends.BUS_PROPERTY, bus.address());
      AppWindow alice = registeredApp("dalice");
      ParleyClient bob = otherUser("dbob");
      ParleyClient carol = otherUser("dcarol");
      addContact(alice, "dcarol");
      addContact(alice, "dbob");

      // Bob's conversation is open: Carol's message is not in view.
      carol.send("dalice", "are you there?\nthe build is red").get(20, TimeUnit.SECONDS);
      ScriptedNotificationService.Notify first = desktop.notified.poll(20, TimeUnit.SECONDS);
      assertThat(first).as("Notify call on the session bus").isNotNull();
      assertThat(first.appName()).isEqualTo("Parley");
      assertThat(first.summary()).isEqualTo("dcarol");
      assertThat(first.body()).isEqualTo("are you there? the build is red");
      assertThat(first.replacesId()).isZero();
      assertThat(first.actions()).contains("default");
      assertThat(first.appIcon()).startsWith("file:");
      assertThat(Files.size(Path.of(java.net.URI.create(first.appIcon())))).isPositive();
      assertThat(first.hints()).containsKey("desktop-entry");
      assertThat(desktop.badgeShows(1)).as("launcher entry counts 1 unread").isTrue();
      // The desktop showed it: no toast in the window as well.
      assertThat(robot.lookup("#notification").tryQuery()).isEmpty();

      // "Name only": the next one says who, not what, and replaces the first.
      robot.clickOn(in(alice.stage(), "#settings-button"));
      waitFor("settings", () -> robot.lookup("#settings").tryQuery().isPresent());
      robot.clickOn("#notification-preview-toggle");
      robot.clickOn(
          robot.lookup("#settings").queryAs(DialogPane.class).lookupButton(ButtonType.CLOSE));
      assertThat(alice.prefs().getBoolean(SettingsViewModel.PREVIEW_KEY, true)).isFalse();
      carol.send("dalice", "secret plans").get(20, TimeUnit.SECONDS);
      ScriptedNotificationService.Notify second = desktop.notified.poll(20, TimeUnit.SECONDS);
      assertThat(second).as("second Notify call").isNotNull();
      assertThat(second.summary()).isEqualTo("dcarol");
      assertThat(second.body()).isEqualTo("New message");
      assertThat(second.replacesId()).isEqualTo(first.id());
      assertThat(desktop.badgeShows(2)).as("launcher entry counts 2 unread").isTrue();

      // A click on it opens Carol's conversation, which takes it off the desktop.
      desktop.click(second.id());
      waitFor(
          "carol's conversation open",
          () -> "dcarol".equals(((Label) in(alice.stage(), "#conversation-title")).getText()));
      assertThat(desktop.closed.poll(20, TimeUnit.SECONDS)).isEqualTo(second.id());
      assertThat(desktop.badgeShows(0)).as("launcher entry cleared once read").isTrue();
      bob.close();
    }
  }

  @Test
  void withoutABusTheToastShowsInstead() throws Exception {
    System.setProperty(
        DesktopBackends.BUS_PROPERTY, "unix:path=" + dir.resolve("no-bus-here").toAbsolutePath());
    toastShowsFor("f");
  }

  @Test
  void withoutANotificationServiceOnTheBusTheToastShowsInstead() throws Exception {
    try (SessionBus bus = SessionBus.start(dir)) {
      System.setProperty(DesktopBackends.BUS_PROPERTY, bus.address());
      toastShowsFor("s");
    }
  }

  private void toastShowsFor(String prefix) throws Exception {
    AppWindow alice = registeredApp(prefix + "alice");
    ParleyClient bob = otherUser(prefix + "bob");
    ParleyClient carol = otherUser(prefix + "carol");
    addContact(alice, prefix + "carol");
    addContact(alice, prefix + "bob");

    carol.send(prefix + "alice", "anyone?").get(20, TimeUnit.SECONDS);
    waitFor("toast", () -> robot.lookup("#notification").tryQuery().isPresent());
    Node toast = robot.lookup("#notification").query();
    assertThat(robot.from(toast).lookup(".label").queryAllAs(Label.class))
        .extracting(Label::getText)
        .contains(prefix + "carol");
    assertThat(robot.from(toast).lookup("#notification-body").query().getAccessibleText())
        .isEqualTo("anyone?");
    bob.close();
  }
}
