package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.oci.ImageBuilder;
import dev.countersign.oci.OciLayout;
import dev.countersign.testing.servers.TestKeyServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify}, {@code verify-attestation}, {@code verify-blob-attestation} and {@code promote} with
 * {@code --keys URL --trust-root FILE} against a real loopback server: images on OCI layouts signed by the
 * manifest's current, retired, revoked and not-yet-valid keys.
 */
class VerifyImageWithKeysTest {
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path dir;
  KeySite keys;
  TestKeyServer server;
  String layout;

  @BeforeEach
  void publish() throws IOException {
    keys = new KeySite(dir.resolve("site"), dir.resolve("keys"));
    server = KeyCdn.serve(keys.site);
    Path l = dir.resolve("layout");
    OciLayout oci = OciLayout.create(l);
    for (String tag : new String[] {"current", "old", "revoked", "next"}) {
      ImageBuilder.create().timestamp(Instant.EPOCH).addContent(tag.getBytes(StandardCharsets.UTF_8), "/app/" + tag,
          0644).build(oci, tag);
    }
    layout = "oci:" + l;
  }

  @AfterEach
  void stop() {
    server.close();
  }

  String[] withKeys(String... args) {
    List<String> out = new ArrayList<>(List.of(args[0], "--keys", server.url(), "--trust-root",
        keys.trustRoot(), "--keys-cache", dir.resolve("cache").toString()));
    out.addAll(List.of(args).subList(1, args.length));
    return out.toArray(String[]::new);
  }

  @Test
  void verifyAcceptsTheCurrentAndRetiredKeysAndRefusesTheRevokedAndNextOnesNamingTheRule() throws Exception {
    for (String tag : new String[] {"current", "old", "revoked", "next"}) {
      Cli.withPassword("", "sign", "--key", keys.key(tag), layout + ":" + tag).expect(0);
    }
    Cli.Result current = Cli.run(withKeys("verify", layout + ":current")).expect(0);
    assertTrue(current.err().contains("Key manifest: version 3 from network"), current.err());
    Cli.Result old = Cli.run(withKeys("verify", layout + ":old")).expect(0);
    assertTrue(old.err().contains("accepted by rule retired-no-time"), old.err());
    Cli.Result revoked = Cli.run(withKeys("verify", layout + ":revoked")).expect(1);
    assertTrue(revoked.err().contains("(revoked), refused by rule revoked-no-time"), revoked.err());
    Cli.Result next = Cli.run(withKeys("verify", layout + ":next")).expect(1);
    assertTrue(next.err().contains("refused by rule not-yet-valid"), next.err());
    JsonNode json = new ObjectMapper().readTree(Cli.run(withKeys("verify", "-o", "json", layout + ":current"))
        .expect(0).out());
    assertTrue(json.get("verified").asBoolean());
    assertEquals("not-modified", json.get("keyManifest").get("source").asText());
    KeySite.write(keys.site, "keys.json", keys.v2);
    Cli.Result rollback = Cli.run(withKeys("verify", layout + ":current")).expect(1);
    assertTrue(rollback.err().contains("version") && rollback.err().contains("rollback"), rollback.err());
    Cli.run("verify", "--key", keys.keysDir.resolve("current.pub").toString(), "--keys", server.url(),
        "--trust-root", keys.trustRoot(), layout + ":current").expect(2);
  }

  @Test
  void attestationsVerifyWithTheManifestKeysAndPromoteTakesItsDeveloperKeysFromIt() throws IOException {
    String image = layout + ":current";
    Cli.withPassword("", "sign", "--key", keys.key("current"), image).expect(0);
    Cli.run("provenance", "generate", "--source-uri", "https://github.com/acme/web", "--commit", COMMIT, "--ref",
        "refs/heads/main", "--builder-id", "https://ci.example.com/builders/linux@v1", "--build-type",
        "https://ci.example.com/buildtypes/make/v1", "--entry-point", "make image", "--subject", image,
        "--predicate-only", "-o", dir.resolve("prov.json").toString()).expect(0);
    Cli.withPassword("", "attest", "--key", keys.key("current"), "--predicate", dir.resolve("prov.json").toString(),
        "--type", "slsaprovenance1", image).expect(0);
    Cli.withPassword("", "attest", "--key", keys.key("next"), "--predicate", dir.resolve("prov.json").toString(),
        "--type", "slsaprovenance1", layout + ":next").expect(0);
    Cli.Result ok = Cli.run(withKeys("verify-attestation", "--type", "slsaprovenance1", image)).expect(0);
    assertTrue(ok.out().contains(COMMIT), ok.out());
    assertTrue(ok.err().contains("accepted by rule active-no-time"), ok.err());
    Cli.Result next = Cli.run(withKeys("verify-attestation", "--type", "slsaprovenance1", layout + ":next"))
        .expect(1);
    assertTrue(next.err().contains("refused by rule not-yet-valid"), next.err());

    Files.writeString(dir.resolve("policy.yaml"), String.join("\n",
        "apiVersion: countersign.dev/v1",
        "kind: ProvenancePolicy",
        "predicateTypes: [https://slsa.dev/provenance/v1]",
        "source: {repositories: [github.com/acme/web], refs: [refs/heads/main], commits: []}",
        "builder: {ids: [https://ci.example.com/builders/linux@v1], idPrefixes: []}",
        "build: {types: [https://ci.example.com/buildtypes/make/v1], entryPoints: [make image]}",
        "maxAge: 720h",
        ""));
    Cli.withPassword("", "generate-key-pair", "--output-key-prefix", dir.resolve("platform").toString()).expect(0);
    Cli.Result promoted = Cli.withPassword("", withKeys("promote", "--key", dir.resolve("platform.key").toString(),
        "--policy", dir.resolve("policy.yaml").toString(), image)).expect(0);
    assertTrue(promoted.err().contains("Key manifest: version 3"), promoted.err());
    Cli.withPassword("", "promote", "--key", dir.resolve("platform.key").toString(), "--policy",
        dir.resolve("policy.yaml").toString(), image).expect(2);
  }

  @Test
  void blobAttestationByTheRetiredKeyVerifiesAndByTheRevokedOneIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("app.tar.gz"), "artifact");
    Files.writeString(dir.resolve("pred.json"), "{\"note\":\"x\"}");
    for (String k : new String[] {"old", "revoked"}) {
      Cli.withPassword("", "attest-blob", "--key", keys.key(k), "--predicate", dir.resolve("pred.json").toString(),
          "--bundle", dir.resolve(k + ".bundle").toString(), file.toString()).expect(0);
    }
    Cli.Result old = Cli.run(withKeys("verify-blob-attestation", "--bundle", dir.resolve("old.bundle").toString(),
        file.toString())).expect(0);
    assertTrue(old.err().contains("accepted by rule retired-no-time"), old.err());
    Cli.Result revoked = Cli.run(withKeys("verify-blob-attestation", "--bundle",
        dir.resolve("revoked.bundle").toString(), file.toString())).expect(1);
    assertTrue(revoked.err().contains("refused by rule revoked-no-time"), revoked.err());
  }
}
