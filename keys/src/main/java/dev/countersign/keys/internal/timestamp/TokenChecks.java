package dev.countersign.keys.internal.timestamp;

import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * The checks of a timestamp over a signature, in order: {@code imprint} (the token was issued over these signature
 * bytes), {@code tsa-signature} (CMS signature, ESS signing-certificate binding, certificate validity at genTime),
 * {@code tsa-chain} (PKIX path to a trusted root at genTime, no revocation) and {@code tsa-eku} (leaf: critical,
 * timestamping only; intermediates: EKU chaining). Bouncy Castle's {@code TimeStampToken.validate} checks neither the
 * imprint nor the chain, so both are done here.
 */
public final class TokenChecks {
  private static final String EKU_EXPECTED = "a critical extended key usage of id-kp-timeStamping only";

  private TokenChecks() {}

  /** Runs every check into {@code report}. */
  public static void run(byte[] tokenDer, byte[] signature, List<X509Certificate> roots,
      List<X509Certificate> pool, VerificationReport.Builder report) {
    TimeStampToken token = TokenDecoding.decode(tokenDer);
    Instant genTime = token.getTimeStampInfo().getGenTime().toInstant();
    report.add(imprint(token, signature));

    X509Certificate leaf = TokenDecoding.embeddedSigner(token);
    for (int i = 0; leaf == null && i < pool.size(); i++) {
      leaf = TokenDecoding.isSigner(token, pool.get(i)) ? pool.get(i) : null;
    }
    if (leaf == null) {
      report.add(VerificationCheck.failed("tsa-signature", "the TSA certificate named by the token's signer id", null,
          "neither the token nor the configured certificate chain holds it"));
      report.add(VerificationCheck.notPerformed("tsa-chain", "no TSA certificate"));
      report.add(VerificationCheck.notPerformed("tsa-eku", "no TSA certificate"));
      return;
    }
    String leafEku = TsaCertificates.leafEkuProblem(leaf);
    report.add(signature(token, leaf, leafEku == null));

    List<X509Certificate> all = new ArrayList<>(pool);
    all.addAll(TokenDecoding.certificates(token));
    List<X509Certificate> path = null;
    try {
      path = TsaCertificates.path(leaf, roots, all, genTime);
      report.add(VerificationCheck.passed("tsa-chain", leaf.getSubjectX500Principal().getName()
          + " chains to a trusted TSA root at " + genTime));
    } catch (GeneralSecurityException | RuntimeException e) {
      report.add(VerificationCheck.failed("tsa-chain", "a path to a trusted TSA root valid at " + genTime, null,
          leaf.getSubjectX500Principal().getName() + ": " + e.getMessage()));
    }

    if (leafEku != null) {
      report.add(VerificationCheck.failed("tsa-eku", EKU_EXPECTED, null, leafEku));
    } else {
      String intermediates = path == null ? null
          : TsaCertificates.intermediateEkuProblem(path.subList(1, path.size()));
      report.add(intermediates == null
          ? VerificationCheck.passed("tsa-eku", "TSA certificate has the critical id-kp-timeStamping usage only")
          : VerificationCheck.failed("tsa-eku", "intermediates allowing id-kp-timeStamping", null, intermediates));
    }
  }

  private static VerificationCheck imprint(TimeStampToken token, byte[] signature) {
    DigestAlgorithm alg = TokenDecoding.digestAlgorithm(token.getTimeStampInfo().getMessageImprintAlgOID());
    byte[] expected = alg.newMessageDigest().digest(signature);
    byte[] actual = token.getTimeStampInfo().getMessageImprintDigest();
    if (MessageDigest.isEqual(expected, actual)) {
      return VerificationCheck.passed("imprint", alg.ociName() + " of the signature matches the token's imprint");
    }
    HexFormat hex = HexFormat.of();
    return VerificationCheck.failed("imprint", alg.ociName() + ":" + hex.formatHex(expected),
        alg.ociName() + ":" + hex.formatHex(actual), "the timestamp was issued over other data than this signature");
  }

  /**
   * With a well-formed leaf, Bouncy Castle's {@code validate}: signature, ESS certificate binding, validity at
   * genTime. Without one (validate would refuse for the EKU, reported separately) the CMS signature alone.
   */
  private static VerificationCheck signature(TimeStampToken token, X509Certificate leaf, boolean ekuOk) {
    try {
      SignerInformationVerifier verifier = new JcaSimpleSignerInfoVerifierBuilder().build(leaf);
      if (ekuOk) {
        token.validate(verifier);
        return VerificationCheck.passed("tsa-signature", "signed by " + leaf.getSubjectX500Principal().getName()
            + " (ESS signing-certificate binding and validity at genTime checked)");
      }
      if (token.isSignatureValid(verifier)) {
        return VerificationCheck.passed("tsa-signature", "CMS signature verifies with "
            + leaf.getSubjectX500Principal().getName());
      }
      return VerificationCheck.failed("tsa-signature", "a signature by the TSA certificate", null,
          "the token's signature does not verify");
    } catch (TSPException | OperatorCreationException | RuntimeException e) {
      return VerificationCheck.failed("tsa-signature", "a signature by the TSA certificate", null, e.getMessage());
    }
  }
}
