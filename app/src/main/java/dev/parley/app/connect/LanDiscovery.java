package dev.parley.app.connect;

import dev.parley.app.ui.Fx;
import dev.parley.client.discovery.LanServer;
import dev.parley.client.discovery.LanServerBrowser;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.collections.ObservableList;

/**
 * Feeds the connect screen's "On your network" list from a LAN browser started off the FX thread.
 */
public final class LanDiscovery implements AutoCloseable {
  private final CompletableFuture<LanServerBrowser> browser;
  private ObservableList<LanServer> target;

  private LanDiscovery(CompletableFuture<LanServerBrowser> browser) {
    this.browser = browser;
  }

  /** Browses every suitable LAN interface (starting mDNS takes a moment, so it is async). */
  public static LanDiscovery onLan() {
    return on(List.of());
  }

  /** Browses on the given local addresses only. */
  public static LanDiscovery on(List<java.net.InetAddress> addresses) {
    LanDiscovery d =
        new LanDiscovery(CompletableFuture.supplyAsync(() -> LanServerBrowser.start(addresses)));
    d.browser.thenAccept(b -> b.onChange(list -> Fx.run(() -> d.publish(list))));
    return d;
  }

  /** No LAN traffic at all (tests, or a user who turned discovery off). */
  public static LanDiscovery off() {
    return new LanDiscovery(CompletableFuture.completedFuture(null));
  }

  /** Shows the live list in {@code list} (the current connect screen's). */
  public void bind(ObservableList<LanServer> list) {
    target = list;
    LanServerBrowser b = browser.getNow(null);
    if (b != null) {
      list.setAll(b.snapshot());
    }
  }

  private void publish(List<LanServer> servers) {
    if (target != null) {
      target.setAll(servers);
    }
  }

  @Override
  public void close() {
    browser.thenAccept(
        b -> {
          if (b != null) {
            b.close();
          }
        });
  }
}
