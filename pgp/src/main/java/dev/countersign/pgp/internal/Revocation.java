package dev.countersign.pgp.internal;

import java.time.Instant;
import org.bouncycastle.bcpg.sig.RevocationReason;
import org.bouncycastle.bcpg.sig.RevocationReasonTags;
import org.bouncycastle.openpgp.PGPSignature;

/**
 * A verified key or subkey revocation: when it was made and why. A <em>soft</em> revocation (key superseded or
 * retired) takes effect at its time; a <em>hard</em> one (key compromised, no reason or an unknown reason) voids
 * the key at every time, as RFC 9580 section 5.2.3.31 recommends.
 */
public record Revocation(Instant time, int reasonCode, String reasonText) {

  static Revocation of(PGPSignature sig) {
    RevocationReason reason = sig.hasSubpackets() ? sig.getHashedSubPackets().getRevocationReason() : null;
    return new Revocation(sig.getCreationTime().toInstant(),
        reason == null ? RevocationReasonTags.NO_REASON : reason.getRevocationReason() & 0xff,
        reason == null ? "" : reason.getRevocationDescription());
  }

  /** Whether the revocation voids the key at every time, not only from {@link #time()} on. */
  public boolean hard() {
    return reasonCode != RevocationReasonTags.KEY_SUPERSEDED && reasonCode != RevocationReasonTags.KEY_RETIRED;
  }

  /** Whether the revocation is in effect at {@code at}. */
  public boolean inEffectAt(Instant at) {
    return hard() || !time.isAfter(at);
  }

  /** The reason code's name, e.g. {@code key compromised}. */
  public String reasonName() {
    switch (reasonCode) {
      case RevocationReasonTags.NO_REASON:
        return "no reason specified";
      case RevocationReasonTags.KEY_SUPERSEDED:
        return "key superseded";
      case RevocationReasonTags.KEY_COMPROMISED:
        return "key compromised";
      case RevocationReasonTags.KEY_RETIRED:
        return "key retired";
      case RevocationReasonTags.USER_NO_LONGER_VALID:
        return "user id no longer valid";
      default:
        return "reason code " + reasonCode;
    }
  }

  /** E.g. {@code on 2024-01-02T03:04:05Z (reason: key compromised: "lost laptop")}. */
  public String describe() {
    String text = reasonText == null || reasonText.isBlank() ? "" : ": \"" + printable(reasonText) + "\"";
    return "on " + time + " (reason: " + reasonName() + text + ")";
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().limit(200).forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    return b.toString().trim();
  }
}
