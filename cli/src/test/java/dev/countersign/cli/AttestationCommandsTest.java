package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.oci.ImageBuilder;
import dev.countersign.oci.OciLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first seed workflow on the command line, on an OCI layout: sign, provenance, attest, verify-attestation with
 * a policy, promote (one pass, one rejection), and the customer's verify of {@code :prod} and its VSA.
 */
class AttestationCommandsTest {
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  @TempDir
  Path dir;

  private String image;
  private String layout;

  @BeforeEach
  void buildSignAndAttest() throws IOException {
    Path l = dir.resolve("layout");
    ImageBuilder.create().timestamp(Instant.EPOCH).addContent("hello".getBytes(StandardCharsets.UTF_8), "/app/x", 0644)
        .build(OciLayout.create(l), "dev");
    layout = "oci:" + l;
    image = layout + ":dev";
    Cli.withPassword("", "generate-key-pair", "--output-key-prefix", dir.resolve("dev").toString()).expect(0);
    Cli.withPassword("", "generate-key-pair", "--output-key-prefix", dir.resolve("platform").toString()).expect(0);
    Cli.withPassword("", "sign", "--key", key("dev.key"), image).expect(0);
    Cli.run("provenance", "generate", "--source-uri", "https://github.com/acme/web", "--commit", COMMIT, "--ref",
        "refs/heads/main", "--builder-id", "https://ci.example.com/builders/linux@v1", "--build-type",
        "https://ci.example.com/buildtypes/make/v1", "--entry-point", "make image", "--subject", image,
        "--predicate-only", "-o", key("prov.json")).expect(0);
    Cli.withPassword("", "attest", "--key", key("dev.key"), "--predicate", key("prov.json"), "--type",
        "slsaprovenance1", image).expect(0);
    policy("policy.yaml", "github.com/acme/web");
    policy("other-policy.yaml", "github.com/acme/api");
  }

  @Test
  void verifyAttestationPrintsTheStatementAndChecksThePolicy() {
    Cli.Result ok = Cli.run("verify-attestation", "--key", key("dev.pub"), "--type", "slsaprovenance1", "--policy",
        key("policy.yaml"), image).expect(0);
    assertEquals(1, ok.out().lines().count(), ok.out());
    assertTrue(ok.out().contains("\"predicateType\":\"https://slsa.dev/provenance/v1\""), ok.out());
    assertTrue(ok.out().contains(COMMIT), ok.out());
    Cli.Result mismatch = Cli.run("verify-attestation", "--key", key("dev.pub"), "--type", "slsaprovenance1",
        "--policy", key("other-policy.yaml"), image).expect(1);
    assertTrue(mismatch.err().contains("build provenance mismatch: source repository expected github.com/acme/api"),
        mismatch.err());
    Cli.Result wrongType = Cli.run("verify-attestation", "--key", key("dev.pub"), "--type", "cyclonedx", image)
        .expect(1);
    assertTrue(wrongType.err().contains("https://slsa.dev/provenance/v1"), wrongType.err());
    Cli.run("verify-attestation", "--key", key("platform.pub"), "--type", "slsaprovenance1", image).expect(1);
  }

  @Test
  void promoteSignsAndTagsAGoodImageAndTheCustomerVerifiesItsSignatureAndVsa() {
    Cli.Result r = Cli.withPassword("", "promote", "--key", key("platform.key"), "--developer-key", key("dev.pub"),
        "--policy", key("policy.yaml"), image).expect(0);
    assertTrue(r.err().contains("tagged prod"), r.err());
    Cli.run("verify", "--key", key("platform.pub"), layout + ":prod").expect(0);
    Cli.Result vsa = Cli.run("verify-attestation", "--key", key("platform.pub"), "--type",
        "https://slsa.dev/verification_summary/v1", layout + ":prod").expect(0);
    assertTrue(vsa.out().contains("\"verificationResult\":\"PASSED\""), vsa.out());
    Cli.Result again = Cli.withPassword("", "promote", "--key", key("platform.key"), "--developer-key",
        key("dev.pub"), "--policy", key("policy.yaml"), image).expect(0);
    assertTrue(again.err().contains("already tagged prod"), again.err());
  }

