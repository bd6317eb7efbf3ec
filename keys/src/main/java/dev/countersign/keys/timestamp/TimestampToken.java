package dev.countersign.keys.timestamp;

import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.keys.internal.timestamp.TokenDecoding;
import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;

/**
 * An RFC 3161 timestamp token as a TSA issued it: its DER, the claimed time, the message imprint and the TSA
 * certificate it embeds. Parsing establishes nothing about trust; {@link TimestampVerifier} does.
 */
public final class TimestampToken {
  private final byte[] encoded;
  private final byte[] response;
  private final Instant genTime;
  private final DigestAlgorithm hashAlgorithm;
  private final byte[] messageImprint;
  private final BigInteger serialNumber;
  private final String policy;
  private final BigInteger nonce;
  private final List<X509Certificate> certificates;
  private final X509Certificate tsaCertificate;

  private TimestampToken(TimeStampToken token, byte[] response) throws IOException {
    TimeStampTokenInfo info = token.getTimeStampInfo();
    this.encoded = token.getEncoded(ASN1Encoding.DER);
    this.response = response != null ? response.clone()
        : new TimeStampResp(new PKIStatusInfo(PKIStatus.granted), token.toCMSSignedData().toASN1Structure())
            .getEncoded(ASN1Encoding.DER);
    this.genTime = info.getGenTime().toInstant();
    this.hashAlgorithm = TokenDecoding.digestAlgorithm(info.getMessageImprintAlgOID());
    this.messageImprint = info.getMessageImprintDigest();
    this.serialNumber = info.getSerialNumber();
    this.policy = info.getPolicy().getId();
    this.nonce = info.getNonce();
    this.certificates = List.copyOf(TokenDecoding.certificates(token));
    this.tsaCertificate = TokenDecoding.embeddedSigner(token);
  }

  /**
   * Parses a DER {@code TimeStampResp} (what cosign's annotation and Sigstore bundles store) or a bare DER
   * {@code TimeStampToken}.
   *
   * @throws InvalidInputException when the bytes are neither, the response carries no token, or the imprint
   *     uses a hash other than SHA-256/384/512
   */
  public static TimestampToken parse(byte[] der) {
    TimeStampToken token = TokenDecoding.decode(der);
    return of(token, TokenDecoding.isResponse(der) ? der : null);
  }

  static TimestampToken of(TimeStampToken token, byte[] response) {
    try {
      return new TimestampToken(token, response);
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidInputException) {
        throw (InvalidInputException) e;
      }
      throw new InvalidInputException("timestamp token cannot be read: " + e.getMessage(), e);
    }
  }

  /** A copy of the DER {@code TimeStampToken} (CMS {@code ContentInfo}). */
  public byte[] encoded() {
    return encoded.clone();
  }

  /**
   * A copy of the DER {@code TimeStampResp}: the TSA's answer when known, else the token wrapped with status
   * granted. This is the form for {@code timestampVerificationData} and cosign's rfc3161timestamp annotation.
   */
  public byte[] responseEncoded() {
    return response.clone();
  }

  /** The time the TSA claims (trusted only after {@link TimestampVerifier} passed). */
  public Instant genTime() {
    return genTime;
  }

  public DigestAlgorithm hashAlgorithm() {
    return hashAlgorithm;
  }

  /** A copy of the message imprint: the hash of the timestamped signature bytes. */
  public byte[] messageImprint() {
    return messageImprint.clone();
  }

  public BigInteger serialNumber() {
    return serialNumber;
  }

  /** The TSA policy OID. */
  public String policy() {
    return policy;
  }

  public Optional<BigInteger> nonce() {
    return Optional.ofNullable(nonce);
  }

  /** Every certificate embedded in the token. */
  public List<X509Certificate> certificates() {
    return certificates;
  }

  /** The embedded certificate named by the token's signer id, when the TSA included it. */
  public Optional<X509Certificate> tsaCertificate() {
    return Optional.ofNullable(tsaCertificate);
  }

  @Override
  public String toString() {
    return "TimestampToken{genTime=" + genTime + ", imprint=" + hashAlgorithm.ociName() + ":"
        + HexFormat.of().formatHex(messageImprint) + ", serial=" + serialNumber + "}";
  }
}
