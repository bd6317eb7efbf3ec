package dev.countersign.core.internal.keys;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.testing.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encrypted PKCS#8 made by openssl: supported schemes decrypt, others and excessive costs are refused up front. */
class EncryptedPkcs8Test {
  private static byte[] opensslEncrypted(Path dir, String... pkcs8Options) throws Exception {
    Path key = dir.resolve("k.pem");
    run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());
    String[] cmd = new String[8 + pkcs8Options.length];
    String[] base = {"pkcs8", "-topk8", "-passout", "pass:pw", "-in", key.toString(), "-out",
        dir.resolve("e.pem").toString()};
    System.arraycopy(base, 0, cmd, 0, 8);
    System.arraycopy(pkcs8Options, 0, cmd, 8, pkcs8Options.length);
    run(cmd);
    return Pem.decode(Files.readAllBytes(dir.resolve("e.pem")), "e.pem").der();
  }

  private static void run(String... args) {
    Peers.Result r = Peers.openssl(args);
    assertTrue(r.exitCode() == 0, r.output());
  }

  private static void assertRefused(byte[] der, String messagePart) {
    InvalidInputException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(
        InvalidInputException.class, () -> EncryptedPkcs8.decrypt(der, "pw".toCharArray(), "e.pem")));
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
  }

  @Test
  void decryptsPbes2WithEveryAesSizeAnd3des(@TempDir Path dir) throws Exception {
    for (String cipher : new String[] {"aes-128-cbc", "aes-192-cbc", "aes-256-cbc", "des-ede3-cbc"}) {
      byte[] der = opensslEncrypted(dir, "-v2", cipher);
      PrivateKeyDecoder.fromPkcs8(EncryptedPkcs8.decrypt(der, "pw".toCharArray(), "e.pem"), "e.pem");
    }
  }

  @Test
  void refusesPbes1AndScrypt(@TempDir Path dir) throws Exception {
    assertRefused(opensslEncrypted(dir, "-v1", "PBE-SHA1-3DES"), "only PBES2");
    assertRefused(opensslEncrypted(dir, "-scrypt"), "only PBKDF2");
  }

  @Test
  void refusesExcessiveIterationCountsBeforeDeriving(@TempDir Path dir) throws Exception {
    EncryptedPrivateKeyInfo info = EncryptedPrivateKeyInfo.getInstance(opensslEncrypted(dir, "-v2", "aes-256-cbc"));
    PBES2Parameters p = PBES2Parameters.getInstance(info.getEncryptionAlgorithm().getParameters());
    PBKDF2Params kdf = PBKDF2Params.getInstance(p.getKeyDerivationFunc().getParameters());
    PBKDF2Params huge = new PBKDF2Params(kdf.getSalt(), Integer.MAX_VALUE, kdf.getPrf());
    PBES2Parameters hostile = new PBES2Parameters(new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, huge),
        EncryptionScheme.getInstance(p.getEncryptionScheme()));
    byte[] der = new EncryptedPrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, hostile),
        info.getEncryptedData()).getEncoded();
    assertRefused(der, "iteration count");
  }
}
