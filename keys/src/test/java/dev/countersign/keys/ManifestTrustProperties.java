package dev.countersign.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.core.Signer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ManifestTrustProperties {
  /** Keys 0-2 are the members of version 1 and 2; keys 3 and 4 are outsiders. */
  private static final List<Signer> POOL = ManifestFixtures.members(5);

  /**
   * Version 2 is accepted exactly when the distinct members among its signers reach both thresholds, however
   * often a member signs and whatever outsiders add.
   */
  @Property(tries = 60)
  void acceptedExactlyWhenDistinctMembersReachTheThreshold(@ForAll @IntRange(min = 1, max = 3) int threshold,
      @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 4) Integer> signers) {
    List<Signer> members = POOL.subList(0, 3);
    ManifestTrust trust = ManifestTrust.pin(ManifestFixtures.signedBy(ManifestFixtures.unsigned(1, members,
        threshold), members).toJson());
    KeyManifest v2 = ManifestFixtures.unsigned(2, members, threshold);
    List<ManifestSignature> sigs = new java.util.ArrayList<>();
    Set<Integer> distinctMembers = new HashSet<>();
    for (int i : signers) {
      Signer s = POOL.get(i);
      sigs.add(ManifestSignature.of(s.keyId(), s.sign(v2.signedBytes())));
      if (i < 3) {
        distinctMembers.add(i);
      }
    }
    byte[] json = v2.toBuilder().signatures(sigs).build().toJson();
    boolean expected = distinctMembers.size() >= threshold;
    assertEquals(expected, trust.check(json, ManifestFixtures.NOW).passed(), "signers " + signers);
  }
}
