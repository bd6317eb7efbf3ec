package dev.countersign.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyBackends;
import dev.countersign.core.KeyNotFoundException;
import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationException;
import dev.countersign.core.keys.PemKeys;
import dev.countersign.keys.internal.resolver.PublicKeyDownload;
import dev.countersign.testing.servers.TestKeyServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cosign's {@code --key https://.../pubkey.pem}, with and without a SHA-256 pin, against a real loopback server. */
class UrlKeyProviderTest {
  static final byte[] ARTIFACT = "artifact".getBytes(StandardCharsets.UTF_8);

  @TempDir Path site;
  TestKeyServer cdn;
  Signer signer;
  byte[] pem;

  @BeforeEach
  void serve() {
    signer = Signers.of(ManifestFixtures.ec());
    pem = PemKeys.writePublicKey(signer.publicKey()).getBytes(StandardCharsets.US_ASCII);
    ResolverFixtures.write(site, "pubkey-2026-11-25.pem", pem);
    cdn = CdnLog.serve(site);
  }

  @AfterEach
  void stop() {
    cdn.close();
  }

  String url() {
    return cdn.url() + "pubkey-2026-11-25.pem";
  }

  @Test
  void discoveryRoutesHttpsAndHttpToThisProviderWithoutAmbiguity() {
    Set<String> schemes = KeyBackends.discover().schemes();
    assertTrue(schemes.containsAll(Set.of("https", "http", "file")), schemes.toString());
  }

  @Test
  void fetchesThePemKeyAndVerifiesOncePerUrl() {
    KeyBackends backends = KeyBackends.discover();
    backends.verifier(url()).verify(ARTIFACT, signer.sign(ARTIFACT));
    backends.verifier(url() + "#sha256=" + PublicKeyDownload.sha256(pem)).verify(ARTIFACT, signer.sign(ARTIFACT));
    assertEquals(1, CdnLog.names(cdn).size(), "downloads are kept per URL");
  }

  @Test
  void aWrongPinIsRefusedNamingExpectedAndActual() {
    String wrong = "00".repeat(32);
    VerificationException e = assertThrows(VerificationException.class,
        () -> KeyBackends.discover().verifier(url() + "#sha256=" + wrong));
    VerificationCheck c = e.report().failures().get(0);
    assertEquals("key-sha256", c.name());
    assertEquals(wrong, c.expected().orElseThrow());
    assertEquals(PublicKeyDownload.sha256(pem), c.actual().orElseThrow());
  }

  @Test
  void badReferencesAndMissingKeys() {
    KeyBackends b = KeyBackends.discover();
    assertInstanceOf(InvalidInputException.class, assertThrows(RuntimeException.class,
        () -> b.verifier("http://cdn.example.com/pubkey.pem")));
    assertThrows(InvalidInputException.class, () -> b.verifier(url() + "#sha256=abc"));
    assertThrows(InvalidInputException.class, () -> b.verifier(url() + "#md5=" + "00".repeat(16)));
    assertThrows(KeyNotFoundException.class, () -> b.verifier(cdn.url() + "absent.pem"));
    assertThrows(InvalidInputException.class, () -> b.signer(url(), null));
  }
}
