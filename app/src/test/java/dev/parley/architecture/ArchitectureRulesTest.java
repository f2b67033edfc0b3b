package dev.parley.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.parley.app.archfixture.AppMakingKeys;
import dev.parley.app.archfixture.AppOpeningASocket;
import dev.parley.app.archfixture.AppRunningSql;
import dev.parley.app.archfixture.AppShowingASafetyNumber;
import dev.parley.client.api.ServerAddress;
import dev.parley.client.archfixturea.Ping;
import dev.parley.client.archfixtureb.Pong;
import dev.parley.server.archfixture.ServerCallingTheClient;
import dev.parley.server.archfixture.ServerShowingALabel;
import org.junit.jupiter.api.Test;

/** A test of the test: every rule of {@link ParleyArchitecture} catches a class that breaks it. */
class ArchitectureRulesTest {

  @Test
  void theLayersCatchAServerThatUsesTheClient() {
    assertViolates(
        ParleyArchitecture.MODULE_LAYERS,
        classes(ServerCallingTheClient.class, ServerAddress.class),
        "ServerCallingTheClient");
  }

  @Test
  void javaFxOutsideTheAppIsCaught() {
    assertViolates(
        ParleyArchitecture.NO_JAVAFX_BELOW_THE_APP,
        classes(ServerShowingALabel.class),
        "ServerShowingALabel");
  }

  @Test
  void anAppClassOpeningASocketOrRunningSqlIsCaught() {
    assertViolates(
        ParleyArchitecture.APP_DOES_NO_IO_OR_CRYPTO,
        classes(AppOpeningASocket.class),
        "AppOpeningASocket");
    assertViolates(
        ParleyArchitecture.APP_DOES_NO_IO_OR_CRYPTO, classes(AppRunningSql.class), "AppRunningSql");
  }

  @Test
  void anAppClassMakingKeysIsCaughtButShowingASafetyNumberIsNot() {
    assertViolates(
        ParleyArchitecture.APP_USES_NO_CRYPTO_OPERATIONS,
        classes(AppMakingKeys.class),
        "AppMakingKeys");
    assertThatCode(
            () ->
                ParleyArchitecture.APP_USES_NO_CRYPTO_OPERATIONS.check(
                    classes(AppShowingASafetyNumber.class)))
        .doesNotThrowAnyException();
  }

  @Test
  void aPackageCycleInAModuleIsCaught() {
    assertViolates(
        ParleyArchitecture.freeOfCycles("dev.parley.client"),
        classes(Ping.class, Pong.class),
        "archfixturea");
  }

  private static JavaClasses classes(Class<?>... types) {
    return new ClassFileImporter().importClasses(types);
  }

  private static void assertViolates(ArchRule rule, JavaClasses classes, String culprit) {
    assertThatThrownBy(() -> rule.check(classes))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(culprit);
  }
}
