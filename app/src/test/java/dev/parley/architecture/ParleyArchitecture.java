package dev.parley.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.parley.crypto.SafetyNumber;
import java.util.List;

/**
 * The layering DESIGN.md promises, as rules. {@link ArchitectureTest} checks them against the
 * production classes; {@link ArchitectureRulesTest} shows each one catches a violating fixture.
 */
final class ParleyArchitecture {
  private ParleyArchitecture() {}

  static final String PROTOCOL = "dev.parley.protocol..";
  static final String PLATFORM = "dev.parley.platform..";
  static final String CRYPTO = "dev.parley.crypto..";
  static final String CLIENT = "dev.parley.client..";
  static final String CLI = "dev.parley.client.cli..";
  static final String SERVER = "dev.parley.server..";
  static final String APP = "dev.parley.app..";

  /** Crypto classes the app may name: values it shows, never operations it performs. */
  static final List<Class<?>> CRYPTO_VALUES_THE_APP_SHOWS = List.of(SafetyNumber.class);

  private static final DescribedPredicate<JavaClass> CLIENT_CORE =
      resideInAPackage(CLIENT).and(not(resideInAPackage(CLI))).as("client core");

  /**
   * The module graph: protocol and crypto depend on no other module; the client core on protocol
   * and crypto; the terminal client on the client core; the server on protocol only; the app on all
   * but the terminal client.
   */
  static final ArchRule MODULE_LAYERS =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("Protocol")
          .definedBy(PROTOCOL, PLATFORM)
          .layer("Crypto")
          .definedBy(CRYPTO)
          .layer("Client")
          .definedBy(CLIENT_CORE)
          .layer("Cli")
          .definedBy(CLI)
          .layer("Server")
          .definedBy(SERVER)
          .layer("App")
          .definedBy(APP)
          .whereLayer("Protocol")
          .mayNotAccessAnyLayer()
          .whereLayer("Crypto")
          .mayNotAccessAnyLayer()
          .whereLayer("Client")
          .mayOnlyAccessLayers("Protocol", "Crypto")
          .whereLayer("Cli")
          .mayOnlyAccessLayers("Client", "Protocol", "Crypto")
          .whereLayer("Server")
          .mayOnlyAccessLayers("Protocol")
          .whereLayer("App")
          .mayOnlyAccessLayers("Client", "Protocol", "Crypto", "Server");

  /** Only the app knows JavaFX: the server, protocol, crypto and client core run headless. */
  static final ArchRule NO_JAVAFX_BELOW_THE_APP =
      noClasses()
          .that()
          .resideInAnyPackage(PROTOCOL, PLATFORM, CRYPTO, CLIENT, SERVER)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("javafx..")
          .because("the server jar and the terminal client ship without JavaFX");

  /** Views and view models reach the network, the disk's databases and keys only through core. */
  static final ArchRule APP_DOES_NO_IO_OR_CRYPTO =
      noClasses()
          .that()
          .resideInAPackage(APP)
          .should()
          .dependOnClassesThat(
              resideInAnyPackage("java.sql..", "javax.crypto..", "io.netty..", "org.sqlite..")
                  .or(type(java.net.Socket.class))
                  .or(type(java.net.ServerSocket.class))
                  .or(type(java.net.DatagramSocket.class))
                  .or(resideInAPackage("javax.net.."))
                  .as("sockets, SQL, JCE or Netty"))
          .because("nothing in app/ opens a socket, runs SQL or does crypto (DESIGN.md)");

  /** The app names crypto values (a safety number to show), never a cipher, ratchet or key. */
  static final ArchRule APP_USES_NO_CRYPTO_OPERATIONS =
      noClasses()
          .that()
          .resideInAPackage(APP)
          .should()
          .dependOnClassesThat(
              resideInAPackage(CRYPTO)
                  .and(not(type(SafetyNumber.class)))
                  .as("dev.parley.crypto classes other than " + CRYPTO_VALUES_THE_APP_SHOWS));

  /** No package cycles inside a module (each top-level package of a module is one slice). */
  static ArchRule freeOfCycles(String moduleRoot) {
    return slices()
        .assignedFrom(new TopLevelPackages(moduleRoot))
        .should()
        .beFreeOfCycles()
        .allowEmptyShould(false);
  }

  /** Module roots whose packages must not depend on each other in a circle. */
  static final List<String> MODULE_ROOTS =
      List.of(
          "dev.parley.protocol",
          "dev.parley.platform",
          "dev.parley.crypto",
          "dev.parley.client",
          "dev.parley.server",
          "dev.parley.app");

  /** dev.parley.server.relay.Foo and dev.parley.server.relay.x.Bar are slice "relay". */
  private record TopLevelPackages(String root) implements SliceAssignment {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      String pkg = javaClass.getPackageName();
      if (pkg.equals(root)) {
        return SliceIdentifier.of("(" + root + ")");
      }
      if (!pkg.startsWith(root + ".")) {
        return SliceIdentifier.ignore();
      }
      String rest = pkg.substring(root.length() + 1);
      int dot = rest.indexOf('.');
      return SliceIdentifier.of(root + "." + (dot < 0 ? rest : rest.substring(0, dot)));
    }

    @Override
    public String getDescription() {
      return "top-level packages of " + root;
    }
  }
}
