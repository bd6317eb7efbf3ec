package dev.countersign.keys.internal;

import dev.countersign.core.CountersignException;
import dev.countersign.core.KeyId;
import dev.countersign.keys.ManifestMember;
import dev.countersign.keys.ManifestSignature;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Counts the distinct members whose signature over a manifest's signed bytes verifies. One member counts once
 * however many signatures it made; signatures by non-members and signatures that do not verify are counted apart
 * and never towards the threshold.
 */
public final class SignatureTally {
  private final Set<KeyId> signers = new LinkedHashSet<>();
  private int nonMembers;
  private int duplicates;
  private int invalid;

  private SignatureTally() {}

  /** Tallies {@code signatures} over {@code signed} against {@code members}. */
  public static SignatureTally of(List<ManifestMember> members, List<ManifestSignature> signatures, byte[] signed) {
    SignatureTally t = new SignatureTally();
    for (ManifestSignature s : signatures) {
      ManifestMember member = null;
      for (ManifestMember m : members) {
        if (m.keyId().matches(s.keyId())) {
          member = m;
        }
      }
      if (member == null) {
        t.nonMembers++;
        continue;
      }
      try {
        member.verifier().verify(signed, s.signature());
      } catch (CountersignException e) {
        t.invalid++;
        continue;
      }
      if (!t.signers.add(member.keyId())) {
        t.duplicates++;
      }
    }
    return t;
  }

  /** Distinct members with a valid signature. */
  public int count() {
    return signers.size();
  }

  /** What was counted and what was ignored, for a report. */
  public String describe(int threshold, int memberCount) {
    return count() + " of " + memberCount + " members signed validly (threshold " + threshold + "): " + signers
        + "; ignored " + nonMembers + " by non-members, " + duplicates + " repeated by one member, " + invalid
        + " invalid";
  }
}
