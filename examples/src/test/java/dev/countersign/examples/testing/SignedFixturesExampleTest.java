package dev.countersign.examples.testing;

import dev.countersign.core.Verifiers;
import dev.countersign.core.keys.PemKeys;
import dev.countersign.testing.SignedFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

// docs/testing.md, "Signed fixtures". The directory and its manifest were signed once with
// `countersign fixtures sign --key KEY src/test/resources/signed-fixtures`; only the public key is kept.
class SignedFixturesExampleTest {
  @Test
  void fixturesAreSignedAndUntampered() throws Exception {
    Path pub = Path.of("src/test/resources/signed-fixtures.pub");
    SignedFixtures.verify(Path.of("src/test/resources/signed-fixtures"),
        Verifiers.of(PemKeys.readPublicKey(Files.readAllBytes(pub), pub.toString())));
  }
}
