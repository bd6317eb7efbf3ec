package dev.countersign.oci.internal.signature;

import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.bundle.Rfc3161Timestamp;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.internal.timestamp.TimestampEvidence;
import dev.countersign.core.timestamp.Timestamper;
import dev.countersign.core.timestamp.TrustedTimestamps;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 3161 timestamps of a DSSE Sigstore bundle, as Sigstore clients make them: over the envelope's (first)
 * signature bytes, stored in {@code verificationMaterial.timestampVerificationData.rfc3161Timestamps}.
 */
public final class BundleTimestamps {
  private BundleTimestamps() {}

  /** {@code bundle} with a timestamp over its envelope signature from {@code timestamper} (null: unchanged). */
  public static Bundle stamp(Bundle bundle, Timestamper timestamper) {
    if (timestamper == null) {
      return bundle;
    }
    DsseEnvelope env = bundle.dsseEnvelope().orElseThrow(() -> new IllegalStateException("not a DSSE bundle"));
    byte[] response = timestamper.timestampResponse(env.signatures().get(0).sig());
    List<Rfc3161Timestamp> all = new ArrayList<>(bundle.verificationMaterial().rfc3161Timestamps());
    all.add(Rfc3161Timestamp.of(response));
    return Bundle.ofDsseEnvelope(bundle.verificationMaterial().withTimestamps(all), env);
  }

  /** The {@code timestamp} evidence of a DSSE bundle (an envelope without signatures has no signed bytes). */
  public static TimestampEvidence evaluate(Bundle bundle, DsseEnvelope env, TrustedTimestamps trusted) {
    List<byte[]> tokens = new ArrayList<>();
    bundle.verificationMaterial().rfc3161Timestamps().forEach(t -> tokens.add(t.signedTimestamp()));
    byte[] sig = env.signatures().isEmpty() ? new byte[0] : env.signatures().get(0).sig();
    return TimestampEvidence.evaluate(tokens, sig, "the envelope signature", trusted);
  }
}
