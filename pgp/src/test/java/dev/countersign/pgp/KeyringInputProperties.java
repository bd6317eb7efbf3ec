package dev.countersign.pgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.CountersignException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Garbage, truncated and corrupted keyrings fail with an InvalidInputException, never a crash or hang. */
class KeyringInputProperties {
  static final byte[] HELM_PUB = TestResources.helm("helm-test-key.pub");
  static final byte[] HELM_SEC = TestResources.helm("helm-test-key.secret");
  static final byte[] MIXED = TestResources.helm("helm-mixed-keyring.pub");

  @Property(tries = 300)
  void garbageIsRejected(@ForAll @Size(min = 1, max = 2000) byte[] garbage) {
    try {
      PgpKeyring ring = PgpKeyring.read(garbage);
      // random bytes may, rarely, still frame a key packet; then the key must at least be usable as data
      assertTrue(ring.keys().size() >= 1);
      ring.keys().forEach(PgpKey::fingerprint);
    } catch (InvalidInputException expected) {
      assertTrue(expected.getMessage() != null && !expected.getMessage().isEmpty());
    }
  }

  @Property(tries = 200)
  void garbagePacketsAreRejected(@ForAll("packetHeaders") byte[] data) {
    CountersignException e = assertThrows(CountersignException.class, () -> PgpKeyring.read(data));
    assertEquals(InvalidInputException.class, e.getClass());
  }

  @Provide
  Arbitrary<byte[]> packetHeaders() {
    // a new-format packet header with a plausible tag and body length, followed by random body bytes
    return Arbitraries.integers().between(1, 63).flatMap(tag -> Arbitraries.bytes().array(byte[].class)
        .ofMinSize(0).ofMaxSize(300).map(body -> {
          byte[] out = new byte[body.length + 2];
          out[0] = (byte) (0xC0 | tag);
          out[1] = (byte) Math.min(body.length + 10, 191);
          System.arraycopy(body, 0, out, 2, body.length);
          return out;
        })).filter(b -> (b[0] & 0x3F) != 2 && (b[0] & 0x3F) != 13 && (b[0] & 0x3F) != 12
            && (b[0] & 0x3F) != 10 && (b[0] & 0x3F) != 17);
  }

  @Property(tries = 200)
  void truncatedKeyringsAreRejected(@ForAll("keyrings") byte[] ring, @ForAll @IntRange(min = 1, max = 100_000) int cut) {
    int len = 1 + cut % (ring.length - 1);
    byte[] truncated = Arrays.copyOf(ring, len);
    try {
      PgpKeyring parsed = PgpKeyring.read(truncated);
      // cut at a packet boundary: a shorter well-formed ring holds only keys of the original
      java.util.List<String> original = PgpKeyring.read(ring).keys().stream().map(PgpKey::fingerprint).toList();
      parsed.keys().forEach(k -> assertTrue(original.contains(k.fingerprint()), k.fingerprint()));
    } catch (InvalidInputException expected) {
      // a precise failure
    }
  }

  @Provide
  Arbitrary<byte[]> keyrings() {
    return Arbitraries.of(HELM_PUB, HELM_SEC, MIXED);
  }

  @Property(tries = 200)
  void flippedBytesNeverCrash(@ForAll("keyrings") byte[] ring, @ForAll @IntRange(min = 0, max = 100_000) int at,
      @ForAll @IntRange(min = 1, max = 255) int xor) {
    byte[] corrupted = ring.clone();
    corrupted[at % corrupted.length] ^= (byte) xor;
    try {
      PgpKeyring parsed = PgpKeyring.read(corrupted);
      for (PgpKey k : parsed.keys()) {
        k.fingerprint();
        k.userIds();
        k.isRevoked();
        try {
          k.signingKeyFingerprint(java.time.Instant.now());
        } catch (InvalidInputException refused) {
          // a corrupted self-signature leaves no usable signing key
        }
      }
    } catch (InvalidInputException expected) {
      // a precise failure
    }
  }

  @Example
  void truncatedArmorIsRejected() {
    String armored = PgpKeyring.read(MIXED).publicArmored();
    byte[] half = armored.substring(0, armored.length() / 2).getBytes(StandardCharsets.US_ASCII);
    assertThrows(InvalidInputException.class, () -> PgpKeyring.read(half));
  }

  @Example
  void emptyAndOversizedInputsAreRejected() {
    assertThrows(InvalidInputException.class, () -> PgpKeyring.read(new byte[0]));
    byte[] huge = new byte[16 * 1024 * 1024 + 1];
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> PgpKeyring.read(new java.io.ByteArrayInputStream(huge)));
    assertTrue(e.getMessage().contains("larger than"), e.getMessage());
  }

  @Example
  void hugeDeclaredLengthsAreRejectedWithoutAllocating() {
    for (int tag : new int[] {6, 5, 13, 2, 14}) {
      // old-format header, 4-byte length 0x7FFFFFFF, then a few body bytes
      byte[] data = {(byte) (0x80 | (tag << 2) | 2), 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 4, 0, 0, 0, 0, 1};
      assertThrows(InvalidInputException.class, () -> PgpKeyring.read(data), "tag " + tag);
      // new-format header, 5-byte length
      byte[] data2 = {(byte) (0xC0 | tag), (byte) 0xFF, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 4, 0, 0, 0, 0, 1};
      assertThrows(InvalidInputException.class, () -> PgpKeyring.read(data2), "tag " + tag);
    }
    // a valid key followed by a user id claiming 2 GiB
    byte[] key = PgpKeyring.read(HELM_PUB).keys().get(0).publicKeyringBytes();
    byte[] tail = {(byte) 0xCD, (byte) 0xFF, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 'a'};
    byte[] both = Arrays.copyOf(key, key.length + tail.length);
    System.arraycopy(tail, 0, both, key.length, tail.length);
    assertThrows(InvalidInputException.class, () -> PgpKeyring.read(both));
  }

  @Example
  void nonKeyPacketsAreNamed() {
    // a literal data packet (tag 11), as a signed message would carry
    byte[] literal = {(byte) 0xCB, 7, 'b', 0, 0, 0, 0, 0, 'x'};
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> PgpKeyring.read(literal));
    assertTrue(e.getMessage().contains("not an OpenPGP keyring"), e.getMessage());
    assertThrows(KeyNotFoundException.class, () -> PgpKeyring.read(HELM_PUB).select("nobody"));
  }

  @Property(tries = 10)
  void fileNamedForAnotherKeyIsRejected(@ForAll @IntRange(min = 0, max = 1) int which) {
    PgpKeyring mixed = PgpKeyring.read(MIXED);
    PgpKey named = mixed.keys().get(which);
    PgpKey held = mixed.keys().get(1 - which);
    try {
      Path dir = Files.createTempDirectory("pubkeys");
      Path f = Files.write(dir.resolve(PublishedKeyrings.fileName(named)), held.publicKeyringBytes());
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> PublishedKeyrings.importFile(f));
      assertTrue(e.getMessage().contains("holds key " + held.fingerprint() + ", not the key its name states"),
          e.getMessage());
      Path garbage = Files.write(dir.resolve(PublishedKeyrings.fileName(held)), new byte[] {1, 2, 3});
      assertThrows(InvalidInputException.class, () -> PublishedKeyrings.importFile(garbage));
      Files.delete(f);
      Files.delete(garbage);
      Files.delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