  @Test
  void promoteCopiesIntoAProductionRepositoryAndSignsAndAttestsThere() {
    String prod = "oci:" + dir.resolve("prod-layout") + ":1.0";
    Cli.withPassword("", "promote", "--key", key("platform.key"), "--developer-key", key("dev.pub"), "--policy",
        key("policy.yaml"), "--to", prod, image).expect(0);
    Cli.run("verify", "--key", key("platform.pub"), prod).expect(0);
    Cli.run("verify-attestation", "--key", key("platform.pub"), "--type", "https://slsa.dev/verification_summary/v1",
        prod).expect(0);
    Cli.run("verify", "--key", key("platform.pub"), layout + ":dev").expect(1);
  }

  @Test
  void promoteRejectsAMismatchWithItsReasonAndWritesNothing() {
    Cli.Result r = Cli.withPassword("", "promote", "--key", key("platform.key"), "--developer-key", key("dev.pub"),
        "--policy", key("other-policy.yaml"), "-o", "json", image).expect(1);
    assertTrue(r.err().contains("rejected: build provenance mismatch: source repository expected "
        + "github.com/acme/api, got github.com/acme/web"), r.err());
    assertTrue(r.out().contains("\"source-repository\""), r.out());
    Cli.Result none = Cli.run("verify", "--key", key("platform.pub"), layout + ":prod").expect(1);
    assertTrue(none.err().contains("prod"), none.err());
    Cli.withPassword("", "promote", "--key", key("platform.key"), "--developer-key", key("platform.pub"),
        "--policy", key("policy.yaml"), image).expect(1);
  }

  @Test
  void attestBlobAndVerifyBlobAttestationRoundTripAndFailClosed() throws IOException {
    Path file = dir.resolve("app.tar.gz");
    Files.writeString(file, "artifact");
    Cli.withPassword("", "attest-blob", "--key", key("dev.key"), "--predicate", key("prov.json"), "--type",
        "slsaprovenance1", "--bundle", key("app.bundle"), "--output-signature", key("app.intoto.json"),
        file.toString()).expect(0);
    Cli.run("verify-blob-attestation", "--key", key("dev.pub"), "--bundle", key("app.bundle"), "--type",
        "slsaprovenance1", file.toString()).expect(0);
    Cli.Result env = Cli.run("verify-blob-attestation", "--key", key("dev.pub"), "--signature",
        key("app.intoto.json"), "--type", "slsaprovenance1", file.toString()).expect(0);
    assertTrue(env.out().contains("\"name\":\"app.tar.gz\""), env.out());
    Cli.run("verify-blob-attestation", "--key", key("dev.pub"), "--signature", key("app.intoto.json"), "--type",
        "cyclonedx", file.toString()).expect(1);
    Cli.run("verify-blob-attestation", "--key", key("platform.pub"), "--bundle", key("app.bundle"), "--type",
        "slsaprovenance1", file.toString()).expect(1);
    Files.writeString(file, "changed");
    Cli.Result changed = Cli.run("verify-blob-attestation", "--key", key("dev.pub"), "--bundle", key("app.bundle"),
        "--type", "slsaprovenance1", file.toString()).expect(1);
    assertTrue(changed.err().contains("subject"), changed.err());
    Cli.run("verify-blob-attestation", "--key", key("dev.pub"), "--bundle", key("app.bundle"), "--type",
        "slsaprovenance1", "--check-claims=false").expect(0);
    Cli.run("verify-blob-attestation", "--key", key("dev.pub"), "--bundle", key("app.bundle"), "--type",
        "slsaprovenance1").expect(2);
    assertFalse(Files.exists(dir.resolve("nothing")));
  }

  private String key(String name) {
    return dir.resolve(name).toString();
  }

  private void policy(String name, String repository) throws IOException {
    Files.writeString(dir.resolve(name), String.join("\n",
        "apiVersion: countersign.dev/v1",
        "kind: ProvenancePolicy",
        "predicateTypes: [https://slsa.dev/provenance/v1]",
        "source: {repositories: [" + repository + "], refs: [refs/heads/main], commits: []}",
        "builder: {ids: [https://ci.example.com/builders/linux@v1], idPrefixes: []}",
        "build: {types: [https://ci.example.com/buildtypes/make/v1], entryPoints: [make image]}",
        "maxAge: 720h",
        "rules:",
        "  - {name: no-dirty-tree, expression: \"!has(predicate.buildDefinition.externalParameters.dirty)\"}",
        ""));
  }
}
