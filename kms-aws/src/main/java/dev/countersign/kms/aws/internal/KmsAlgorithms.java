package dev.countersign.kms.aws.internal;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.SignatureAlgorithm;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/** Maps KMS key specs and signing algorithms to Countersign's {@link SignatureAlgorithm}. */
public final class KmsAlgorithms {
  /** Key specs Countersign signs with, in the order messages list them. */
  public static final List<KeySpec> SIGNING_SPECS = List.of(KeySpec.ECC_NIST_P256, KeySpec.ECC_NIST_P384,
      KeySpec.ECC_NIST_P521, KeySpec.RSA_2048, KeySpec.RSA_3072, KeySpec.RSA_4096);

  private static final Map<SignatureAlgorithm, SigningAlgorithmSpec> TO_KMS = new EnumMap<>(SignatureAlgorithm.class);

  static {
    TO_KMS.put(SignatureAlgorithm.ECDSA_P256_SHA256, SigningAlgorithmSpec.ECDSA_SHA_256);
    TO_KMS.put(SignatureAlgorithm.ECDSA_P384_SHA384, SigningAlgorithmSpec.ECDSA_SHA_384);
    TO_KMS.put(SignatureAlgorithm.ECDSA_P521_SHA512, SigningAlgorithmSpec.ECDSA_SHA_512);
    TO_KMS.put(SignatureAlgorithm.ECDSA_P384_SHA256, SigningAlgorithmSpec.ECDSA_SHA_256);
    TO_KMS.put(SignatureAlgorithm.ECDSA_P521_SHA256, SigningAlgorithmSpec.ECDSA_SHA_256);
    TO_KMS.put(SignatureAlgorithm.RSA_PKCS1V15_SHA256, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256);
    TO_KMS.put(SignatureAlgorithm.RSA_PKCS1V15_SHA384, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_384);
    TO_KMS.put(SignatureAlgorithm.RSA_PKCS1V15_SHA512, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_512);
    TO_KMS.put(SignatureAlgorithm.RSA_PSS_SHA256, SigningAlgorithmSpec.RSASSA_PSS_SHA_256);
    TO_KMS.put(SignatureAlgorithm.RSA_PSS_SHA384, SigningAlgorithmSpec.RSASSA_PSS_SHA_384);
    TO_KMS.put(SignatureAlgorithm.RSA_PSS_SHA512, SigningAlgorithmSpec.RSASSA_PSS_SHA_512);
  }

  private KmsAlgorithms() {}

  /** Whether Countersign can sign with keys of {@code spec}. */
  public static boolean isSigningSpec(KeySpec spec) {
    return SIGNING_SPECS.contains(spec);
  }

  /** The curve ({@code P-256}) of an ECC spec, or null for RSA. */
  public static String curve(KeySpec spec) {
    switch (spec) {
      case ECC_NIST_P256:
        return "P-256";
      case ECC_NIST_P384:
        return "P-384";
      case ECC_NIST_P521:
        return "P-521";
      default:
        return null;
    }
  }

  /** The RSA modulus size of an RSA spec, or 0. */
  public static int rsaBits(KeySpec spec) {
    switch (spec) {
      case RSA_2048:
        return 2048;
      case RSA_3072:
        return 3072;
      case RSA_4096:
        return 4096;
      default:
        return 0;
    }
  }

  /** The KMS name of {@code algorithm}, e.g. {@code RSASSA_PSS_SHA_256}; null for Ed25519. */
  public static SigningAlgorithmSpec toKms(SignatureAlgorithm algorithm) {
    return TO_KMS.get(algorithm);
  }

  /**
   * The Countersign algorithm for a KMS signing algorithm on a key of {@code spec}; null when there is none (an
   * algorithm that does not fit the spec, SM2, ML-DSA, Ed25519).
   */
  public static SignatureAlgorithm fromKms(KeySpec spec, SigningAlgorithmSpec kms) {
    if (!isSigningSpec(spec) || kms == null) {
      return null;
    }
    String curve = curve(spec);
    for (Map.Entry<SignatureAlgorithm, SigningAlgorithmSpec> e : TO_KMS.entrySet()) {
      SignatureAlgorithm a = e.getKey();
      if (e.getValue() == kms && a.curve().map(c -> c.equals(curve)).orElse(curve == null)) {
        return a;
      }
    }
    return null;
  }

  /**
   * The algorithm to sign with: {@code pinned} when given (it must be one the key lists), else the first algorithm
   * the key lists, as cosign chooses.
   *
   * @throws InvalidInputException naming the key when the key spec or the pinned algorithm is unsupported
   */
  public static SignatureAlgorithm choose(String keyName, KeySpec spec, List<SigningAlgorithmSpec> listed,
      SignatureAlgorithm pinned) {
    requireSigningSpec(keyName, spec);
    if (pinned == null) {
      SigningAlgorithmSpec first = listed.isEmpty() ? null : listed.get(0);
      SignatureAlgorithm a = fromKms(spec, first);
      if (a == null) {
        throw new InvalidInputException("KMS key " + keyName + " (" + spec + ") lists signing algorithm " + first
            + " first, which Countersign does not support; pin one of " + names(spec, listed));
      }
      return a;
    }
    SigningAlgorithmSpec kms = toKms(pinned);
    if (kms == null || fromKms(spec, kms) != pinned || !listed.contains(kms)) {
      throw new InvalidInputException("KMS key " + keyName + " (" + spec + ") cannot sign with " + pinned.id()
          + (kms == null ? "" : " (" + kms + ")") + "; the key supports " + names(spec, listed));
    }
    return pinned;
  }

  /** Throws {@link InvalidInputException} naming the key when Countersign cannot sign with {@code spec}. */
  public static void requireSigningSpec(String keyName, KeySpec spec) {
    if (!isSigningSpec(spec)) {
      throw new InvalidInputException("KMS key " + keyName + " has key spec " + specName(spec)
          + ", which Countersign cannot sign with (supported: " + SIGNING_SPECS + ")");
    }
  }

  /** The spec's name, or "unknown" when the SDK does not know it. */
  public static String specName(KeySpec spec) {
    return spec == null || spec == KeySpec.UNKNOWN_TO_SDK_VERSION ? "unknown to this SDK" : spec.toString();
  }

  private static String names(KeySpec spec, List<SigningAlgorithmSpec> listed) {
    List<String> out = new ArrayList<>();
    for (SigningAlgorithmSpec s : listed) {
      SignatureAlgorithm a = fromKms(spec, s);
      out.add(a == null ? s + " (unsupported)" : s + " (" + a.id() + ")");
    }
    return out.isEmpty() ? "no signing algorithm" : String.join(", ", out);
  }
}
