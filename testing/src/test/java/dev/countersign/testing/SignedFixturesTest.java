package dev.countersign.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.intoto.InTotoStatement;
import dev.countersign.core.intoto.ResourceDescriptor;
import dev.countersign.core.intoto.SignedAttestation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignedFixturesTest {
  private final TestKey key = TestKeys.ecdsaP256();

  private static Path fixtures(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("json/nested"));
    Files.writeString(dir.resolve("a.txt"), "alpha");
    Files.writeString(dir.resolve("json/b.json"), "{\"b\":1}");
    Files.write(dir.resolve("json/nested/c.bin"), new byte[] {0, 1, 2});
    return dir;
  }

  @Test
  void signsEveryFileAsSubjectsWithSlashPaths(@TempDir Path dir) throws IOException {
    Path manifest = SignedFixtures.sign(fixtures(dir), key.signer());
    assertEquals(dir.toRealPath().resolve(SignedFixtures.MANIFEST), manifest);
    Bundle bundle = Bundle.parse(manifest);
    InTotoStatement s = InTotoStatement.parse(bundle.dsseEnvelope().orElseThrow().payload());
    assertEquals(SignedFixtures.PREDICATE_TYPE, s.predicateType());
    assertEquals(3, s.predicate().get("files").asInt());
    assertEquals(List.of("a.txt", "json/b.json", "json/nested/c.bin"),
        s.subjects().stream().map(r -> r.name().orElseThrow()).collect(Collectors.toList()));
    assertTrue(s.hasSubject(Digest.compute(DigestAlgorithm.SHA256, "alpha".getBytes(StandardCharsets.UTF_8))));
    VerificationReport r = SignedFixtures.verify(dir, key.verifier());
    assertTrue(r.passed(), r::toString);
  }

  @Test
  void namesWithSpacesAndHiddenFilesRoundTrip(@TempDir Path dir) throws IOException {
    Path sub = Files.createDirectories(dir.resolve("dir with space"));
    Files.writeString(sub.resolve("name (1).txt"), "u");
    Files.writeString(dir.resolve(".hidden"), "h");
    SignedFixtures.sign(dir, key.signer());
    assertTrue(SignedFixtures.check(dir, key.verifier()).passed());
    Files.writeString(sub.resolve("name (1).txt"), "changed");
    FixturesMismatchError e = assertThrows(FixturesMismatchError.class,
        () -> SignedFixtures.verify(dir, key.verifier()));
    assertTrue(e.getMessage().contains("1 changed: dir with space/name (1).txt"), e.getMessage());
  }

  @Test
  void resigningReplacesTheManifestWhichIsNotAFixture(@TempDir Path dir) throws IOException {
    SignedFixtures.sign(fixtures(dir), key.signer());
    SignedFixtures.sign(dir, key.signer());
    assertTrue(SignedFixtures.check(dir, key.verifier()).passed());
  }

  @Test
  void listsAddedRemovedAndChangedFiles(@TempDir Path dir) throws IOException {
    SignedFixtures.sign(fixtures(dir), key.signer());
    Files.writeString(dir.resolve("new.txt"), "new");
    Files.delete(dir.resolve("json/b.json"));
    Files.writeString(dir.resolve("a.txt"), "ALPHA");
    FixturesMismatchError e = assertThrows(FixturesMismatchError.class,
        () -> SignedFixtures.verify(dir, key.verifier()));
    String m = e.getMessage();
    assertTrue(m.contains("fixtures-added: FAILED") && m.contains("1 added: new.txt"), m);
    assertTrue(m.contains("fixtures-removed: FAILED") && m.contains("1 removed: json/b.json"), m);
    assertTrue(m.contains("fixtures-changed: FAILED") && m.contains("1 changed: a.txt (signed sha256:"), m);
    assertFalse(e.report().passed());
    assertTrue(e instanceof AssertionError);
  }

  @Test
  void anotherKeyFailsTheSignatureCheck(@TempDir Path dir) throws IOException {
    SignedFixtures.sign(fixtures(dir), key.signer());
    FixturesMismatchError e = assertThrows(FixturesMismatchError.class,
        () -> SignedFixtures.verify(dir, TestKeys.ed25519().verifier()));
    assertTrue(e.report().failures().size() >= 1, e::getMessage);
    assertTrue(e.report().check("fixtures-added").isEmpty(), "files are not compared when the signature fails");
  }

  @Test
  void tamperedManifestFails(@TempDir Path dir) throws IOException {
    Path manifest = SignedFixtures.sign(fixtures(dir), key.signer());
    Bundle b = Bundle.parse(manifest);
    DsseEnvelope env = b.dsseEnvelope().orElseThrow();
    String payload = new String(env.payload(), StandardCharsets.UTF_8).replace("a.txt", "z.txt");
    DsseEnvelope forged = DsseEnvelope.of(env.payloadType(), payload.getBytes(StandardCharsets.UTF_8),
        env.signatures());
    Files.writeString(manifest, Bundle.ofDsseEnvelope(b.verificationMaterial(), forged).toJson());
    assertFalse(SignedFixtures.check(dir, key.verifier()).passed());
  }

  @Test
  void missingOrGarbageManifestFails(@TempDir Path dir) throws IOException {
    fixtures(dir);
    VerificationReport r = SignedFixtures.check(dir, key.verifier());
    assertEquals("none", r.check("fixtures-manifest").orElseThrow().actual().orElseThrow());
    Files.writeString(dir.resolve(SignedFixtures.MANIFEST), "{not json");
    FixturesMismatchError e = assertThrows(FixturesMismatchError.class,
        () -> SignedFixtures.verify(dir, key.verifier()));
    assertTrue(e.getMessage().contains("fixtures-manifest: FAILED"), e.getMessage());
  }

  @Test
  void refusesSymlinksAnywhere(@TempDir Path dir, @TempDir Path outside) throws IOException {
    fixtures(dir);
    Files.writeString(outside.resolve("secret"), "s");
    Files.createSymbolicLink(dir.resolve("json/nested/link"), outside.resolve("secret"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SignedFixtures.sign(dir, key.signer()));
    assertTrue(e.getMessage().contains("symbolic link in fixtures: json/nested/link"), e.getMessage());
    Files.delete(dir.resolve("json/nested/link"));
    SignedFixtures.sign(dir, key.signer());
    Files.createSymbolicLink(dir.resolve("linkdir"), outside);
    e = assertThrows(InvalidInputException.class, () -> SignedFixtures.verify(dir, key.verifier()));
    assertTrue(e.getMessage().contains("symbolic link in fixtures: linkdir"), e.getMessage());
  }

  @Test
  void refusesAManifestThatIsASymlink(@TempDir Path dir, @TempDir Path outside) throws IOException {
    fixtures(dir);
    Files.createSymbolicLink(dir.resolve(SignedFixtures.MANIFEST), Files.writeString(outside.resolve("m"), "{}"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SignedFixtures.sign(dir, key.signer()));
    assertTrue(e.getMessage().contains("symbolic link in fixtures: " + SignedFixtures.MANIFEST), e.getMessage());
    assertEquals("{}", Files.readString(outside.resolve("m")), "the link target must not be written");
  }

  @Test
  void refusesAManifestNamingPathsOutsideTheDirectory(@TempDir Path dir) throws IOException {
    fixtures(dir);
    for (String bad : List.of("../a.txt", "/etc/passwd", "json/../a.txt", "./a.txt", "json//b.json", "a\\b")) {
      InTotoStatement s = InTotoStatement.builder()
          .subject(ResourceDescriptor.of(bad, Digest.compute(DigestAlgorithm.SHA256, new byte[0])))
          .predicate(SignedFixtures.PREDICATE_TYPE, JsonNodeFactory.instance.objectNode().put("files", 1)).build();
      DsseEnvelope env = DsseEnvelope.sign(key.signer(), InTotoStatement.PAYLOAD_TYPE, s.toJson());
      Files.writeString(dir.resolve(SignedFixtures.MANIFEST), SignedAttestation.of(env, key.keyId()).bundleJson());
      VerificationReport r = SignedFixtures.check(dir, key.verifier());
      assertFalse(r.passed(), bad);
      assertEquals("'" + bad + "'", r.check("fixtures-paths").orElseThrow().actual().orElseThrow(), r::toString);
    }
  }

  @Test
  void refusesEmptyDirectoriesAndFiles(@TempDir Path dir) throws IOException {
    assertThrows(InvalidInputException.class, () -> SignedFixtures.sign(dir, key.signer()));
    Path file = Files.writeString(dir.resolve("f"), "x");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> SignedFixtures.sign(file, key.signer()));
    assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> SignedFixtures.check(dir.resolve("missing"), key.verifier()));
  }
}
