package dev.countersign.oci.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class TriangulationTest {
  private static final String HEX = "87ef60f558bad79beea6425a3b28989f01dd417164150ab3baab98dcbf04def8";
  private static final Digest D = Digest.parse("sha256:" + HEX);

  @Test
  void tagsAsCosignNamesThem() {
    assertEquals("sha256-" + HEX + ".sig", Triangulation.signatureTag(D));
    assertEquals("sha256-" + HEX + ".att", Triangulation.attestationTag(D));
    assertEquals("sha256-" + HEX, Triangulation.referrersTag(D));
  }

  @Test
  void digestOfTagRoundTrips() {
    assertEquals(D, Triangulation.digestOf(Triangulation.signatureTag(D)));
    assertEquals(D, Triangulation.digestOf(Triangulation.attestationTag(D)));
    assertEquals(D, Triangulation.digestOf(Triangulation.referrersTag(D)));
    assertThrows(InvalidInputException.class, () -> Triangulation.digestOf("latest"));
    assertThrows(InvalidInputException.class, () -> Triangulation.digestOf("sha256-abc.sig"));
  }
}
