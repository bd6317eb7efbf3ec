package dev.countersign.core.testing;

import dev.countersign.core.SignatureAlgorithm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** openssl command lines that verify and make signatures of our {@link SignatureAlgorithm}s (tests only). */
public final class OpensslSignatures {
  private OpensslSignatures() {}

  /** Verifies {@code sig} over the content of {@code data} with the public key PEM {@code pub}. */
  public static Peers.Result verify(SignatureAlgorithm alg, Path pub, Path data, Path sig) {
    if (!alg.signsDigest()) {
      return Peers.openssl("pkeyutl", "-verify", "-pubin", "-inkey", pub.toString(), "-rawin", "-in",
          data.toString(), "-sigfile", sig.toString());
    }
    List<String> args = new ArrayList<>(List.of("dgst", "-" + alg.digestAlgorithm().get().ociName()));
    args.addAll(pss(alg));
    args.addAll(List.of("-verify", pub.toString(), "-signature", sig.toString(), data.toString()));
    return Peers.openssl(args.toArray(String[]::new));
  }

  /** Signs the content of {@code data} with the PKCS#8 PEM {@code key} into {@code sig}. */
  public static Peers.Result sign(SignatureAlgorithm alg, Path key, Path data, Path sig) {
    if (!alg.signsDigest()) {
      return Peers.openssl("pkeyutl", "-sign", "-inkey", key.toString(), "-rawin", "-in", data.toString(),
          "-out", sig.toString());
    }
    List<String> args = new ArrayList<>(List.of("dgst", "-" + alg.digestAlgorithm().get().ociName()));
    args.addAll(pss(alg));
    args.addAll(List.of("-sign", key.toString(), "-out", sig.toString(), data.toString()));
    return Peers.openssl(args.toArray(String[]::new));
  }

  private static List<String> pss(SignatureAlgorithm alg) {
    if (!alg.name().startsWith("RSA_PSS")) {
      return List.of();
    }
    return List.of("-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:digest", "-sigopt",
        "rsa_mgf1_md:" + alg.digestAlgorithm().get().ociName());
  }
}
