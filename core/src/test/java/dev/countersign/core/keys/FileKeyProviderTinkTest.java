package dev.countersign.core.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyBackends;
import dev.countersign.core.KeyQuery;
import dev.countersign.core.PasswordSource;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.VerificationException;
import dev.countersign.core.blob.BlobSigner;
import dev.countersign.core.blob.BlobVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file backend opens Tink keysets: the primary signs, every enabled key verifies. */
class FileKeyProviderTinkTest {
  private static final byte[] DATA = "rotate me".getBytes(StandardCharsets.UTF_8);

  @Test
  void signsWithThePrimaryAndVerifiesWithEveryEnabledKey(@TempDir Path dir) throws Exception {
    TinkKeyset first = TinkKeyset.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    TinkKeyset rotated = first.rotate();
    Path keyset = dir.resolve("keyset.json");
    Files.writeString(keyset, rotated.toCleartextJson());
    KeyBackends keys = KeyBackends.discover();

    Signer signer = keys.signer(keyset.toString(), PasswordSource.none());
    assertEquals(rotated.signer().keyId(), signer.keyId());
    byte[] old = first.signer().sign(DATA);

    assertEquals(2, keys.resolver(keyset.toString()).resolve(KeyQuery.any()).size());
    BlobVerifier.of(keys.resolver(keyset.toString()))
        .verifySignature(new java.io.ByteArrayInputStream(DATA), java.util.Base64.getEncoder().encodeToString(old));
    BlobVerifier.of(keys.resolver(keyset.toString()))
        .verifyBundle(new java.io.ByteArrayInputStream(DATA), BlobSigner.of(signer).sign(DATA).toBundle());

    Path pub = dir.resolve("public.json");
    Files.writeString(pub, rotated.toPublicJson());
    assertEquals(2, keys.resolver(pub.toString()).resolve(KeyQuery.any()).size());
    assertThrows(VerificationException.class, () -> keys.verifier(keyset.toString()).verify(
        "other".getBytes(StandardCharsets.UTF_8), old));
  }

  @Test
  void aKeysetIsNotASingleKey(@TempDir Path dir) throws Exception {
    Path keyset = dir.resolve("keyset.json");
    Files.writeString(keyset, TinkKeyset.generate(SignatureAlgorithm.ED25519).toCleartextJson());
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> PemKeys.readPrivateKey(Files.readAllBytes(keyset), "keyset.json"));
    assertTrue(e.getMessage().contains("Tink keyset"), e.getMessage());
  }
}
