package dev.countersign.keys.internal.timestamp;

import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;

/** Decodes RFC 3161 structures with Bouncy Castle, turning every parse failure into {@link InvalidInputException}. */
public final class TokenDecoding {
  /** Cap on the DER of a token or response accepted for decoding. */
  public static final int MAX_TOKEN_BYTES = 1 << 20;

  private TokenDecoding() {}

  /**
   * Decodes either a {@code TimeStampResp} (as cosign and Sigstore bundles store it) or a bare
   * {@code TimeStampToken} ({@code ContentInfo} of CMS signed data). A response must carry a granted token.
   */
  public static TimeStampToken decode(byte[] der) {
    if (der == null || der.length == 0) {
      throw new InvalidInputException("timestamp is empty");
    }
    if (der.length > MAX_TOKEN_BYTES) {
      throw new InvalidInputException("timestamp of " + der.length + " bytes exceeds the limit of " + MAX_TOKEN_BYTES);
    }
    TimeStampResponse response = responseOrNull(der);
    if (response != null) {
      TimeStampToken token = response.getTimeStampToken();
      if (token == null) {
        throw new InvalidInputException("timestamp response carries no token: " + TsaResponses.statusText(response));
      }
      return token;
    }
    try {
      return new TimeStampToken(new CMSSignedData(der));
    } catch (CMSException | TSPException | IOException | RuntimeException e) {
      throw new InvalidInputException("not an RFC 3161 timestamp token or response: " + e.getMessage(), e);
    }
  }

  /** Whether the bytes are a {@code TimeStampResp} (rather than a bare token). */
  public static boolean isResponse(byte[] der) {
    return responseOrNull(der) != null;
  }

  /** Parses a {@code TimeStampResp}, or null when the bytes are not one. */
  static TimeStampResponse responseOrNull(byte[] der) {
    try {
      return new TimeStampResponse(der);
    } catch (TSPException | IOException | RuntimeException e) {
      return null;
    }
  }

  /** The digest algorithm of a message imprint, or an error naming an unsupported one (e.g. SHA-1). */
  public static DigestAlgorithm digestAlgorithm(ASN1ObjectIdentifier oid) {
    if (NISTObjectIdentifiers.id_sha256.equals(oid)) {
      return DigestAlgorithm.SHA256;
    }
    if (NISTObjectIdentifiers.id_sha384.equals(oid)) {
      return DigestAlgorithm.SHA384;
    }
    if (NISTObjectIdentifiers.id_sha512.equals(oid)) {
      return DigestAlgorithm.SHA512;
    }
    throw new InvalidInputException("timestamp message imprint uses unsupported hash algorithm " + oid
        + " (supported: SHA-256, SHA-384, SHA-512)");
  }

  /** The OID of a supported digest algorithm. */
  public static ASN1ObjectIdentifier oid(DigestAlgorithm algorithm) {
    switch (algorithm) {
      case SHA384:
        return NISTObjectIdentifiers.id_sha384;
      case SHA512:
        return NISTObjectIdentifiers.id_sha512;
      default:
        return NISTObjectIdentifiers.id_sha256;
    }
  }

  /** All certificates embedded in the token. */
  public static List<X509Certificate> certificates(TimeStampToken token) {
    List<X509Certificate> out = new ArrayList<>();
    for (X509CertificateHolder h : token.getCertificates().getMatches(null)) {
      out.add(toJca(h));
    }
    return out;
  }

  /** The embedded certificate that matches the token's signer id, or null when the TSA did not include it. */
  @SuppressWarnings("unchecked")
  public static X509Certificate embeddedSigner(TimeStampToken token) {
    for (X509CertificateHolder h : token.getCertificates().getMatches((Selector<X509CertificateHolder>) token.getSID())) {
      return toJca(h);
    }
    return null;
  }

  /** Whether {@code cert} is the one the token's signer id names. */
  public static boolean isSigner(TimeStampToken token, X509Certificate cert) {
    try {
      return token.getSID().match(new X509CertificateHolder(cert.getEncoded()));
    } catch (IOException | java.security.cert.CertificateEncodingException e) {
      return false;
    }
  }

  static X509Certificate toJca(X509CertificateHolder holder) {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
    } catch (CertificateException | IOException e) {
      throw new InvalidInputException("timestamp carries an unreadable certificate: " + e.getMessage(), e);
    }
  }
}
