package dev.countersign.oci.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.Signer;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.MediaTypes;
import dev.countersign.oci.testing.DirVectors;
import dev.countersign.oci.testing.InMemoryRepository;
import dev.countersign.oci.testing.InMemoryImages;
import dev.countersign.oci.testing.TestSigners;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class PayloadProperties {
  static final Digest DIGEST = Digest.parse("sha256:" + "ab".repeat(32));

  @Property(tries = 300)
  void annotationsRoundTrip(@ForAll @Size(max = 5) Map<@net.jqwik.api.constraints.StringLength(min = 1, max = 12)
      String, String> annotations) {
    SimpleSigningPayload p;
    try {
      p = SimpleSigningPayload.of("r.example/app", DIGEST, annotations);
    } catch (InvalidInputException e) {
      return; // unpaired surrogates are refused
    }
    SimpleSigningPayload back = SimpleSigningPayload.parse(p.bytes());
    assertEquals(annotations, back.annotations());
    assertArrayEquals(p.bytes(), SimpleSigningPayload.of("r.example/app", DIGEST, back.annotations()).bytes());
  }

  @Property(tries = 500)
  void mutatedPayloadsParseOrAreRefusedCleanly(@ForAll("mutations") byte[] mutated) {
    try {
      SimpleSigningPayload p = SimpleSigningPayload.parse(mutated);
      assertEquals(DIGEST.algorithm(), p.manifestDigest().algorithm());
    } catch (InvalidInputException expected) {
      // refused with a message: fine
    }
  }

  @Provide
  Arbitrary<byte[]> mutations() {
    byte[] base = SimpleSigningPayload.of("r.example/app", DIGEST, Map.of("k", "v")).bytes();
    return Arbitraries.integers().between(0, base.length - 1).list().ofMinSize(1).ofMaxSize(4)
        .flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size()).map(values -> {
          byte[] b = base.clone();
          for (int i = 0; i < positions.size(); i++) {
            b[positions.get(i)] = values.get(i);
          }
          return b;
        }));
  }

  /** A signed payload whose stored bytes a registry changed never verifies, and the verifier never throws. */
  @Property(tries = 60)
  void tamperedSignedPayloadsNeverVerify(@ForAll @IntRange(min = 0, max = 200) int position,
      @ForAll byte value) {
    InMemoryRepository repo = new InMemoryRepository("r/app");
    Descriptor image = InMemoryImages.image(repo, "v1");
    Signer s = TestSigners.p256("prop");
    byte[] payload = SimpleSigningPayload.of("r/app", image.digest(), null).bytes();
    byte[] sig = s.sign(payload);
    byte[] tampered = payload.clone();
    int at = position % tampered.length;
    tampered[at] = value;
    Descriptor blob = repo.pushBlob(MediaTypes.COSIGN_SIMPLE_SIGNING, tampered);
    DirVectors.putSignatureManifest(repo, image.digest(), List.of(Descriptor.builder()
        .mediaType(MediaTypes.COSIGN_SIMPLE_SIGNING).digest(blob.digest()).size(blob.size())
        .annotations(Map.of("dev.cosignproject.cosign/signature", Base64.getEncoder().encodeToString(sig))).build()));
    ImageVerificationResult r = ImageVerifier.builder().trust(TestSigners.p256Verifier("prop")).build()
        .verify(repo, "v1");
    if (java.util.Arrays.equals(tampered, payload)) {
      assertEquals(true, r.passed());
    } else {
      assertEquals(false, r.passed(), r::toString);
      assertNotEquals(FoundSignature.Status.VERIFIED, r.signatures().get(0).status());
    }
  }
}
