package dev.parley.client.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.api.ServerAddress;
import dev.parley.protocol.CertificateFingerprint;
import dev.parley.server.tls.ServerIdentity;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a connection ends, one way or the other, whatever the peer does after TLS. */
class ServerConnectionOpeningTest {
  @TempDir Path dir;
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  @Test
  void aPeerThatTakesTheHandshakeAndNeverGreetsFailsTheOpeningWithAReason() throws Exception {
    ServerIdentity identity = ServerIdentity.loadOrCreate(dir.resolve("server"), "silent");
    try (SSLServerSocket listener = tlsListener(identity)) {
      CompletableFuture<Socket> accepted =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  SSLSocket s = (SSLSocket) listener.accept();
                  s.startHandshake();
                  return s; // and never writes a line
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      ServerAddress address = new ServerAddress("127.0.0.1", listener.getLocalPort());
      KnownServers known = new KnownServers(dir.resolve("known_servers"));
      known.trust(address, CertificateFingerprint.of(identity.certificate().getEncoded()));

      CompletableFuture<ServerConnection> opening =
          ServerConnection.open(address, known, group, e -> {}, () -> {});

      long wait = ConnectionHandler.GREETING_DEADLINE.toSeconds() + 10;
      assertThatThrownBy(() -> opening.get(wait, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(IOException.class)
          .hasMessageContaining("did not greet within");
      // The link is closed, not left open behind the failed opening.
      Socket s = accepted.get(5, TimeUnit.SECONDS);
      s.setSoTimeout(5_000);
      assertThat(s.getInputStream().read()).isEqualTo(-1);
      s.close();
    }
  }

  private static SSLServerSocket tlsListener(ServerIdentity identity) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    char[] pw = "test".toCharArray();
    keys.setKeyEntry(
        "server", identity.privateKey(), pw, new Certificate[] {identity.certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, pw);
    SSLContext tls = SSLContext.getInstance("TLSv1.3");
    tls.init(kmf.getKeyManagers(), null, new SecureRandom());
    SSLServerSocket l =
        (SSLServerSocket)
            tls.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress());
    l.setEnabledProtocols(new String[] {"TLSv1.3"});
    return l;
  }
}
