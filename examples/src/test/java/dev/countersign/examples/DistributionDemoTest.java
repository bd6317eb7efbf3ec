package dev.countersign.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.KeyBackends;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.core.keys.KeyGeneration;
import dev.countersign.core.keys.PemKeys;
import dev.countersign.oci.OciLayout;
import dev.countersign.oci.signature.ImageVerifier;
import dev.countersign.sbom.SbomVerification;
import dev.countersign.sbom.SbomVerifier;
import dev.countersign.testing.servers.TestKms;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DistributionDemoTest {
  /** The packages the demo's image carries (its resources), as purls. */
  static final List<String> PURLS = List.of(
      "pkg:deb/debian/base-files@12.4%2Bdeb12u11?arch=amd64&distro=debian-12",
      "pkg:deb/debian/ca-certificates@20230311%2Bdeb12u1?arch=all&distro=debian-12",
      "pkg:deb/debian/netbase@6.4?arch=all&distro=debian-12",
      "pkg:deb/debian/tzdata@2025b-0%2Bdeb12u2?arch=all&distro=debian-12",
      "pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1?arch=amd64&distro=debian-12&upstream=zlib",
      "pkg:npm/ms@2.1.3");

  @RegisterExtension
  static final TestKms KMS = TestKms.start();
  private static final Map<String, String> SAVED = new HashMap<>();

  @TempDir
  Path dir;

  @BeforeAll
  static void pointTheSdkAtTheTestKms() {
    set("aws.endpointUrlKms", KMS.endpoint());
    set("aws.region", KMS.region());
    set("aws.accessKeyId", "test");
    set("aws.secretAccessKey", "test");
  }

  @AfterAll
  static void restore() {
    SAVED.forEach((k, v) -> {
      if (v == null) {
        System.clearProperty(k);
      } else {
        System.setProperty(k, v);
      }
    });
  }

  @Test
  void withAFileKeyTheSbomListsThePackagesVerifiesWithTheKeyAndIsRefusedWithAnother() throws IOException {
    StringBuilder out = new StringBuilder();
    DistributionDemo.Outcome outcome = capture(out, () -> DistributionDemo.run(dir, null));

    assertTrue(outcome.verified().passed(), outcome.verified()::toString);
    Bom bom = outcome.verified().bom().orElseThrow();
    assertEquals(PURLS, bom.getComponents().stream().map(Component::getPurl).filter(p -> p != null).toList());
    assertTrue(bom.getComponents().stream().anyMatch(c -> c.getType() == Component.Type.OPERATING_SYSTEM
        && c.getName().equals("debian") && c.getVersion().equals("12")), bom.getComponents()::toString);
    assertFalse(outcome.refused().passed());
    assertTrue(outcome.refused().bom().isEmpty() && outcome.refused().json().isEmpty());

    // The user's copy, checked independently of the demo with the key published on the CDN.
    OciLayout user = OciLayout.open(dir.resolve("user"));
    KeyResolver published = KeyBackends.discover().resolver(outcome.publicKey().toString());
    assertEquals(outcome.image().digest(), ImageVerifier.builder().keyResolver(published).build()
        .verify(user, DistributionImage.VERSION).orThrow().digest().orElseThrow());
    SbomVerification sbom = SbomVerifier.builder().keyResolver(published).build().verify(user,
        outcome.image().digest().toString());
    assertTrue(sbom.passed(), sbom::toString);
    assertEquals(PURLS.size() + 1, sbom.bom().orElseThrow().getComponents().size());
    Verifier wrong = Verifiers.of(KeyGeneration.generate().getPublic());
    SbomVerification refused = SbomVerifier.builder().trust(wrong).build().verify(user, DistributionImage.VERSION);
    assertFalse(refused.passed());
    assertTrue(refused.bom().isEmpty());
    assertFalse(ImageVerifier.builder().trust(wrong).build().verify(user, DistributionImage.VERSION).passed());

    String text = out.toString();
    assertTrue(text.contains("governance:   release key file key " + dir.resolve("release.key")), text);
    assertTrue(text.contains("6. generated its CycloneDX 1.6 SBOM: 7 components (5 deb, 1 npm, 1 operating-system)"),
        text);
    assertTrue(text.contains("user:         13. downloaded the public key http://127.0.0.1:"), text);
    assertTrue(text.contains(outcome.publicKey().getFileName() + " (SHA-256 "), text);
    assertTrue(text.contains("user:         14. image signature verified (2 signatures by that key"), text);
    assertTrue(text.contains("zlib1g@1:1.2.13.dfsg-1           " + PURLS.get(4)), text);
    assertTrue(text.contains("ms@2.1.3                         pkg:npm/ms@2.1.3"), text);
    assertTrue(text.contains(": REFUSED, no SBOM handed out:"), text);
    assertTrue(text.contains("cosign .att layer: signature: FAILED"), text);
    assertTrue(text.contains("bundle referrer:   signature: FAILED"), text);
  }

  @Test
  void withAKmsKeyKmsSignsAndTheUserVerifiesWithThePublishedKey() throws IOException {
    String keyId = KMS.createKey("ECC_NIST_P256");
    KMS.createAlias("alias/demo-release", keyId);
    int signs = KMS.count("Sign");
    StringBuilder out = new StringBuilder();
    DistributionDemo.Outcome outcome = capture(out, () -> DistributionDemo.run(dir, "awskms:///alias/demo-release"));

    assertTrue(KMS.count("Sign") > signs, "KMS did not sign");
    assertFalse(Files.exists(dir.resolve("release.key")), "a file key was made although a KMS key was given");
    assertArrayEquals(PemKeys.readPublicKey(KMS.publicKeyPem(keyId).getBytes(StandardCharsets.UTF_8), "kms")
        .getEncoded(), PemKeys.readPublicKey(Files.readAllBytes(outcome.publicKey()), "cdn").getEncoded());
    assertTrue(outcome.verified().passed(), outcome.verified()::toString);
    assertEquals(PURLS, outcome.verified().bom().orElseThrow().getComponents().stream().map(Component::getPurl)
        .filter(p -> p != null).toList());
    assertFalse(outcome.refused().passed());
    assertTrue(out.toString().contains("governance:   release key awskms:///alias/demo-release"), out::toString);
    assertTrue(out.toString().contains("with the KMS key (signing done by KMS)"), out::toString);
  }

  @Test
  void theDemoThrowsWhenTheSbomVerifiesUnderTheKeyItMustBeRefusedWith() {
    String keyId = KMS.createKey("ECC_NIST_P256");
    KMS.createAlias("alias/demo-refusal", keyId);
    String reference = "awskms:///alias/demo-refusal";
    Verifier signingKey = KeyBackends.discover().verifier(reference);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> capture(new StringBuilder(),
        () -> DistributionDemo.run(dir, reference, signingKey)));
    assertTrue(e.getMessage().startsWith("the SBOM verified with " + signingKey.keyId() + ", a key that did not"),
        e.getMessage());
  }

  private interface Run {
    DistributionDemo.Outcome run() throws IOException;
  }

  private static DistributionDemo.Outcome capture(StringBuilder out, Run run) throws IOException {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      return run.run();
    } finally {
      System.setOut(original);
      out.append(captured.toString(StandardCharsets.UTF_8));
    }
  }

  private static void set(String key, String value) {
    SAVED.put(key, System.getProperty(key));
    System.setProperty(key, value);
  }
}
