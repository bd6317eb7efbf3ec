package dev.countersign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.keys.testing.BcTsa;
import dev.countersign.keys.testing.LoopbackTsa;
import dev.countersign.keys.testing.OpenSslTsa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sign-blob --timestamp-server-url} against OpenSSL's TSA on loopback, then {@code verify-blob
 * --timestamp-certificate-chain}: the token travels in the bundle or in cosign's {@code --rfc3161-timestamp} file,
 * and a missing token, a token over another signature, a TSA without the timestamping EKU or an untrusted TSA are
 * refused (exit 1) with the rule named.
 */
class TimestampBlobCommandsTest {
  @TempDir static Path dir;
  static OpenSslTsa openssl;
  static LoopbackTsa tsa;
  static String key;
  static String pub;
  static Path chain;
  static Path file;

  @BeforeAll
  static void setUp() throws Exception {
    openssl = new OpenSslTsa(Files.createDirectories(dir.resolve("tsa")));
    tsa = new LoopbackTsa(openssl::reply);
    Cli.withPassword("pw", "generate-key-pair", "--output-key-prefix", dir.resolve("cosign").toString()).expect(0);
    key = dir.resolve("cosign.key").toString();
    pub = dir.resolve("cosign.pub").toString();
    chain = Files.writeString(dir.resolve("ts-chain.pem"), openssl.tsaPem() + openssl.rootPem());
    file = Files.writeString(dir.resolve("release.tar.gz"), "release 2.0\n");
  }

  @AfterAll
  static void stop() {
    tsa.close();
  }

  private static Path signBundle(String name, String tsaUrl) {
    Path bundle = dir.resolve(name);
    Cli.withPassword("pw", "sign-blob", "--key", key, "--timestamp-server-url", tsaUrl, "--bundle",
        bundle.toString(), file.toString()).expect(0);
    return bundle;
  }

  @Test
  void bundleWithTimestampVerifiesAgainstTheTsaChain() throws Exception {
    Path bundle = signBundle("ts.sigstore.json", tsa.url());
    JsonNode b = new ObjectMapper().readTree(bundle.toFile());
    String ts = b.at("/verificationMaterial/timestampVerificationData/rfc3161Timestamps/0/signedTimestamp").asText();
    assertTrue(Base64.getDecoder().decode(ts).length > 100, ts);
    Cli.Result r = Cli.run("verify-blob", "--key", pub, "--bundle", bundle.toString(),
        "--timestamp-certificate-chain", chain.toString(), "--output", "json", file.toString()).expect(0);
    JsonNode report = new ObjectMapper().readTree(r.out());
    assertTrue(r.out().contains("\"timestamp\""), r.out());
    assertTrue(report.toString().contains("trusted signing time"), r.out());
    // without the chain the token is only noted
    Cli.Result plain = Cli.run("verify-blob", "--key", pub, "--bundle", bundle.toString(), file.toString()).expect(0);
    assertTrue(plain.err().contains("timestamp: NOT_PERFORMED"), plain.err());
  }

  @Test
  void rawSignatureWithCosignTimestampFileVerifies() throws Exception {
    Path sig = dir.resolve("raw.sig");
    Path ts = dir.resolve("raw.tsr.json");
    Cli.withPassword("pw", "sign-blob", "--key", key, "--timestamp-server-url", tsa.url(), "--output-signature",
        sig.toString(), "--rfc3161-timestamp", ts.toString(), file.toString()).expect(0);
    assertTrue(Files.readString(ts).startsWith("{\"SignedRFC3161Timestamp\":\""), Files.readString(ts));
    Cli.run("verify-blob", "--key", pub, "--signature", sig.toString(), "--rfc3161-timestamp", ts.toString(),
        "--timestamp-certificate-chain", chain.toString(), file.toString()).expect(0);
    Cli.Result missing = Cli.run("verify-blob", "--key", pub, "--signature", sig.toString(),
        "--timestamp-certificate-chain", chain.toString(), file.toString()).expect(1);
    assertTrue(missing.err().contains("timestamp"), missing.err());
  }

  @Test
  void bundleWithoutTimestampIsRefusedWhenAChainIsGiven() {
    Path bundle = dir.resolve("plain.sigstore.json");
    Cli.withPassword("pw", "sign-blob", "--key", key, "--bundle", bundle.toString(), file.toString()).expect(0);
    Cli.Result r = Cli.run("verify-blob", "--key", pub, "--bundle", bundle.toString(),
        "--timestamp-certificate-chain", chain.toString(), file.toString()).expect(1);
    assertTrue(r.err().contains("timestamp") && r.err().contains("none"), r.err());
  }

