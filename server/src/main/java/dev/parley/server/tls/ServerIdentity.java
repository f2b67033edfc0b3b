package dev.parley.server.tls;

import dev.parley.platform.PrivateFiles;
import dev.parley.protocol.CertificateFingerprint;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The server's TLS key and certificate: generated once (EC P-256, self-signed) into the data folder
 * and reused on every start, or supplied by the admin as PEM files.
 */
public final class ServerIdentity {
  /** File name of the generated certificate inside the data folder. */
  public static final String CERT_FILE = "server-cert.pem";

  /** File name of the generated private key inside the data folder. */
  public static final String KEY_FILE = "server-key.pem";

  private final PrivateKey key;
  private final X509Certificate certificate;

  private ServerIdentity(PrivateKey key, X509Certificate certificate) {
    this.key = key;
    this.certificate = certificate;
  }

  /** Loads the generated identity from {@code dataDir}, creating it on first start. */
  public static ServerIdentity loadOrCreate(Path dataDir, String name) throws IOException {
    Path cert = dataDir.resolve(CERT_FILE);
    Path key = dataDir.resolve(KEY_FILE);
    PrivateFiles.directory(dataDir);
    if (Files.exists(cert) && Files.exists(key)) {
      PrivateFiles.tighten(key);
      return load(cert, key);
    }
    ServerIdentity created = generate(name);
    created.write(cert, key);
    return created;
  }

  /** Loads an admin-supplied PEM certificate and private key. */
  public static ServerIdentity load(Path certFile, Path keyFile) throws IOException {
    try (Reader certReader = Files.newBufferedReader(certFile, StandardCharsets.US_ASCII);
        Reader keyReader = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII);
        PEMParser certPem = new PEMParser(certReader);
        PEMParser keyPem = new PEMParser(keyReader)) {
      Object c = certPem.readObject();
      if (!(c instanceof X509CertificateHolder holder)) {
        throw new IOException(certFile + " does not hold a PEM certificate");
      }
      X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
      Object k = keyPem.readObject();
      JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
      PrivateKey privateKey;
      if (k instanceof PEMKeyPair pair) {
        privateKey = conv.getPrivateKey(pair.getPrivateKeyInfo());
      } else if (k instanceof PrivateKeyInfo info) {
        privateKey = conv.getPrivateKey(info);
      } else {
        throw new IOException(keyFile + " does not hold an unencrypted PEM private key");
      }
      return new ServerIdentity(privateKey, certificate);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the TLS certificate: " + e.getMessage(), e);
    }
  }

  /** A fresh EC P-256 key with a self-signed certificate valid for ten years. */
  static ServerIdentity generate(String name) throws IOException {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair kp = gen.generateKeyPair();
      Instant now = Instant.now();
      X500Name subject = new X500Name("CN=" + cnSafe(name) + ",O=Parley");
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              new BigInteger(127, new SecureRandom()),
              Date.from(now.minus(Duration.ofDays(1))),
              Date.from(now.plus(Duration.ofDays(3650))),
              subject,
              kp.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
      return new ServerIdentity(kp.getPrivate(), cert);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("cannot create the TLS certificate", e);
    }
  }

  private static String cnSafe(String name) {
    String s = name.replaceAll("[^A-Za-z0-9 ._-]", "");
    return s.isBlank() ? "Parley server" : s;
  }

  private void write(Path certFile, Path keyFile) throws IOException {
    Files.createDirectories(certFile.toAbsolutePath().getParent());
    writeSecret(keyFile, pem(new JcaPKCS8Generator(key, null)));
    Path tmp = Files.createTempFile(certFile.toAbsolutePath().getParent(), "cert", ".tmp");
    Files.writeString(tmp, pem(certificate), StandardCharsets.US_ASCII);
    Files.move(tmp, certFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void writeSecret(Path file, String content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp;
    try {
      tmp =
          Files.createTempFile(
              dir,
              "key",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      tmp = Files.createTempFile(dir, "key", ".tmp");
    }
    Files.writeString(tmp, content, StandardCharsets.US_ASCII);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String pem(Object o) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(o);
    }
    return out.toString();
  }

  /** The private key. */
  public PrivateKey privateKey() {
    return key;
  }

  /** The certificate presented to clients. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** SHA-256 of the certificate's DER form as upper-case hex pairs joined by ':'. */
  public String fingerprint() {
    return fingerprint(certificate);
  }

  /** The fingerprint format every Parley peer uses for {@code cert}. */
  public static String fingerprint(X509Certificate cert) {
    try {
      return CertificateFingerprint.of(cert.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("certificate cannot be encoded", e);
    }
  }
}
