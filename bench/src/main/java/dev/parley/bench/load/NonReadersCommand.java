package dev.parley.bench.load;

import com.google.gson.JsonObject;
import dev.parley.protocol.frame.PingRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code non-readers}: the outside review's memory probe. K connections that never log in send M
 * MiB each of {@code x\n} (each line worth an error frame) and never read. Reports the server's
 * heap (after a full GC) and resident memory while they are attached, how much of the junk the
 * server took, and whether a new user can still register and get answers meanwhile.
 */
@Command(
    name = "non-readers",
    description =
        "K connections send M MiB of junk lines each and never read; reports the server's"
            + " memory and whether others are still served.")
final class NonReadersCommand implements Callable<Integer> {
  @Mixin TargetOptions target = new TargetOptions();

  @Option(
      names = {"-k", "--peers"},
      description = "Non-reading connections (default: ${DEFAULT-VALUE}).")
  int peers = 3;

  @Option(
      names = "--mib",
      description = "Junk each one tries to send, MiB (default: ${DEFAULT-VALUE}).")
  int mib = 5;

  @Option(
      names = "--settle",
      description = "Seconds to let them push before measuring (default: ${DEFAULT-VALUE}).")
  int settleSeconds = 10;

  @Override
  public Integer call() throws Exception {
    try (Target t = Target.open(target)) {
      ServerProcess server =
          t.process()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "non-readers measures the server's memory: run it without --server"));
      long heapBefore = server.collectAndMeasureHeap();
      long rssBefore = server.residentBytes();
      AtomicLong taken = new AtomicLong();
      List<Socket> sockets = new ArrayList<>();
      for (int i = 0; i < peers; i++) {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(t.address().host(), t.address().port()), 10_000);
        sockets.add(plain);
        SSLSocket s = tls(plain, t.address().host(), t.address().port());
        Thread w = new Thread(() -> flood(s, taken), "non-reader-" + i);
        w.setDaemon(true);
        w.start();
      }
      Thread.sleep(settleSeconds * 1000L);
      long heapDuring = server.collectAndMeasureHeap();
      long rssDuring = server.residentBytes();
      // Somebody else arrives meanwhile: registers and gets an answer.
      long t0 = System.nanoTime();
      boolean served;
      LoadUser newcomer = new LoadUser(LoadUser.runPrefix() + "-newcomer");
      try {
        newcomer.register(t).orTimeout(60, TimeUnit.SECONDS).join();
        newcomer.request(PingRequest::new).orTimeout(60, TimeUnit.SECONDS).join();
        served = true;
      } catch (RuntimeException e) {
        served = false;
      }
      double servedMs = (System.nanoTime() - t0) / 1e6;
      newcomer.disconnect();
      for (Socket s : sockets) {
        s.close(); // the plain socket: closing the TLS one would wait for the blocked writer
      }
      String summary =
          String.format(
              Locale.ROOT,
              "non-readers: %d connections offered %d MiB of junk lines each and read nothing;"
                  + " %,d KiB of it got out in %d s (into the server and the socket buffers)."
                  + " Server heap after GC %,d → %,d MiB,"
                  + " resident %,d → %,d MiB; a newcomer %s (%.0f ms)",
              peers,
              mib,
              taken.get() >> 10,
              settleSeconds,
              heapBefore >> 20,
              heapDuring >> 20,
              rssBefore >> 20,
              rssDuring >> 20,
              served ? "registered and was answered" : "was NOT served",
              servedMs);
      JsonObject json = new JsonObject();
      json.addProperty("mode", "non-readers");
      json.addProperty("peers", peers);
      json.addProperty("mibEach", mib);
      json.addProperty("bytesWritten", taken.get());
      json.addProperty("heapBeforeBytes", heapBefore);
      json.addProperty("heapDuringBytes", heapDuring);
      json.addProperty("rssBeforeBytes", rssBefore);
      json.addProperty("rssDuringBytes", rssDuring);
      json.addProperty("newcomerServed", served);
      json.addProperty("newcomerMs", Report.round(servedMs));
      Report.print(summary, json);
      return served ? 0 : 1;
    }
  }

  /** Writes {@link #mib} MiB of {@code x\n} in 64 KiB writes; blocks when the server stops. */
  private void flood(SSLSocket s, AtomicLong taken) {
    byte[] chunk = "x\n".repeat(32 * 1024).getBytes(StandardCharsets.US_ASCII);
    try {
      OutputStream out = s.getOutputStream();
      for (long sent = 0; sent < (long) mib << 20; sent += chunk.length) {
        out.write(chunk);
        out.flush();
        taken.addAndGet(chunk.length);
      }
    } catch (IOException e) {
      // closed by the server (or by us at the end)
    }
  }

  private static SSLSocket tls(Socket plain, String host, int port) throws Exception {
    SSLContext tls = SSLContext.getInstance("TLSv1.3");
    // The generator trusts the server it started; no pinning is needed to send junk.
    tls.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
    SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true);
    s.startHandshake();
    return s;
  }

  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
