package dev.countersign.pgp.helm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;

/** Loads the Helm provenance vectors and keyrings directly with Bouncy Castle. */
final class HelmVectors {
  static final String DIR = "/vectors/helm/provenance/";

  private HelmVectors() {}

  static byte[] bytes(String name) {
    try (InputStream in = HelmVectors.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path path(String name) {
    try {
      return Path.of(HelmVectors.class.getResource(DIR + name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static PGPPublicKeyRingCollection publicKeyring(String name) {
    try (InputStream in = PGPUtil.getDecoderStream(HelmVectors.class.getResourceAsStream(DIR + name))) {
      return new PGPPublicKeyRingCollection(in, new JcaKeyFingerprintCalculator());
    } catch (IOException | PGPException e) {
      throw new IllegalStateException(e);
    }
  }

  static PGPSecretKeyRing secretRing(String name) {
    try (InputStream in = PGPUtil.getDecoderStream(HelmVectors.class.getResourceAsStream(DIR + name))) {
      return new PGPSecretKeyRingCollection(in, new JcaKeyFingerprintCalculator()).getKeyRings().next();
    } catch (IOException | PGPException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public keys of a secret ring as a keyring collection. */
  static PGPPublicKeyRingCollection publicOf(PGPSecretKeyRing secret) {
    List<PGPPublicKey> keys = new ArrayList<>();
    for (Iterator<PGPPublicKey> it = secret.getPublicKeys(); it.hasNext(); ) {
      keys.add(it.next());
    }
    return new PGPPublicKeyRingCollection(List.of(new PGPPublicKeyRing(keys)));
  }
}
