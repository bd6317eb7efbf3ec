package dev.countersign.keys.internal.timestamp;

import dev.countersign.core.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;

/** PEM certificate lists, the TSA certificate's extended key usage, and PKIX path building to a trusted root. */
public final class TsaCertificates {
  /** id-kp-timeStamping. */
  public static final String TIME_STAMPING = "1.3.6.1.5.5.7.3.8";
  private static final String ANY_EKU = "2.5.29.37.0";
  private static final String EKU_EXTENSION = "2.5.29.37";

  private TsaCertificates() {}

  /** Every certificate of a PEM (or DER) text; refuses an empty or unreadable one, naming {@code what}. */
  public static List<X509Certificate> parse(String pem, String what) {
    if (pem == null || pem.isBlank()) {
      throw new InvalidInputException(what + " is empty");
    }
    try {
      Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      List<X509Certificate> out = new ArrayList<>();
      for (Certificate c : certs) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new InvalidInputException(what + " holds no certificate");
      }
      return out;
    } catch (GeneralSecurityException | RuntimeException e) {
      if (e instanceof InvalidInputException) {
        throw (InvalidInputException) e;
      }
      throw new InvalidInputException(what + " is not a PEM certificate list: " + e.getMessage(), e);
    }
  }

  /** Whether the certificate's issuer and subject are equal and it verifies with its own key. */
  public static boolean selfSigned(X509Certificate cert) {
    if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
      return false;
    }
    try {
      cert.verify(cert.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /**
   * Null when the leaf's extended key usage is what RFC 3161 section 2.3 requires and sigstore's
   * timestamp-authority enforces (present, critical, exactly one purpose: id-kp-timeStamping); else the problem.
   */
  public static String leafEkuProblem(X509Certificate leaf) {
    List<String> ekus;
    try {
      ekus = leaf.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      return "the extended key usage extension is unreadable";
    }
    if (ekus == null) {
      return "the certificate has no extended key usage (id-kp-timeStamping required)";
    }
    if (!ekus.contains(TIME_STAMPING)) {
      return "the extended key usage " + ekus + " lacks id-kp-timeStamping";
    }
    if (ekus.size() != 1) {
      return "the extended key usage " + ekus + " must be id-kp-timeStamping only";
    }
    Set<String> critical = leaf.getCriticalExtensionOIDs();
    if (critical == null || !critical.contains(EKU_EXTENSION)) {
      return "the extended key usage extension must be critical";
    }
    return null;
  }

  /**
   * Null when every intermediate of the path that restricts its extended key usage allows timestamping (EKU
   * chaining, as Go's x509 verification with ExtKeyUsageTimeStamping requires); else the problem.
   */
  public static String intermediateEkuProblem(List<X509Certificate> intermediates) {
    for (X509Certificate c : intermediates) {
      try {
        List<String> ekus = c.getExtendedKeyUsage();
        if (ekus != null && !ekus.contains(TIME_STAMPING) && !ekus.contains(ANY_EKU)) {
          return "intermediate " + c.getSubjectX500Principal().getName() + " restricts its extended key usage to "
              + ekus + " without id-kp-timeStamping";
        }
      } catch (CertificateParsingException e) {
        return "intermediate " + c.getSubjectX500Principal().getName() + " has an unreadable extended key usage";
      }
    }
    return null;
  }

  /**
   * Builds and validates a PKIX path from {@code leaf} to one of {@code roots} at time {@code at}, without
   * revocation checking; returns the path's certificates below the anchor (leaf first).
   *
   * @throws GeneralSecurityException when no valid path exists (the message says why)
   */
  public static List<X509Certificate> path(X509Certificate leaf, List<X509Certificate> roots,
      List<X509Certificate> pool, Instant at) throws GeneralSecurityException {
    Set<TrustAnchor> anchors = new java.util.HashSet<>();
    for (X509Certificate r : roots) {
      anchors.add(new TrustAnchor(r, null));
    }
    X509CertSelector target = new X509CertSelector();
    target.setCertificate(leaf);
    PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
    params.setRevocationEnabled(false);
    params.setDate(Date.from(at));
    List<X509Certificate> store = new ArrayList<>(pool);
    store.add(leaf);
    params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)));
    PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
    List<X509Certificate> out = new ArrayList<>();
    for (Certificate c : result.getCertPath().getCertificates()) {
      out.add((X509Certificate) c);
    }
    return out;
  }
}
