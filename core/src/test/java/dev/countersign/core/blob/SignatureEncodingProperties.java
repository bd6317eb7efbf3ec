package dev.countersign.core.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Signers;
import dev.countersign.core.VerificationCheck;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.Verifiers;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.dsse.DsseSignature;
import dev.countersign.core.dsse.DsseVerifier;
import dev.countersign.core.internal.EcdsaSignatures;
import dev.countersign.core.testing.TestKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Signature encodings from hostile or sloppy signers: random base64 text and bytes, non-canonical DER,
 * wrong-length IEEE P1363, and high-S ECDSA (which must be accepted, as cosign accepts it).
 */
class SignatureEncodingProperties {
  private static final String TYPE = "application/vnd.in-toto+json";

  @Provide
  Arbitrary<SignatureAlgorithm> anyAlgorithm() {
    return Arbitraries.of(SignatureAlgorithm.ECDSA_P256_SHA256, SignatureAlgorithm.ED25519,
        SignatureAlgorithm.RSA_PKCS1V15_SHA256, SignatureAlgorithm.ECDSA_P521_SHA512);
  }

  @Provide
  Arbitrary<SignatureAlgorithm> ecdsa() {
    return Arbitraries.of(SignatureAlgorithm.ECDSA_P256_SHA256, SignatureAlgorithm.ECDSA_P384_SHA384,
        SignatureAlgorithm.ECDSA_P521_SHA512, SignatureAlgorithm.ECDSA_P521_SHA256);
  }

  private static Signer signer(SignatureAlgorithm alg) {
    return Signers.of(TestKeys.forAlgorithm(alg), alg);
  }

  private static VerificationReport raw(Signer s, byte[] msg, String text) {
    return BlobVerifier.of(Verifiers.of(s)).checkSignature(new ByteArrayInputStream(msg), text);
  }

  private static VerificationReport dsse(Signer s, byte[] msg, byte[] sig) {
    return DsseVerifier.builder().trust(Verifiers.of(s)).payloadType(TYPE).build()
        .verify(DsseEnvelope.of(TYPE, msg, List.of(DsseSignature.of(null, sig))));
  }

  @Property(tries = 300)
  void randomSignatureTextNeverVerifies(@ForAll("anyAlgorithm") SignatureAlgorithm alg, @ForAll String text,
      @ForAll @Size(max = 64) byte[] msg) {
    try {
      assertFalse(raw(signer(alg), msg, text).passed());
    } catch (InvalidInputException e) {
      assertTrue(e.getMessage().startsWith("signature"), e.getMessage());
    }
  }

  @Property(tries = 300)
  void randomSignatureBytesNeverVerify(@ForAll("anyAlgorithm") SignatureAlgorithm alg,
      @ForAll @Size(min = 1, max = 600) byte[] sig, @ForAll @Size(max = 64) byte[] msg) {
    Signer s = signer(alg);
    VerificationReport r = raw(s, msg, Base64.getEncoder().encodeToString(sig));
    assertEquals(VerificationCheck.Status.FAILED, r.check("signature").get().status());
    assertFalse(dsse(s, msg, sig).passed());
  }

