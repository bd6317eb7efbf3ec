package dev.countersign.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.keys.CosignKeys;
import dev.countersign.core.keys.PemKeys;
import dev.countersign.testing.internal.KeyFactory;
import dev.countersign.testing.samples.ThousandTestsSample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import dev.countersign.testing.samples.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

class TestKeysTest {
  @Test
  void sharedKeysAreGeneratedOncePerJvm() {
    TestKeys.rsa3072();
    TestKeys.ed25519();
    int before = KeyFactory.generated();
    EngineTestKit.engine("junit-jupiter").configurationParameter(Samples.RUN, "true")
        .selectors(selectClass(ThousandTestsSample.class)).execute()
        .testEvents().assertStatistics(s -> s.started(1000).succeeded(1000));
    assertEquals(before, KeyFactory.generated(), "1,000 tests must not generate a key");
  }

  @Test
  void concurrentFirstUseGeneratesOneKey() {
    var seen = ConcurrentHashMap.<TestKey>newKeySet();
    IntStream.range(0, 64).parallel().forEach(i -> seen.add(TestKeys.ecdsaP384()));
    assertEquals(1, seen.size());
    assertSame(TestKeys.ecdsaP384(), seen.iterator().next());
  }

  @Test
  void eachKindSignsWithItsAlgorithm() {
    byte[] data = "payload".getBytes(StandardCharsets.UTF_8);
    for (KeyKind kind : KeyKind.values()) {
      TestKey key = TestKeys.shared(kind);
      assertEquals(kind.algorithm(), key.signer().algorithm());
      assertTrue(kind.algorithm().accepts(key.publicKey()));
      key.verifier().verify(data, key.signer().sign(data));
    }
    assertEquals(SignatureAlgorithm.ECDSA_P256_SHA256, TestKeys.ecdsaP256().signer().algorithm());
  }

  @Test
  void freshKeysAreDistinctAndCountAsGenerations() {
    TestKey shared = TestKeys.ecdsaP256();
    int before = KeyFactory.generated();
    TestKey a = TestKeys.freshEcdsaP256();
    TestKey b = TestKeys.freshEcdsaP256();
    assertNotEquals(a.keyId(), b.keyId());
    assertNotEquals(shared.keyId(), a.keyId());
    assertEquals(before + 2, KeyFactory.generated());
  }

  @Test
  void writesPemAndCosignFilesThatReadBack(@TempDir Path dir) throws Exception {
    TestKey key = TestKeys.ed25519();
    Path pub = key.writePublicKey(dir);
    assertEquals("ed25519.pub", pub.getFileName().toString());
    assertArrayEquals(key.publicKey().getEncoded(),
        PemKeys.readPublicKey(Files.readAllBytes(pub), "pub").getEncoded());
    Path priv = key.writePrivateKey(dir);
    assertArrayEquals(key.publicKey().getEncoded(),
        PemKeys.readPrivateKey(Files.readAllBytes(priv), "priv").getPublic().getEncoded());
    char[] password = "pw".toCharArray();
    Path cosign = key.writeCosignKeyPair(dir, password);
    assertArrayEquals(new char[2], password, "password must be zeroed");
    assertTrue(Files.exists(dir.resolve("cosign.pub")));
    assertArrayEquals(key.publicKey().getEncoded(), CosignKeys.read(Files.readAllBytes(cosign),
        "pw".toCharArray(), "cosign.key").getPublic().getEncoded());
  }

  @Test
  void toStringHoldsNoKeyMaterial() {
    TestKey key = TestKeys.ecdsaP256();
    String s = key.toString();
    assertTrue(s.contains(key.keyId().toString()), s);
    assertFalse(s.contains("PRIVATE"), s);
    assertFalse(s.length() > 200, s);
  }

  @Test
  void pgpKeyIsSharedAndUnlocks() {
    TestPgpKey pgp = TestKeys.pgp();
    assertSame(pgp, TestKeys.pgp());
    assertEquals(pgp.fingerprint(), pgp.unlocked().owner().fingerprint());
    assertFalse(pgp.publicKeyring().hasSecretKeys());
    assertEquals("Countersign Test <test@countersign.dev>", pgp.userIds().get(0));
  }
}
