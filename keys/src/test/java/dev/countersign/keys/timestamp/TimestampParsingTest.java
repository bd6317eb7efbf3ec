package dev.countersign.keys.timestamp;

import dev.countersign.keys.testing.BcTsa;
import dev.countersign.keys.testing.LoopbackTsa;
import dev.countersign.keys.testing.OpenSslTsa;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Malformed tokens and certificate inputs are refused with InvalidInputException, never a crash. */
class TimestampParsingTest {
  @Property(tries = 300)
  void arbitraryBytesNeverCrashTheParser(@ForAll @Size(max = 600) byte[] bytes) {
    try {
      TimestampToken.parse(bytes);
    } catch (InvalidInputException expected) {
      // refused with a message
    }
  }

  @Test
  void emptyAndOversizeAreRefused() {
    assertThrows(InvalidInputException.class, () -> TimestampToken.parse(new byte[0]));
    assertThrows(InvalidInputException.class, () -> TimestampToken.parse(null));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> TimestampToken.parse(new byte[(1 << 20) + 1]));
    assertTrue(e.getMessage().contains("exceeds the limit"));
  }

  @Test
  void truncatedGenuineTokenIsRefused() {
    byte[] reply = new BcTsa(BcTsa.Eku.CRITICAL_TIMESTAMPING).reply(request());
    assertTrue(TimestampToken.parse(reply).genTime() != null);
    Random r = new Random(3);
    for (int i = 0; i < 50; i++) {
      int cut = 1 + r.nextInt(reply.length - 1);
      byte[] truncated = java.util.Arrays.copyOf(reply, cut);
      assertThrows(InvalidInputException.class, () -> TimestampToken.parse(truncated), "cut at " + cut);
    }
  }

  @Test
  void verifierBuilderRefusesBadCertificates() {
    assertThrows(InvalidInputException.class, () -> TimestampVerifier.builder().build());
    assertThrows(InvalidInputException.class, () -> TimestampVerifier.builder().trustedRootsPem(""));
    assertThrows(InvalidInputException.class, () -> TimestampVerifier.builder().trustedRootsPem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
    BcTsa tsa = new BcTsa(BcTsa.Eku.CRITICAL_TIMESTAMPING);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> TimestampVerifier.builder().certificateChainPem(tsa.tsaPem()));
    assertTrue(e.getMessage().contains("no self-signed root"));
  }

  private static byte[] request() {
    try {
      return new org.bouncycastle.tsp.TimeStampRequestGenerator().generate(
          org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256, new byte[32]).getEncoded();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
