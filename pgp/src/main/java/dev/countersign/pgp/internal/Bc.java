package dev.countersign.pgp.internal;

import dev.countersign.core.CountersignException;
import java.security.Provider;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.operator.KeyFingerPrintCalculator;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.PGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;

/** Shared Bouncy Castle objects for the OpenPGP code: one provider instance, never registered globally. */
public final class Bc {
  public static final Provider PROVIDER = new BouncyCastleProvider();

  private Bc() {}

  public static KeyFingerPrintCalculator fingerprints() {
    return new JcaKeyFingerprintCalculator().setProvider(PROVIDER);
  }

  public static PGPContentVerifierBuilderProvider verifiers() {
    return new JcaPGPContentVerifierBuilderProvider().setProvider(PROVIDER);
  }

  public static PGPDigestCalculatorProvider digests() {
    try {
      return new JcaPGPDigestCalculatorProviderBuilder().setProvider(PROVIDER).build();
    } catch (PGPException e) {
      throw new CountersignException("OpenPGP digest calculators unavailable", e);
    }
  }

  public static PGPDigestCalculator sha1() {
    try {
      return digests().get(HashAlgorithmTags.SHA1);
    } catch (PGPException e) {
      throw new CountersignException("SHA-1 calculator unavailable", e);
    }
  }
}
