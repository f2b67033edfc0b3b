package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.api.ServerAddress;
import org.junit.jupiter.api.Test;

class ServerAddressTest {

  @Test
  void hostAloneUsesTheDefaultPort() {
    assertThat(ServerAddress.parse("  Office-PC ")).isEqualTo(new ServerAddress("office-pc", 5417));
  }

  @Test
  void hostAndPort() {
    assertThat(ServerAddress.parse("192.168.1.20:6000"))
        .isEqualTo(new ServerAddress("192.168.1.20", 6000));
  }

  @Test
  void ipv6WithAndWithoutPort() {
    assertThat(ServerAddress.parse("[::1]:7000")).isEqualTo(new ServerAddress("::1", 7000));
    assertThat(ServerAddress.parse("[fe80::1]")).isEqualTo(new ServerAddress("fe80::1", 5417));
    assertThat(ServerAddress.parse("fe80::1")).isEqualTo(new ServerAddress("fe80::1", 5417));
  }

  @Test
  void printsBackWhatAUserWouldType() {
    assertThat(ServerAddress.parse("host").toString()).isEqualTo("host");
    assertThat(ServerAddress.parse("host:6000").toString()).isEqualTo("host:6000");
    assertThat(ServerAddress.parse("[::1]:6000").toString()).isEqualTo("[::1]:6000");
  }

  @Test
  void rejectsBadInputWithAReadableReason() {
    assertThatThrownBy(() -> ServerAddress.parse("")).hasMessageContaining("Enter a server");
    assertThatThrownBy(() -> ServerAddress.parse("host:")).hasMessageContaining("port");
    assertThatThrownBy(() -> ServerAddress.parse("host:99999")).hasMessageContaining("65535");
    assertThatThrownBy(() -> ServerAddress.parse("host:0")).hasMessageContaining("65535");
    assertThatThrownBy(() -> ServerAddress.parse("host:abc")).hasMessageContaining("number");
    assertThatThrownBy(() -> ServerAddress.parse(":5417")).hasMessageContaining("before the port");
    assertThatThrownBy(() -> ServerAddress.parse("a b")).hasMessageContaining("spaces");
    assertThatThrownBy(() -> ServerAddress.parse("[::1")).hasMessageContaining("']'");
  }
}
