package dev.parley.server.testing;

import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/** Accepts any certificate: the raw test clients check the server's fingerprint themselves. */
public final class TrustAll implements X509TrustManager {
  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) {}

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) {}

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
