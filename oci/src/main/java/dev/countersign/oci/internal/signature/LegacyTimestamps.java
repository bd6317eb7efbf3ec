package dev.countersign.oci.internal.signature;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.internal.timestamp.TimestampEvidence;
import dev.countersign.core.timestamp.CosignTimestampJson;
import dev.countersign.core.timestamp.TrustedTimestamps;
import dev.countersign.oci.Descriptor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RFC 3161 timestamp of a cosign legacy layer: the {@code dev.sigstore.cosign/rfc3161timestamp} annotation
 * ({@code {"SignedRFC3161Timestamp":"<base64 DER>"}}) over the layer's signed bytes (the raw signature of a
 * {@code .sig} layer, the DSSE envelope of an {@code .att} layer). The {@code timestamp} check is added when
 * timestamps are trusted (then required) or a token is present (then noted); an unreadable annotation fails it.
 */
public final class LegacyTimestamps {
  private LegacyTimestamps() {}

  /** Evaluates the layer's timestamp over {@code signedBytes}, adding the check to {@code r}. */
  public static TimestampEvidence evaluate(Descriptor layer, byte[] signedBytes, TrustedTimestamps trusted,
      VerificationReport.Builder r) {
    String json = layer.annotations().get(CosignTimestampJson.ANNOTATION);
    List<byte[]> tokens;
    if (json == null) {
      tokens = List.of();
    } else {
      try {
        tokens = List.of(CosignTimestampJson.parse(json));
      } catch (InvalidInputException e) {
        r.add(trusted == null
            ? VerificationCheck.notPerformed(TimestampEvidence.CHECK, "unreadable " + CosignTimestampJson.ANNOTATION
                + " annotation ignored: no trusted timestamp authority is configured")
            : VerificationCheck.failed(TimestampEvidence.CHECK, "{\"SignedRFC3161Timestamp\": <base64 DER>}",
                "unreadable annotation", CosignTimestampJson.ANNOTATION + " refused by rule format: "
                + e.getMessage()));
        return TimestampEvidence.evaluate(List.of(), signedBytes, "the signed bytes", null);
      }
    }
    TimestampEvidence ts = TimestampEvidence.evaluate(tokens, signedBytes, "the signed bytes", trusted);
    if (trusted != null || !tokens.isEmpty()) {
      r.add(ts.check());
    }
    return ts;
  }

  /** {@code layer} with the timestamp annotation added (when {@code timeStampResponse} is non-null). */
  public static Descriptor annotate(Descriptor layer, byte[] timeStampResponse) {
    if (timeStampResponse == null) {
      return layer;
    }
    Map<String, String> annotations = new LinkedHashMap<>(layer.annotations());
    annotations.put(CosignTimestampJson.ANNOTATION, CosignTimestampJson.write(timeStampResponse));
    return layer.toBuilder().annotations(annotations).build();
  }
}
