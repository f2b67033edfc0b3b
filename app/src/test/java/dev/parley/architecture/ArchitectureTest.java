package dev.parley.architecture;

import static org.junit.jupiter.api.Assertions.assertAll;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The production classes of every module obey the layering rules of {@link ParleyArchitecture}. */
class ArchitectureTest {
  private static JavaClasses production;

  /** Test classes and test jars are fixtures, not the product (and some violate on purpose). */
  private static final ImportOption NO_TESTS =
      (Location location) ->
          ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(location)
              && !location.contains("-tests.jar");

  @BeforeAll
  static void importProduction() {
    production = new ClassFileImporter().withImportOption(NO_TESTS).importPackages("dev.parley");
  }

  @Test
  void modulesDependOnlyDownTheLayers() {
    ParleyArchitecture.MODULE_LAYERS.check(production);
  }

  @Test
  void onlyTheAppUsesJavaFx() {
    ParleyArchitecture.NO_JAVAFX_BELOW_THE_APP.check(production);
  }

  @Test
  void theAppOpensNoSocketRunsNoSqlAndDoesNoCrypto() {
    ParleyArchitecture.APP_DOES_NO_IO_OR_CRYPTO.check(production);
    ParleyArchitecture.APP_USES_NO_CRYPTO_OPERATIONS.check(production);
  }

  @Test
  void noModuleHasAPackageCycle() {
    assertAll(
        ParleyArchitecture.MODULE_ROOTS.stream()
            .map(
                root ->
                    (Executable) () -> ParleyArchitecture.freeOfCycles(root).check(production)));
  }
}