  @Test
  void timestampOverAnotherSignatureIsRefusedByTheImprintRule() throws Exception {
    Path sig = dir.resolve("a.sig");
    Path ts = dir.resolve("b.tsr.json");
    Cli.withPassword("pw", "sign-blob", "--key", key, "--output-signature", sig.toString(), file.toString())
        .expect(0);
    Path other = Files.writeString(dir.resolve("other.txt"), "something else");
    Cli.withPassword("pw", "sign-blob", "--key", key, "--timestamp-server-url", tsa.url(), "--output-signature",
        dir.resolve("b.sig").toString(), "--rfc3161-timestamp", ts.toString(), other.toString()).expect(0);
    Cli.Result r = Cli.run("verify-blob", "--key", pub, "--signature", sig.toString(), "--rfc3161-timestamp",
        ts.toString(), "--timestamp-certificate-chain", chain.toString(), file.toString()).expect(1);
    assertTrue(r.err().contains("rule imprint"), r.err());
  }

  @Test
  void tsaWithoutTimestampingEkuIsRefused() throws Exception {
    BcTsa noEku = new BcTsa(BcTsa.Eku.NONE);
    try (LoopbackTsa bad = new LoopbackTsa(noEku::reply)) {
      Path bundle = signBundle("noeku.sigstore.json", bad.url());
      Path badChain = Files.writeString(dir.resolve("noeku-chain.pem"), noEku.tsaPem() + noEku.rootPem());
      Cli.Result r = Cli.run("verify-blob", "--key", pub, "--bundle", bundle.toString(),
          "--timestamp-certificate-chain", badChain.toString(), file.toString()).expect(1);
      assertTrue(r.err().contains("rule tsa-eku"), r.err());
    }
  }

  @Test
  void wrongRootIsRefusedByTheChainRule() throws Exception {
    Path bundle = signBundle("wrongroot.sigstore.json", tsa.url());
    BcTsa other = new BcTsa(BcTsa.Eku.CRITICAL_TIMESTAMPING);
    Path otherChain = Files.writeString(dir.resolve("other-chain.pem"), other.rootPem());
    Cli.Result r = Cli.run("verify-blob", "--key", pub, "--bundle", bundle.toString(),
        "--timestamp-certificate-chain", otherChain.toString(), file.toString()).expect(1);
    assertTrue(r.err().contains("rule tsa-chain"), r.err());
  }

  @Test
  void unreachableTsaFailsSigningAndBadChainFileIsUsageError() throws Exception {
    Cli.Result r = Cli.withPassword("pw", "sign-blob", "--key", key, "--timestamp-server-url",
        "http://127.0.0.1:1/tsa", "--bundle", dir.resolve("never.json").toString(), file.toString());
    assertTrue(r.exit() != 0, r.err());
    assertTrue(Files.notExists(dir.resolve("never.json")));
    Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");
    Path bundle = signBundle("any.sigstore.json", tsa.url());
    Cli.run("verify-blob", "--key", pub, "--bundle", bundle.toString(), "--timestamp-certificate-chain",
        notPem.toString(), file.toString()).expect(2);
    assertEquals(2, Cli.run("verify-blob", "--key", pub, "--bundle", bundle.toString(), "--rfc3161-timestamp",
        notPem.toString(), file.toString()).exit());
  }

  @Test
  void blobAttestationBundleCarriesAVerifiedTimestamp() throws Exception {
    Path predicate = Files.writeString(dir.resolve("pred.json"), "{\"purpose\":\"ts\"}");
    Path bundle = dir.resolve("att.sigstore.json");
    Path envelope = dir.resolve("att.intoto.json");
    Cli.withPassword("pw", "attest-blob", "--key", key, "--predicate", predicate.toString(), "--type",
        "https://example.com/ts/v1", "--timestamp-server-url", tsa.url(), "--bundle", bundle.toString(),
        "--output-signature", envelope.toString(), file.toString()).expect(0);
    JsonNode b = new ObjectMapper().readTree(bundle.toFile());
    assertEquals(1, b.at("/verificationMaterial/timestampVerificationData/rfc3161Timestamps").size(), b.toString());
    Cli.run("verify-blob-attestation", "--key", pub, "--bundle", bundle.toString(), "--type",
        "https://example.com/ts/v1", "--timestamp-certificate-chain", chain.toString(), file.toString()).expect(0);
    // a bare envelope carries no timestamp: refused when one is required
    Cli.Result bare = Cli.run("verify-blob-attestation", "--key", pub, "--signature", envelope.toString(), "--type",
        "https://example.com/ts/v1", "--timestamp-certificate-chain", chain.toString(), file.toString()).expect(1);
    assertTrue(bare.err().contains("timestamp"), bare.err());
    BcTsa other = new BcTsa(BcTsa.Eku.CRITICAL_TIMESTAMPING);
    Path otherChain = Files.writeString(dir.resolve("att-other.pem"), other.rootPem());
    Cli.Result wrongRoot = Cli.run("verify-blob-attestation", "--key", pub, "--bundle", bundle.toString(), "--type",
        "https://example.com/ts/v1", "--timestamp-certificate-chain", otherChain.toString(), file.toString())
        .expect(1);
    assertTrue(wrongRoot.err().contains("rule tsa-chain"), wrongRoot.err());
  }
}
