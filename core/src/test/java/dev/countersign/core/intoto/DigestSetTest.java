package dev.countersign.core.intoto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DigestSetTest {
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);
  private static final String C1 = "c".repeat(40);

  @Test
  void matchesWhenACommonAlgorithmIsEqualAndNoneDiffers() {
    DigestSet x = DigestSet.of(Map.of("sha256", A, "sha1", C1));
    assertTrue(x.matches(DigestSet.of("sha256", A)));
    assertTrue(x.matches(DigestSet.of(Map.of("sha256", A, "sha512", "0".repeat(128)))));
    assertFalse(x.matches(DigestSet.of("sha256", B)));
    assertFalse(x.matches(DigestSet.of("sha512", "0".repeat(128))), "no common algorithm");
    assertFalse(x.matches(DigestSet.of(Map.of("sha256", A, "sha1", "d".repeat(40)))), "a common one differs");
    assertFalse(x.matches((DigestSet) null));
    assertFalse(DigestSet.of(Map.of()).matches(DigestSet.of(Map.of())));
  }

  @Test
  void fromCoreDigest() {
    Digest d = Digest.compute(DigestAlgorithm.SHA384, new byte[3]);
    DigestSet s = DigestSet.of(d);
    assertEquals(Map.of("sha384", d.hex()), s.asMap());
    assertEquals(d, s.digest(DigestAlgorithm.SHA384).get());
    assertTrue(s.matches(d));
  }

  @Test
  void upperCaseHexIsKeptInLowerCase() {
    assertEquals(A, DigestSet.of("sha256", A.toUpperCase()).get("sha256").get());
  }

  @ParameterizedTest
  @CsvSource({"sha256,64", "sha384,96", "sha512,128", "sha1,40", "md5,32", "gitCommit,40", "gitCommit,64",
      "gitTree,40"})
  void acceptsHexOfTheAlgorithmsLength(String alg, int len) {
    assertEquals(len, DigestSet.of(alg, "0".repeat(len)).get(alg).get().length());
  }

  @ParameterizedTest
  @CsvSource({"sha256,63", "sha256,65", "sha384,64", "sha512,64", "sha1,64", "gitCommit,41", "gitCommit,0"})
  void refusesHexOfAnotherLength(String alg, int len) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> DigestSet.of(alg, "0".repeat(len)));
    assertTrue(e.getMessage().contains(alg + " must be"), e.getMessage());
  }

  @Test
  void otherAlgorithmsKeepAnyNonEmptyValue() {
    assertEquals("8970095005306000053", DigestSet.of("gce_image_id", "8970095005306000053").get("gce_image_id")
        .get());
    assertThrows(InvalidInputException.class, () -> DigestSet.of("x", ""));
    assertThrows(InvalidInputException.class, () -> DigestSet.of("", "abc"));
  }
}
