package dev.countersign.pgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.VerificationReport;
import dev.countersign.pgp.helm.ProvenanceVerifier;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GnuPG 2 {@code pubring.kbx} keyboxes made by real gpg 2.2 read as keyrings; damaged ones are refused. */
class KeyboxTest {
  @Test
  void gpgKeyboxLoadsAndVerifiesWhatGpgSigned(@TempDir Path dir) throws Exception {
    Path home = Files.createDirectory(dir.resolve("gnupg"));
    try (GpgPeer gpg = new GpgPeer(home)) {
      gpg.ok("--quick-gen-key", "Kbx Ed <kbx-ed@example.com>", "ed25519", "sign", "never");
      gpg.ok("--quick-gen-key", "Kbx Rsa <kbx-rsa@example.com>", "rsa3072", "sign", "never");
      List<String> fprs = gpg.listFingerprints();
      byte[] kbx = Files.readAllBytes(home.resolve("pubring.kbx"));
      PgpKeyring ring = PgpKeyring.read(home.resolve("pubring.kbx"));
      assertEquals(fprs, ring.keys().stream().map(PgpKey::fingerprint).toList());
      assertEquals("Kbx Rsa <kbx-rsa@example.com>", ring.select("kbx-rsa").userIds().get(0));

      Path body = Files.write(dir.resolve("body"), TestResources.helm("msgblock.yaml"));
      Path prov = dir.resolve("x.prov");
      gpg.ok("--local-user", fprs.get(1), "--digest-algo", "SHA512", "--clearsign", "--output", prov.toString(),
          body.toString());
      VerificationReport r = ProvenanceVerifier.withKeyring(ring).verify(Files.readAllBytes(prov),
          new ByteArrayInputStream(TestResources.helm("hashtest-1.2.3.tgz")), "hashtest-1.2.3.tgz");
      assertTrue(r.passed(), r::toString);

      byte[] flipped = kbx.clone();
      flipped[kbx.length - 40] ^= 0x55;
      assertThrows(InvalidInputException.class, () -> PgpKeyring.read(flipped));
      assertThrows(InvalidInputException.class, () -> PgpKeyring.read(Arrays.copyOf(kbx, kbx.length - 7)));
      InvalidInputException empty = assertThrows(InvalidInputException.class,
          () -> PgpKeyring.read(Arrays.copyOf(kbx, 32)));
      assertTrue(empty.getMessage().contains("keybox"), empty.getMessage());
      byte[] huge = Arrays.copyOf(kbx, 16 * 1024 * 1024 + 1);
      InvalidInputException big = assertThrows(InvalidInputException.class, () -> PgpKeyring.read(huge));
      assertTrue(big.getMessage().contains("larger than"), big.getMessage());
    }
  }
}
