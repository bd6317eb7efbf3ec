package dev.countersign.core.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyId;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BundleJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";

  static Path vector(String name) throws Exception {
    return Path.of(BundleJsonTest.class.getResource("/vectors/sigstore-bundles/" + name).toURI());
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  @Test
  void writesExactlyTheV03MessageSignatureShape() {
    Digest d = Digest.compute(DigestAlgorithm.SHA256, "a".getBytes(StandardCharsets.UTF_8));
    byte[] sig = {1, 2, 3};
    Bundle b = Bundle.ofMessageSignature(VerificationMaterial.ofPublicKeyHint("hint="), MessageSignature.of(d, sig));
    assertEquals("{\"mediaType\":\"" + V03 + "\",\"verificationMaterial\":{\"publicKey\":{\"hint\":\"hint=\"},"
        + "\"tlogEntries\":[],\"timestampVerificationData\":{}},\"messageSignature\":{\"messageDigest\":"
        + "{\"algorithm\":\"SHA2_256\",\"digest\":\"" + b64(d.bytes()) + "\"},\"signature\":\"AQID\"}}", b.toJson());
    assertEquals(b, Bundle.parse(b.toJson()));
  }

  @Test
  void writesExactlyTheV03DsseShape() {
    Signer s = Signers.of(TestKeys.forAlgorithm(SignatureAlgorithm.ED25519));
    DsseEnvelope env = DsseEnvelope.sign(s, "application/vnd.in-toto+json", "{}".getBytes(StandardCharsets.UTF_8));
    Bundle b = Bundle.ofDsseEnvelope(VerificationMaterial.ofPublicKey(s.keyId()), env);
    assertEquals("{\"mediaType\":\"" + V03 + "\",\"verificationMaterial\":{\"publicKey\":{\"hint\":\""
        + s.keyId().value() + "\"},\"tlogEntries\":[],\"timestampVerificationData\":{}},\"dsseEnvelope\":"
        + env.toJson() + "}", b.toJson());
    Bundle back = Bundle.parse(b.toJson());
    assertEquals(env, back.dsseEnvelope().get());
    assertEquals(KeyId.of(s.publicKey()).value(), back.verificationMaterial().publicKeyHint().get());
  }

  @Test
  void readsTheConformanceBundleAndRewritesItLosslessly() throws Exception {
    byte[] original = Files.readAllBytes(vector("managed-key-happy-path/bundle.sigstore.json"));
    Bundle b = Bundle.parse(original);
    assertEquals(BundleMediaType.V0_3, b.mediaType());
    VerificationMaterial m = b.verificationMaterial();
    assertEquals(VerificationMaterial.Kind.PUBLIC_KEY, m.kind());
    assertEquals("TLMsSDfG3ajPsWge+z/vX5T/zluXnmvbkTkwLIV68Tk=", m.publicKeyHint().get());
    assertEquals(1, m.tlogEntries().size());
    TlogEntry e = m.tlogEntries().get(0);
    assertEquals(771488337L, e.logIndex());
    assertEquals(1766077479L, e.integratedTime());
    assertEquals("hashedrekord", e.kind());
    assertEquals("0.0.1", e.version());
    assertTrue(e.hasInclusionProof() && e.hasInclusionPromise());
    assertEquals(1, m.rfc3161Timestamps().size());
    assertEquals("sha256:a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf",
        b.messageSignature().get().messageDigest().toString());
    assertEquals(JSON.readTree(original), JSON.readTree(b.toJson()));
    assertEquals(b, Bundle.parse(b.toJson()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/vnd.dev.sigstore.bundle+json;version=0.1",
      "application/vnd.dev.sigstore.bundle+json;version=0.2", "application/vnd.dev.sigstore.bundle+json;version=0.3",
      V03})
  void readsEveryKnownMediaTypeAndWritesV03(String mediaType) throws Exception {
    ObjectNode tree = happyPath();
    tree.put("mediaType", mediaType);
    Bundle b = Bundle.parse(JSON.writeValueAsString(tree));
    assertEquals(mediaType, b.mediaType().value());
    assertTrue(b.toJson().startsWith("{\"mediaType\":\"" + V03 + "\""));
  }

  @Test
  void readsCertificateMaterial() throws Exception {
    ObjectNode tree = happyPath();
    ObjectNode vm = (ObjectNode) tree.get("verificationMaterial");
    vm.remove("publicKey");
    vm.putObject("x509CertificateChain").putArray("certificates").addObject().put("rawBytes", "MIIB");
    tree.put("mediaType", "application/vnd.dev.sigstore.bundle+json;version=0.2");
    Bundle chain = Bundle.parse(JSON.writeValueAsString(tree));
    assertEquals(VerificationMaterial.Kind.X509_CERTIFICATE_CHAIN, chain.verificationMaterial().kind());
    assertArrayEquals(Base64.getDecoder().decode("MIIB"), chain.verificationMaterial().certificates().get(0));
    assertTrue(chain.toJson().contains("\"certificate\":{\"rawBytes\":\"MIIB\"}"), chain.toJson());
  }

  @Test
  void refusesBrokenBundlesWithPreciseMessages() throws Exception {
    expect("mediaType is missing", t -> t.remove("mediaType"));
    expect("unsupported Sigstore bundle media type 'application/json'", t -> t.put("mediaType", "application/json"));
    expect("verificationMaterial is missing", t -> t.remove("verificationMaterial"));
    expect("verificationMaterial.publicKey.hint must be a string, got a number",
        t -> ((ObjectNode) t.get("verificationMaterial").get("publicKey")).put("hint", 7));
    expect("verificationMaterial must have exactly one of publicKey, x509CertificateChain and certificate, got 2",
        t -> ((ObjectNode) t.get("verificationMaterial")).putObject("certificate").put("rawBytes", "AA=="));
    expect("verificationMaterial.tlogEntries must be an array, got an object",
        t -> ((ObjectNode) t.get("verificationMaterial")).putObject("tlogEntries"));
    expect("verificationMaterial.tlogEntries[0]: logIndex must be an int64",
        t -> ((ObjectNode) t.at("/verificationMaterial/tlogEntries/0")).put("logIndex", "twelve"));
    expect("verificationMaterial.timestampVerificationData.rfc3161Timestamps[0]: signedTimestamp is not valid "
        + "base64", t -> ((ObjectNode) t.at("/verificationMaterial/timestampVerificationData/rfc3161Timestamps/0"))
        .put("signedTimestamp", "%%%"));
    expect("bundle has both messageSignature and dsseEnvelope",
        t -> t.putObject("dsseEnvelope").put("payload", ""));
    expect("bundle has neither messageSignature nor dsseEnvelope", t -> t.remove("messageSignature"));
    expect("messageSignature.signature is not valid base64: unexpected character '!'",
        t -> ((ObjectNode) t.get("messageSignature")).put("signature", "MEUC!"));
    expect("messageSignature.messageDigest.algorithm 'MD5' is not supported",
        t -> ((ObjectNode) t.at("/messageSignature/messageDigest")).put("algorithm", "MD5"));
    expect("messageSignature.messageDigest.digest must be 32 bytes for SHA2_256, got 3",
        t -> ((ObjectNode) t.at("/messageSignature/messageDigest")).put("digest", "AQID"));
    expect("messageSignature.messageDigest is missing",
        t -> ((ObjectNode) t.get("messageSignature")).remove("messageDigest"));
    expect("messageSignature must be an object, got a string", t -> t.put("messageSignature", "x"));
  }

  @Test
  void refusesOversizedAndNonObjectDocuments() {
    byte[] big = new byte[(16 << 20) + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Bundle.parse(big));
    assertTrue(e.getMessage().contains("larger than 16 MiB"), e.getMessage());
    e = assertThrows(InvalidInputException.class,
        () -> Bundle.parse(new java.io.ByteArrayInputStream(big)));
    assertTrue(e.getMessage().contains("larger than 16 MiB"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> Bundle.parse("\"just a string\""));
    assertThrows(InvalidInputException.class, () -> Bundle.parse("{} {}"));
    assertThrows(InvalidInputException.class, () -> Bundle.parse(""));
  }

  private interface Edit {
    void apply(ObjectNode tree);
  }

  private static ObjectNode happyPath() throws Exception {
    return (ObjectNode) JSON.readTree(Files.readAllBytes(vector("managed-key-happy-path/bundle.sigstore.json")));
  }

  private static void expect(String message, Edit edit) throws Exception {
    ObjectNode tree = happyPath();
    edit.apply(tree);
    String json = JSON.writeValueAsString(tree);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Bundle.parse(json));
    assertTrue(e.getMessage().contains(message), "expected '" + message + "' in: " + e.getMessage());
  }
}
