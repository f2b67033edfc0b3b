package dev.parley.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.Limits;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
  @Test
  void theNameFitsTheHelloThatCarriesIt() {
    String longest = "n".repeat(Limits.MAX_SERVER_NAME_CHARS);
    assertThat(ServerConfig.builder(Path.of("d")).name(longest).build().name()).isEqualTo(longest);
    assertThatThrownBy(() -> ServerConfig.builder(Path.of("d")).name(longest + "n").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(String.valueOf(Limits.MAX_SERVER_NAME_CHARS));
  }
}
