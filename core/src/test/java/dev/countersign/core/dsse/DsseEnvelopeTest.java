package dev.countersign.core.dsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyResolver;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationException;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.Verifiers;
import dev.countersign.core.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DsseEnvelopeTest {
  private static final String TYPE = "application/vnd.in-toto+json";
  private static final byte[] PAYLOAD = "{\"_type\":\"https://in-toto.io/Statement/v1\"}"
      .getBytes(StandardCharsets.UTF_8);

  private static Signer signer(SignatureAlgorithm alg) {
    return Signers.of(TestKeys.forAlgorithm(alg), alg);
  }

  private static Signer freshP256() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return Signers.of(g.generateKeyPair());
  }

  @ParameterizedTest
  @EnumSource(SignatureAlgorithm.class)
  void signsAndVerifiesWithEveryAlgorithm(SignatureAlgorithm alg) {
    Signer s = signer(alg);
    DsseEnvelope env = DsseEnvelope.sign(s, TYPE, PAYLOAD);
    DsseEnvelope back = DsseEnvelope.parse(env.toJson());
    assertEquals(env, back);
    DsseVerifier v = DsseVerifier.builder().trust(Verifiers.of(s)).payloadType(TYPE).build();
    VerificationReport r = v.verify(back);
    assertTrue(r.passed(), r.toString());
    assertArrayEquals(PAYLOAD, v.verifiedPayload(back));
    assertEquals(List.of("payload-type", "signature", "threshold"),
        r.checks().stream().map(VerificationCheck::name).toList());
  }

  @Test
  void writesTheDsseJsonShape() {
    Signer s = signer(SignatureAlgorithm.ED25519);
    DsseEnvelope env = DsseEnvelope.sign(s, TYPE, PAYLOAD);
    String sig = Base64.getEncoder().encodeToString(env.signatures().get(0).sig());
    assertEquals("{\"payload\":\"" + Base64.getEncoder().encodeToString(PAYLOAD) + "\",\"payloadType\":\"" + TYPE
        + "\",\"signatures\":[{\"keyid\":\"" + s.keyId().value() + "\",\"sig\":\"" + sig + "\"}]}", env.toJson());
    DsseEnvelope noKeyId = DsseEnvelope.of(TYPE, PAYLOAD, List.of(DsseSignature.of(null, new byte[] {1})));
    assertTrue(noKeyId.toJson().endsWith("\"signatures\":[{\"sig\":\"AQ==\"}]}"), noKeyId.toJson());
  }

  @Test
  void readsStandardAndUrlSafeBase64PaddedOrNot() {
    byte[] payload = {(byte) 0xfb, (byte) 0xff, (byte) 0xfe, 0x01};
    byte[] sig = {(byte) 0xff, (byte) 0xef};
    String[][] forms = {
        {"+//+AQ==", "/+8="}, {"+//+AQ", "/+8"}, {"-__-AQ==", "_-8="}, {"-__-AQ", "_-8"}};
    for (String[] f : forms) {
      DsseEnvelope env = DsseEnvelope.parse("{\"payload\":\"" + f[0] + "\",\"payloadType\":\"t\",\"signatures\":"
          + "[{\"sig\":\"" + f[1] + "\"}]}");
      assertArrayEquals(payload, env.payload());
      assertArrayEquals(sig, env.signatures().get(0).sig());
      assertTrue(env.toJson().startsWith("{\"payload\":\"+//+AQ==\""), env.toJson());
    }
  }

  @Test
  void refusesMalformedEnvelopesWithPreciseMessages() {
    assertMessage("envelope.payload is missing", "{\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AQ==\"}]}");
    assertMessage("envelope.payloadType must be a string, got a number",
        "{\"payload\":\"\",\"payloadType\":5,\"signatures\":[{\"sig\":\"AQ==\"}]}");
    assertMessage("envelope.signatures is empty", "{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":[]}");
    assertMessage("envelope.signatures[0].sig is not valid base64",
        "{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"A*==\"}]}");
    assertMessage("envelope.signatures[0] must be an object",
        "{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":[\"AQ==\"]}");
    assertMessage("not valid JSON", "{\"payload\":\"\",");
    assertMessage("must be a JSON object", "[1]");
    assertMessage("Duplicate field", "{\"payload\":\"\",\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":[]}");
  }

  private static void assertMessage(String expected, String json) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> DsseEnvelope.parse(json));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void checksThePayloadTypeBeforeAnythingElse() {
    Signer s = signer(SignatureAlgorithm.ECDSA_P256_SHA256);
    DsseEnvelope env = DsseEnvelope.sign(s, "text/plain", PAYLOAD);
    VerificationReport r = DsseVerifier.builder().trust(Verifiers.of(s)).payloadType(TYPE).build().verify(env);
    assertFalse(r.passed());
    assertEquals(1, r.checks().size(), r.toString());
    VerificationCheck c = r.checks().get(0);
    assertEquals("payload-type", c.name());
    assertEquals(TYPE, c.expected().get());
    assertEquals("text/plain", c.actual().get());
  }

  @Test
  void countsDistinctTrustedKeysTowardsTheThreshold() throws Exception {
    Signer a = freshP256();
    Signer b = signer(SignatureAlgorithm.ED25519);
    Signer untrusted = freshP256();
    DsseEnvelope twice = DsseEnvelope.sign(a, TYPE, PAYLOAD).withSignature(a).withSignature(untrusted);
    DsseVerifier two = DsseVerifier.builder().trust(Verifiers.of(a), Verifiers.of(b)).payloadType(TYPE)
        .threshold(2).build();
    VerificationReport r = two.verify(twice);
    assertFalse(r.passed(), "two signatures by one key must count once: " + r);
    assertEquals("1", r.check("threshold").get().actual().get());
    assertThrows(VerificationException.class, () -> two.verifiedPayload(twice));

    DsseEnvelope both = twice.withSignature(b);
    assertTrue(two.verify(both).passed(), two.verify(both).toString());
    // The same key trusted twice (even with another hash) is still one key.
    DsseVerifier sameKeyTwice = DsseVerifier.builder()
        .trust(Verifiers.of(a), Verifiers.of(a.publicKey(), SignatureAlgorithm.ECDSA_P256_SHA256))
        .payloadType(TYPE).threshold(2).build();
    assertFalse(sameKeyTwice.verify(both).passed());
  }

  @Test
  void neverTrustsTheKeyId() throws Exception {
    Signer trusted = freshP256();
    Signer attacker = freshP256();
    byte[] forged = attacker.sign(Pae.encode(TYPE, PAYLOAD));
    DsseEnvelope env = DsseEnvelope.of(TYPE, PAYLOAD, List.of(DsseSignature.of(trusted.keyId().value(), forged)));
    VerificationReport r = DsseVerifier.builder().trust(Verifiers.of(trusted)).payloadType(TYPE).build().verify(env);
    assertFalse(r.passed(), r.toString());
    assertEquals(VerificationCheck.Status.FAILED, r.check("signature").get().status());

    // A signature by a trusted key with a made-up keyid still verifies: the keyid only orders the keys.
    DsseEnvelope relabelled = DsseEnvelope.of(TYPE, PAYLOAD,
        List.of(DsseSignature.of("made-up", trusted.sign(Pae.encode(TYPE, PAYLOAD)))));
    VerificationReport ok = DsseVerifier.builder().keyResolver(KeyResolver.of(Verifiers.of(attacker),
        Verifiers.of(trusted))).payloadType(TYPE).build().verify(relabelled);
    assertTrue(ok.passed(), ok.toString());
    assertTrue(ok.check("signature").get().detail().get().contains("hint 'made-up' ignored"), ok.toString());
  }

  @Test
  void failsWithoutTrustedKeys() {
    DsseEnvelope env = DsseEnvelope.sign(signer(SignatureAlgorithm.ED25519), TYPE, PAYLOAD);
    VerificationReport r = DsseVerifier.builder().keyResolver(q -> List.of()).payloadType(TYPE).build().verify(env);
    assertFalse(r.passed());
    assertEquals(VerificationCheck.Status.FAILED, r.check("threshold").get().status());
  }

  @Test
  void refusesABuilderWithoutPayloadTypeOrWithAZeroThreshold() {
    assertThrows(InvalidInputException.class, () -> DsseVerifier.builder().build());
    assertThrows(InvalidInputException.class, () -> DsseVerifier.builder().threshold(0));
  }
}
