package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.core.KeyBackends;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.timestamp.CosignTimestampJson;
import dev.countersign.keys.timestamp.TimestampVerifier;
import dev.countersign.oci.signature.FoundAttestation;
import dev.countersign.oci.signature.ImageAttestationResult;
import dev.countersign.oci.signature.ImageAttestationVerifier;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageBuilder;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.OciLayout;
import dev.countersign.oci.signature.Triangulation;
import dev.countersign.keys.testing.BcTsa;
import dev.countersign.keys.testing.LoopbackTsa;
import dev.countersign.keys.testing.OpenSslTsa;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sign --timestamp-server-url} (OpenSSL's TSA on loopback) writes cosign's rfc3161timestamp annotation on the
 * legacy layer and timestampVerificationData in the bundle; {@code verify --timestamp-certificate-chain} verifies
 * both and refuses unstamped signatures, an untrusted TSA and a TSA without the timestamping EKU.
 */
class TimestampImageCommandsTest {
  @TempDir static Path dir;
  static OpenSslTsa openssl;
  static LoopbackTsa tsa;
  static Path chain;
  static String prefix;

  @BeforeAll
  static void setUp() throws Exception {
    openssl = new OpenSslTsa(Files.createDirectories(dir.resolve("tsa")));
    tsa = new LoopbackTsa(openssl::reply);
    chain = Files.writeString(dir.resolve("ts-chain.pem"), openssl.tsaPem() + openssl.rootPem());
    prefix = dir.resolve("dev").toString();
    Cli.withPassword("pw", "generate-key-pair", "--output-key-prefix", prefix).expect(0);
  }

  @AfterAll
  static void stop() {
    tsa.close();
  }

  private static Path image(String name) {
    Path layout = dir.resolve(name);
    ImageBuilder.create().timestamp(Instant.EPOCH).addContent(name.getBytes(StandardCharsets.UTF_8), "/n", 0644)
        .build(OciLayout.create(layout), "v1");
    return layout;
  }

  private static JsonNode verifyJson(String image, int exit, String... extra) throws Exception {
    String[] base = {"verify", "--key", prefix + ".pub", "--output", "json"};
    String[] args = new String[base.length + extra.length + 1];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    args[args.length - 1] = image;
    return new ObjectMapper().readTree(Cli.run(args).expect(exit).out());
  }

  private static String timestampStatus(JsonNode signature) {
    for (JsonNode c : signature.get("checks")) {
      if (c.get("name").asText().equals("timestamp")) {
        return c.get("status").asText() + " " + c.path("detail").asText();
      }
    }
    return "absent";
  }

  @Test
  void legacyAndBundleSignaturesCarryVerifiedTimestamps() throws Exception {
    Path layout = image("stamped");
    String image = "oci:" + layout + ":v1";
    Cli.withPassword("pw", "sign", "--key", prefix + ".key", "--timestamp-server-url", tsa.url(), image).expect(0);

    OciLayout repo = OciLayout.open(layout);
    Descriptor subject = repo.resolve("v1").orElseThrow();
    ImageManifest sig = ImageManifest.parse(repo.manifest(Triangulation.signatureTag(subject.digest())).orElseThrow());
    Descriptor layer = sig.layers().get(0);
    String annotation = layer.annotations().get("dev.sigstore.cosign/rfc3161timestamp");
    assertTrue(annotation.startsWith("{\"SignedRFC3161Timestamp\":\""), annotation);
    // openssl verifies the annotation's token over the raw signature bytes
    Files.write(dir.resolve("legacy.tsr"), CosignTimestampJson.parse(annotation));
    Files.write(dir.resolve("legacy.sig"), Base64.getDecoder().decode(
        layer.annotations().get("dev.cosignproject.cosign/signature")));
    Files.writeString(dir.resolve("tsa-untrusted.pem"), openssl.tsaPem());
    String out = openssl.run("openssl", "ts", "-verify", "-in", dir.resolve("legacy.tsr").toString(), "-data",
        dir.resolve("legacy.sig").toString(), "-CAfile", openssl.dir().resolve("root.pem").toString(),
        "-untrusted", dir.resolve("tsa-untrusted.pem").toString());
    assertTrue(out.contains("Verification: OK"), out);

    JsonNode r = verifyJson(image, 0, "--timestamp-certificate-chain", chain.toString());
    assertEquals(2, r.get("signatures").size(), r.toString());
    for (JsonNode s : r.get("signatures")) {
      assertEquals("VERIFIED", s.get("status").asText(), s.toString());
      assertTrue(timestampStatus(s).startsWith("PASSED"), s.toString());
    }
    // without a chain the timestamps are only noted
    for (JsonNode s : verifyJson(image, 0).get("signatures")) {
      assertTrue(timestampStatus(s).startsWith("NOT_PERFORMED"), s.toString());
    }
  }

  @Test
  void unstampedSignaturesAreRefusedWhenAChainIsGiven() throws Exception {
    String image = "oci:" + image("plain") + ":v1";
    Cli.withPassword("pw", "sign", "--key", prefix + ".key", image).expect(0);
    JsonNode r = verifyJson(image, 1, "--timestamp-certificate-chain", chain.toString());
    for (JsonNode s : r.get("signatures")) {
      assertEquals("FAILED", s.get("status").asText(), s.toString());
      assertTrue(timestampStatus(s).startsWith("FAILED"), s.toString());
    }
  }

  @Test
  void untrustedTsaAndTsaWithoutEkuAreRefusedWithTheRuleNamed() throws Exception {
    BcTsa noEku = new BcTsa(BcTsa.Eku.NONE);
    Path badChain = Files.writeString(dir.resolve("noeku.pem"), noEku.tsaPem() + noEku.rootPem());
    String image = "oci:" + image("noeku") + ":v1";
    try (LoopbackTsa bad = new LoopbackTsa(noEku::reply)) {
      Cli.withPassword("pw", "sign", "--key", prefix + ".key", "--timestamp-server-url", bad.url(), image)
          .expect(0);
    }
    for (JsonNode s : verifyJson(image, 1, "--timestamp-certificate-chain", badChain.toString())
        .get("signatures")) {
      assertTrue(timestampStatus(s).contains("rule tsa-eku"), s.toString());
    }
    for (JsonNode s : verifyJson(image, 1, "--timestamp-certificate-chain", chain.toString()).get("signatures")) {
      assertTrue(timestampStatus(s).contains("rule tsa-chain"), s.toString());
    }
  }

  private static String failureText(Cli.Result r) {
    return r.out() + r.err();
  }

  @Test
  void attestationsCarryVerifiedTimestampsInBothSchemes() throws Exception {
    Path layout = image("attested");
    String image = "oci:" + layout + ":v1";
    Path predicate = Files.writeString(dir.resolve("pred.json"), "{\"purpose\":\"timestamp test\"}");
    Cli.withPassword("pw", "attest", "--key", prefix + ".key", "--predicate", predicate.toString(), "--type",
        "https://example.com/ts-test/v1", "--timestamp-server-url", tsa.url(), image).expect(0);
    Cli.run("verify-attestation", "--key", prefix + ".pub", "--type", "https://example.com/ts-test/v1",
        "--timestamp-certificate-chain", chain.toString(), image).expect(0);
    // every attestation found (legacy .att layer and bundle referrer) passed its timestamp check
    ImageAttestationResult result = ImageAttestationVerifier.builder()
        .keyResolver(KeyBackends.discover().resolver(prefix + ".pub"))
        .trustedTimestamps(TimestampVerifier.builder().certificateChainPem(Files.readString(chain)).build())
        .build().verify(OciLayout.open(layout), "v1");
    assertEquals(2, result.verified().size(), result.toString());
    for (FoundAttestation a : result.verified()) {
      assertEquals(VerificationCheck.Status.PASSED, a.report().check("timestamp").orElseThrow().status(),
          a.report().toString());
    }

    String plain = "oci:" + image("attested-plain") + ":v1";
    Cli.withPassword("pw", "attest", "--key", prefix + ".key", "--predicate", predicate.toString(), "--type",
        "https://example.com/ts-test/v1", plain).expect(0);
    Cli.run("verify-attestation", "--key", prefix + ".pub", "--type", "https://example.com/ts-test/v1", plain)
        .expect(0);
    Cli.Result refused = Cli.run("verify-attestation", "--key", prefix + ".pub", "--type",
        "https://example.com/ts-test/v1", "--timestamp-certificate-chain", chain.toString(), plain).expect(1);
    assertTrue(failureText(refused).contains("timestamp"), failureText(refused));
  }
}
