package dev.countersign.testing.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.testing.Algorithm;
import dev.countersign.testing.Countersign;
import dev.countersign.testing.KeyKind;
import dev.countersign.testing.TestKey;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.RepeatedTest;

/** Run by TestKeysTest through EngineTestKit only: a suite of 1,000 tests that each take RSA and Ed25519 keys. */
@Countersign
@EnabledIf("dev.countersign.testing.samples.Samples#runByEngineTestKit")
public class ThousandTestsSample {
  @RepeatedTest(1000)
  void usesKeys(@Algorithm(KeyKind.RSA_3072) TestKey rsa, @Algorithm(KeyKind.ED25519) TestKey ed) {
    assertEquals(KeyKind.RSA_3072, rsa.kind());
    assertEquals(KeyKind.ED25519, ed.kind());
  }
}
