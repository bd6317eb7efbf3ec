package dev.countersign.core.keys;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.PasswordSource;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.WrongPasswordException;
import dev.countersign.core.internal.keys.Pem;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfoBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * Hostile key files: random bytes, truncations, byte flips in the PEM text and in the DER, wrong JSON types and
 * values in cosign envelopes, bad PEM labels. Every reader must either succeed or fail with
 * {@link InvalidInputException} / {@link WrongPasswordException}; nothing else (no NPE, index or ASN.1 exception),
 * and no message may contain the password. Tries are bounded so that mutants that reach scrypt stay cheap.
 */
class KeyFileProperties {
  private static final String PASSWORD = "s3cret-pass-xyzzy";
  private static final byte[] COSIGN = KeyFixtures.vector("ecdsa_encrypted_private.key"); // password 123, N=32768
  private static final List<byte[]> PEMS = fixtures();
  private static final List<String> LABELS = List.of("PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "EC PRIVATE KEY",
      "RSA PRIVATE KEY", "PUBLIC KEY", "RSA PUBLIC KEY", "ENCRYPTED SIGSTORE PRIVATE KEY", "ENCRYPTED COSIGN PRIVATE KEY");

  private static List<byte[]> fixtures() {
    List<byte[]> out = new ArrayList<>();
    KeyPair ec = KeyGeneration.generate();
    KeyPair rsa = KeyGeneration.generate(SignatureAlgorithm.RSA_PKCS1V15_SHA256, 2048);
    KeyPair ed = KeyGeneration.generate(SignatureAlgorithm.ED25519);
    for (KeyPair k : List.of(ec, rsa, ed)) {
      out.add(ascii(PemKeys.writePrivateKey(k.getPrivate())));
      out.add(ascii(PemKeys.writePublicKey(k.getPublic())));
    }
    try {
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(ec.getPrivate().getEncoded());
      out.add(ascii(Pem.encode("EC PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded())));
      PrivateKeyInfo rsaInfo = PrivateKeyInfo.getInstance(rsa.getPrivate().getEncoded());
      out.add(ascii(Pem.encode("RSA PRIVATE KEY", rsaInfo.parsePrivateKey().toASN1Primitive().getEncoded())));
      out.add(ascii(Pem.encode("RSA PUBLIC KEY", org.bouncycastle.asn1.x509.SubjectPublicKeyInfo
          .getInstance(rsa.getPublic().getEncoded()).parsePublicKey().getEncoded())));
      out.add(ascii(Pem.encode("ENCRYPTED PRIVATE KEY", new PKCS8EncryptedPrivateKeyInfoBuilder(info)
          .build(new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
              .setProvider(new BouncyCastleProvider()).setIterationCount(1000).build(PASSWORD.toCharArray()))
          .getEncoded())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Runs every reader on {@code data}; only our two exceptions may escape, with a message and no password. */
  private static void readAll(byte[] data, boolean cosign) {
    String outcome = expectOnlyOurExceptions(
        () -> PemKeys.readPrivateKey(data, PasswordSource.of(PASSWORD.toCharArray()), "f"));
    expectOnlyOurExceptions(() -> PemKeys.readPublicKey(data, "f"));
    if (cosign) {
      outcome = expectOnlyOurExceptions(() -> CosignKeys.read(data, "123".toCharArray(), "f"));
    }
    Statistics.label("outcome").collect(outcome);
  }

  /** Runs {@code read}; returns which outcome it had (loaded, invalid input, wrong password). */
  private static String expectOnlyOurExceptions(Runnable read) {
    try {
      read.run();
      return "loaded";
    } catch (InvalidInputException e) {
      assertNotNull(e.getMessage());
      assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
      return "invalid input";
    } catch (WrongPasswordException e) {
      assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
      return "wrong password";
    }
  }

  @Property(tries = 300)
  void randomBytesAreRefused(@ForAll @Size(max = 3000) byte[] data) {
    readAll(data, true);
  }

  @Property(tries = 300)
  void randomDerUnderEveryLabelIsRefused(@ForAll("labels") String label, @ForAll @Size(max = 600) byte[] der) {
    readAll(ascii(Pem.encode(label, der)), false);
  }

  @Property(tries = 300)
  void truncatedKeyFilesAreRefused(@ForAll("pems") byte[] pem, @ForAll @IntRange(max = 10_000) int cut) {
    readAll(Arrays.copyOf(pem, cut % pem.length), false);
  }

  @Property(tries = 400)
  void flippedDerBytesNeverCrash(@ForAll("pems") byte[] pem, @ForAll @IntRange(max = 100_000) int at,
      @ForAll byte xor) {
    Pem.Block block = Pem.decode(pem, "fixture");
    byte[] der = block.der();
    der[at % der.length] ^= (xor == 0 ? 1 : xor);
    readAll(ascii(Pem.encode(block.label(), der)), false);
  }

  @Property(tries = 300)
  void truncatedDerNeverCrashes(@ForAll("pems") byte[] pem, @ForAll @IntRange(max = 100_000) int cut) {
    Pem.Block block = Pem.decode(pem, "fixture");
    readAll(ascii(Pem.encode(block.label(), Arrays.copyOf(block.der(), cut % block.der().length))), false);
  }

  @Property(tries = 30)
  void mutatedCosignFilesNeverCrash(@ForAll @IntRange(max = 100_000) int at, @ForAll byte value) {
    byte[] data = COSIGN.clone();
    data[at % data.length] = value;
    readAll(data, true);
  }

  /** One character of the envelope JSON replaced by a base64 or JSON character: most reach scrypt and secretbox. */
  @Property(tries = 30)
  void mutatedCosignJsonNeverCrashes(@ForAll("cosignJsonMutants") byte[] json) {
    readAll(ascii(Pem.encode("ENCRYPTED COSIGN PRIVATE KEY", json)), true);
  }


  @Property(tries = 30)
  void truncatedCosignFilesNeverCrash(@ForAll @IntRange(max = 100_000) int cut) {
    readAll(Arrays.copyOf(COSIGN, cut % COSIGN.length), true);
  }

  @Property(tries = 60)
  void cosignEnvelopesWithWrongJsonValuesAreRefused(@ForAll("envelopes") String json) {
    readAll(ascii(Pem.encode("ENCRYPTED SIGSTORE PRIVATE KEY", json.getBytes(StandardCharsets.UTF_8))), true);
  }

  @Property(tries = 200)
  void badLabelsAreRefused(@ForAll("pems") byte[] pem, @ForAll("badLabels") String label) {
    Pem.Block block = Pem.decode(pem, "fixture");
    String text = "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(block.der())
        + "\n-----END " + label + "-----\n";
    readAll(text.getBytes(StandardCharsets.UTF_8), true);
  }

  @Provide
  Arbitrary<byte[]> cosignJsonMutants() {
    byte[] json = Pem.decode(COSIGN, "vector").der();
    return Combinators.combine(Arbitraries.integers().between(0, json.length - 1).withoutEdgeCases(),
        Arbitraries.of('A', 'Q', 'z', '0', '9', '+', '/', '"')).as((at, c) -> {
          byte[] mutant = json.clone();
          mutant[at] = (byte) c.charValue();
          return mutant;
        });
  }

  @Provide
  Arbitrary<byte[]> pems() {
    return Arbitraries.of(PEMS);
  }

  @Provide
  Arbitrary<String> labels() {
    return Arbitraries.of(LABELS);
  }

  @Provide
  Arbitrary<String> badLabels() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(80),
        Arbitraries.of(LABELS).map(l -> l.toLowerCase(java.util.Locale.ROOT)),
        Arbitraries.of(LABELS).map(l -> l + " "),
        Arbitraries.of("CERTIFICATE", "OPENSSH PRIVATE KEY", "PGP PRIVATE KEY BLOCK", "DSA PRIVATE KEY", ""));
  }

  /** Cosign envelopes with one field replaced by an arbitrary JSON value (or removed), from the real vector. */
  @Provide
  Arbitrary<String> envelopes() {
    String original = new String(Pem.decode(COSIGN, "vector").der(), StandardCharsets.UTF_8);
    List<String> fields = List.of("\"kdf\"", "\"name\"", "\"params\"", "\"N\"", "\"r\"", "\"p\"", "\"salt\"",
        "\"cipher\"", "\"nonce\"", "\"ciphertext\"");
    Arbitrary<String> values = Arbitraries.oneOf(
        Arbitraries.of("null", "true", "[]", "{}", "\"\"", "0", "-1", "1e400", "65536.0", "2147483648",
            "99999999999999999999999999999999999999", "1073741824", "\"AAAA\"", "\"%%%\"", "[1,2]", "{\"a\":{}}",
            "\"" + Base64.getEncoder().encodeToString(new byte[32]) + "\"",
            "\"" + Base64.getEncoder().encodeToString(new byte[24]) + "\"",
            "\"" + Base64.getEncoder().encodeToString(new byte[16]) + "\""),
        Arbitraries.integers().map(String::valueOf),
        Arbitraries.strings().alpha().ofMaxLength(20).map(s -> "\"" + s + "\""));
    return Combinators.combine(Arbitraries.of(fields), values, Arbitraries.integers().between(0, 3))
        .as((field, value, mode) -> replaceValue(original, field, value, mode));
  }

  /** Replaces the value after {@code field} (mode 0-2) or renames the field away (mode 3). */
  private static String replaceValue(String json, String field, String value, int mode) {
    int at = json.indexOf(field + ":");
    if (mode == 3) {
      return json.substring(0, at) + "\"x" + json.substring(at + 1);
    }
    int start = at + field.length() + 1;
    int end = valueEnd(json, start);
    return json.substring(0, start) + value + json.substring(end);
  }

  private static int valueEnd(String json, int start) {
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        inString = c != '"';
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth == 0) {
          return i;
        }
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      } else if (c == ',' && depth == 0) {
        return i;
      }
    }
    return json.length();
  }
}
