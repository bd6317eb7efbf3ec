package dev.countersign.keys.internal.timestamp;

import dev.countersign.core.BackendException;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/** Builds RFC 3161 requests as cosign does and checks the TSA's answer against the request. */
public final class TsaResponses {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TsaResponses() {}

  /** A request over {@code signature}: imprint = hash of the signature bytes, a 64-bit random nonce, certReq. */
  public static TimeStampRequest request(byte[] signature, DigestAlgorithm algorithm) {
    TimeStampRequestGenerator gen = new TimeStampRequestGenerator();
    gen.setCertReq(true);
    byte[] imprint = algorithm.newMessageDigest().digest(signature);
    return gen.generate(TokenDecoding.oid(algorithm), imprint, new BigInteger(63, RANDOM).add(BigInteger.ONE));
  }

  /**
   * The token of a granted response that answers {@code request} (same imprint and nonce, certificate included).
   * A refusal is a {@link BackendException} with the PKIStatus, failure info and status text; a malformed or
   * mismatched answer is an {@link InvalidInputException}.
   */
  public static TimeStampToken accept(TimeStampRequest request, byte[] body, String tsa) {
    TimeStampResponse response = TokenDecoding.responseOrNull(body);
    if (response == null) {
      throw new InvalidInputException("TSA " + tsa + " did not answer with an RFC 3161 TimeStampResp ("
          + body.length + " bytes)");
    }
    int status = response.getStatus();
    if (status != PKIStatus.GRANTED && status != PKIStatus.GRANTED_WITH_MODS) {
      throw new BackendException("TSA " + tsa + " refused the timestamp request: " + statusText(response),
          status == PKIStatus.WAITING);
    }
    try {
      response.validate(request);
    } catch (TSPException | RuntimeException e) {
      throw new InvalidInputException("TSA " + tsa + " answered with a token that does not match the request: "
          + e.getMessage(), e);
    }
    TimeStampToken token = response.getTimeStampToken();
    if (token == null) {
      throw new InvalidInputException("TSA " + tsa + " granted the request but sent no token");
    }
    return token;
  }

  /** {@code rejection (badAlg): text} for a response's PKIStatusInfo. */
  static String statusText(TimeStampResponse response) {
    StringBuilder s = new StringBuilder(statusName(response.getStatus()));
    PKIFailureInfo failure = response.getFailInfo();
    if (failure != null) {
      s.append(" (").append(failureNames(failure.intValue())).append(')');
    }
    String text = response.getStatusString();
    if (text != null && !text.isBlank()) {
      s.append(": ").append(text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }
    return s.toString();
  }

  private static String statusName(int status) {
    switch (status) {
      case PKIStatus.GRANTED:
        return "granted";
      case PKIStatus.GRANTED_WITH_MODS:
        return "grantedWithMods";
      case PKIStatus.REJECTION:
        return "rejection";
      case PKIStatus.WAITING:
        return "waiting";
      case PKIStatus.REVOCATION_WARNING:
        return "revocationWarning";
      case PKIStatus.REVOCATION_NOTIFICATION:
        return "revocationNotification";
      default:
        return "status " + status;
    }
  }

  private static String failureNames(int bits) {
    String[][] names = {
      {"badAlg", String.valueOf(PKIFailureInfo.badAlg)},
      {"badRequest", String.valueOf(PKIFailureInfo.badRequest)},
      {"badDataFormat", String.valueOf(PKIFailureInfo.badDataFormat)},
      {"timeNotAvailable", String.valueOf(PKIFailureInfo.timeNotAvailable)},
      {"unacceptedPolicy", String.valueOf(PKIFailureInfo.unacceptedPolicy)},
      {"unacceptedExtension", String.valueOf(PKIFailureInfo.unacceptedExtension)},
      {"addInfoNotAvailable", String.valueOf(PKIFailureInfo.addInfoNotAvailable)},
      {"systemFailure", String.valueOf(PKIFailureInfo.systemFailure)}};
    StringBuilder s = new StringBuilder();
    for (String[] n : names) {
      if ((bits & Integer.parseInt(n[1])) != 0) {
        s.append(s.length() == 0 ? "" : ", ").append(n[0]);
      }
    }
    return s.length() == 0 ? "failInfo " + bits : s.toString();
  }
}
