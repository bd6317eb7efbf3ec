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
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;

/**
 * Shared Bouncy Castle objects for the OpenPGP code. Reading keys and verifying signatures use Bouncy Castle's
 * lightweight operators, which need no JCA provider: building a {@code BouncyCastleProvider} costs about 150 ms
 * of start-up, which a one-shot {@code helm verify} would pay for nothing. Signing and key generation use one
 * provider instance, made on first use and never registered globally.
 */
public final class Bc {
  private Bc() {}

  /** The provider for signing and key generation, created on first use. */
  public static Provider provider() {
    return ProviderHolder.PROVIDER;
  }

  public static KeyFingerPrintCalculator fingerprints() {
    return new BcKeyFingerprintCalculator();
  }

  public static PGPContentVerifierBuilderProvider verifiers() {
    return new BcPGPContentVerifierBuilderProvider();
  }

  public static PGPDigestCalculatorProvider digests() {
    return new BcPGPDigestCalculatorProvider();
  }

  public static PGPDigestCalculator sha1() {
    try {
      return digests().get(HashAlgorithmTags.SHA1);
    } catch (PGPException e) {
      throw new CountersignException("SHA-1 calculator unavailable", e);
    }
  }

  private static final class ProviderHolder {
    static final Provider PROVIDER = new BouncyCastleProvider();
  }
}