  @Property(tries = 200)
  void nonCanonicalDerIsRefused(@ForAll("ecdsa") SignatureAlgorithm alg, @ForAll @Size(max = 64) byte[] msg,
      @ForAll @IntRange(min = 0, max = 4) int mutation) {
    Signer s = signer(alg);
    BigInteger n = ((ECPublicKey) s.publicKey()).getParams().getOrder();
    byte[] good = BlobSigner.of(s).sign(msg).signature();
    EcdsaSignatures.Rs rs = EcdsaSignatures.parseDer(good, n);
    byte[] r = rs.r().toByteArray();
    byte[] sv = rs.s().toByteArray();
    byte[] bad;
    switch (mutation) {
      case 0: // a superfluous leading zero on r
        bad = der(prepend(r), sv, false, 0);
        break;
      case 1: // r written as a negative number (its leading zero dropped) or, if positive anyway, padded
        bad = r[0] == 0 ? der(java.util.Arrays.copyOfRange(r, 1, r.length), sv, false, 0) : der(prepend(sv), r,
            false, 0);
        break;
      case 2: // a non-minimal length of the SEQUENCE
        bad = der(r, sv, true, 0);
        break;
      case 3: // a trailing byte after the SEQUENCE
        bad = der(r, sv, false, 1);
        break;
      default: // BER indefinite length
        byte[] body = java.util.Arrays.copyOfRange(good, good[1] == (byte) 0x81 ? 3 : 2, good.length);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(0x30);
        o.write(0x80);
        o.writeBytes(body);
        o.write(0);
        o.write(0);
        bad = o.toByteArray();
    }
    VerificationReport report = raw(s, msg, Base64.getEncoder().encodeToString(bad));
    assertEquals(VerificationCheck.Status.FAILED, report.check("signature").get().status(), report.toString());
    assertFalse(dsse(s, msg, bad).passed());
  }

  @Property(tries = 200)
  void wrongLengthP1363IsRefused(@ForAll("ecdsa") SignatureAlgorithm alg, @ForAll @Size(max = 64) byte[] msg,
      @ForAll @IntRange(min = -3, max = 3) int delta) {
    if (delta == 0) {
      return;
    }
    Signer s = signer(alg);
    BigInteger n = ((ECPublicKey) s.publicKey()).getParams().getOrder();
    int field = (n.bitLength() + 7) / 8;
    DsseEnvelope env = DsseEnvelope.sign(s, TYPE, msg);
    byte[] p1363 = EcdsaSignatures.derToP1363(env.signatures().get(0).sig(), field, n);
    byte[] wrong = java.util.Arrays.copyOf(p1363, p1363.length + delta);
    assertTrue(dsse(s, msg, p1363).passed());
    assertFalse(dsse(s, msg, wrong).passed());
  }

  @Property(tries = 200)
  void highSIsAccepted(@ForAll("ecdsa") SignatureAlgorithm alg, @ForAll @Size(max = 64) byte[] msg) {
    Signer s = signer(alg);
    BigInteger n = ((ECPublicKey) s.publicKey()).getParams().getOrder();
    int field = (n.bitLength() + 7) / 8;
    EcdsaSignatures.Rs rs = EcdsaSignatures.parseDer(BlobSigner.of(s).sign(msg).signature(), n);
    byte[] flipped = EcdsaSignatures.toDer(rs.r(), n.subtract(rs.s()));
    assertTrue(raw(s, msg, Base64.getEncoder().encodeToString(flipped)).passed());

    EcdsaSignatures.Rs d = EcdsaSignatures.parseDer(DsseEnvelope.sign(s, TYPE, msg).signatures().get(0).sig(), n);
    byte[] dsseFlipped = EcdsaSignatures.toDer(d.r(), n.subtract(d.s()));
    assertTrue(dsse(s, msg, dsseFlipped).passed());
    assertTrue(dsse(s, msg, EcdsaSignatures.derToP1363(dsseFlipped, field, n)).passed());
  }

  private static byte[] prepend(byte[] b) {
    byte[] out = new byte[b.length + 1];
    System.arraycopy(b, 0, out, 1, b.length);
    return out;
  }

  private static byte[] der(byte[] r, byte[] s, boolean nonMinimalLength, int trailing) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(0x02);
    length(body, r.length, false);
    body.writeBytes(r);
    body.write(0x02);
    length(body, s.length, false);
    body.writeBytes(s);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    length(out, body.size(), nonMinimalLength);
    out.writeBytes(body.toByteArray());
    for (int i = 0; i < trailing; i++) {
      out.write(0);
    }
    return out.toByteArray();
  }

  private static void length(ByteArrayOutputStream out, int len, boolean nonMinimal) {
    if (nonMinimal) {
      out.write(0x82);
      out.write(len >> 8);
      out.write(len & 0xff);
    } else if (len >= 0x80) {
      out.write(0x81);
      out.write(len);
    } else {
      out.write(len);
    }
  }
}
