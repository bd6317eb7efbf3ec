package dev.countersign.pgp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.countersign.pgp.internal.Bc;
import dev.countersign.pgp.internal.KeyValidity;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.junit.jupiter.api.Test;

/** A signing subkey is used only with a valid binding AND primary-key back-signature (as GnuPG requires). */
class SigningSubkeyTest {
  static final int ALG = PublicKeyAlgorithmTags.EDDSA_LEGACY;

  static PGPKeyPair pair(Date created) throws Exception {
    return new JcaPGPKeyPair(ALG, KeyPairGenerator.getInstance("Ed25519", Bc.provider()).generateKeyPair(), created);
  }

  static JcaPGPContentSignerBuilder signer() {
    return new JcaPGPContentSignerBuilder(ALG, HashAlgorithmTags.SHA512).setProvider(Bc.provider());
  }

  static PgpKey keyWithSubkey(boolean backSign, long subExpirySeconds) throws Exception {
    Date created = new Date(1_700_000_000_000L);
    PGPKeyPair primary = pair(created);
    PGPKeyPair sub = pair(new Date(1_700_000_100_000L));
    PGPSignatureSubpacketGenerator primaryFlags = new PGPSignatureSubpacketGenerator();
    primaryFlags.setKeyFlags(false, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
    PGPKeyRingGenerator gen = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, primary,
        "Sub <sub@example.com>", Bc.sha1(), primaryFlags.generate(), null, signer(), null);
    PGPSignatureSubpacketGenerator subHashed = new PGPSignatureSubpacketGenerator();
    subHashed.setKeyFlags(false, KeyFlags.SIGN_DATA);
    if (subExpirySeconds > 0) {
      subHashed.setKeyExpirationTime(false, subExpirySeconds);
    }
    if (backSign) {
      PGPSignatureGenerator back = new PGPSignatureGenerator(signer(), sub.getPublicKey());
      back.init(PGPSignature.PRIMARYKEY_BINDING, sub.getPrivateKey());
      subHashed.addEmbeddedSignature(false, back.generateCertification(primary.getPublicKey(), sub.getPublicKey()));
    }
    gen.addSubKey(sub, subHashed.generate(), null);
    return PgpKeyring.read(gen.generateSecretKeyRing().getEncoded()).keys().get(0);
  }

  static String subFingerprint(PgpKey key) {
    var it = key.bcPublicKeyRing().getPublicKeys();
    it.next();
    return KeyValidity.fingerprint(it.next());
  }

  @Test
  void backSignedSubkeySigns() throws Exception {
    PgpKey key = keyWithSubkey(true, 0);
    assertEquals(subFingerprint(key), key.signingKeyFingerprint(Instant.now()));
    assertEquals(subFingerprint(key), key.unlock(new char[0]).signingKeyFingerprint());
  }

  @Test
  void subkeyWithoutBackSignatureIsIgnored() throws Exception {
    PgpKey key = keyWithSubkey(false, 0);
    assertEquals(key.fingerprint(), key.signingKeyFingerprint(Instant.now()));
  }

  @Test
  void expiredSubkeyFallsBackToPrimary() throws Exception {
    PgpKey key = keyWithSubkey(true, 3600);
    assertEquals(subFingerprint(key), key.signingKeyFingerprint(Instant.ofEpochSecond(1_700_000_200L)));
    assertEquals(key.fingerprint(), key.signingKeyFingerprint(Instant.ofEpochSecond(1_700_000_100L + 3600)));
  }
}
