package dev.countersign.kms.aws.internal;

import dev.countersign.core.BackendException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.keys.PemKeys;
import dev.countersign.kms.aws.AwsKmsKeyReference;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * Loads a signing key's description and public key with exactly one DescribeKey and one GetPublicKey (on the ARN
 * DescribeKey returned, so an alias moving in between cannot mix two keys), and checks that both answers agree
 * with each other and with the public key itself.
 */
public final class KmsKeyLoader {
  private static final int MAX_PUBLIC_KEY = 16 * 1024;

  private KmsKeyLoader() {}

  /** Describes and fetches the key {@code ref} names. */
  public static KmsKeyInfo load(KmsClient client, AwsKmsKeyReference ref) {
    String name = ref.toString();
    KeyMetadata md = KmsErrors.call("DescribeKey", name,
        () -> client.describeKey(b -> b.keyId(ref.keyId())).keyMetadata());
    if (md == null || md.arn() == null) {
      throw new InvalidInputException("DescribeKey for KMS key " + name + " returned no key metadata");
    }
    String arn = md.arn();
    String display = ref.keyId().equals(arn) ? arn : arn + " (" + name + ")";
    checkState(display, md);
    if (md.keyUsage() != KeyUsageType.SIGN_VERIFY) {
      throw new InvalidInputException("KMS key " + display + " has key usage " + md.keyUsageAsString()
          + "; signing needs an asymmetric SIGN_VERIFY key");
    }
    KmsAlgorithms.requireSigningSpec(display, md.keySpec());
    GetPublicKeyResponse pk = KmsErrors.call("GetPublicKey", display, () -> client.getPublicKey(b -> b.keyId(arn)));
    if (pk.keyId() != null && !pk.keyId().equals(arn)) {
      throw new InvalidInputException("GetPublicKey for KMS key " + display + " answered for a different key, "
          + pk.keyId());
    }
    if (pk.keySpec() != null && pk.keySpec() != md.keySpec()) {
      throw new InvalidInputException("KMS key " + display + " is described as " + md.keySpec()
          + " but GetPublicKey says " + KmsAlgorithms.specName(pk.keySpec()) + "; refusing an inconsistent key");
    }
    PublicKey publicKey = parse(display, pk);
    checkMatchesSpec(display, md.keySpec(), publicKey);
    List<SigningAlgorithmSpec> algs = md.hasSigningAlgorithms() ? md.signingAlgorithms()
        : pk.hasSigningAlgorithms() ? pk.signingAlgorithms() : List.of();
    return new KmsKeyInfo(arn, md.keySpec(), algs, publicKey, md.creationDate());
  }

  private static void checkState(String display, KeyMetadata md) {
    KeyState state = md.keyState();
    if (state == null || state == KeyState.ENABLED) {
      if (Boolean.FALSE.equals(md.enabled())) {
        throw new BackendException("KMS key " + display + " is disabled", false);
      }
      return;
    }
    switch (state) {
      case DISABLED:
        throw new BackendException("KMS key " + display + " is disabled", false);
      case PENDING_DELETION:
        throw new BackendException("KMS key " + display + " is pending deletion"
            + (md.deletionDate() == null ? "" : " (scheduled for " + md.deletionDate() + ")")
            + "; cancel the deletion to use it", false);
      case UNAVAILABLE:
        throw new BackendException("KMS key " + display + " is unavailable (its custom key store is"
            + " disconnected)", true);
      default:
        throw new BackendException("KMS key " + display + " is in state " + md.keyStateAsString()
            + " and cannot sign", false);
    }
  }

  private static PublicKey parse(String display, GetPublicKeyResponse pk) {
    byte[] der = pk.publicKey() == null ? new byte[0] : pk.publicKey().asByteArray();
    if (der.length == 0 || der.length > MAX_PUBLIC_KEY) {
      throw new InvalidInputException("GetPublicKey for KMS key " + display + " returned "
          + (der.length == 0 ? "no public key" : "an oversized public key (" + der.length + " bytes)"));
    }
    String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END PUBLIC KEY-----\n";
    try {
      return PemKeys.readPublicKey(pem.getBytes(StandardCharsets.US_ASCII), "public key of KMS key " + display);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("GetPublicKey for KMS key " + display + " returned an unusable public key: "
          + e.getMessage(), e);
    }
  }

  private static void checkMatchesSpec(String display, KeySpec spec, PublicKey key) {
    String curve = KmsAlgorithms.curve(spec);
    boolean ok;
    String found;
    if (curve != null) {
      ok = key instanceof ECPublicKey && curveOf(key).equals(curve);
      found = key instanceof ECPublicKey ? "an EC " + curveOf(key) + " key" : "a " + key.getAlgorithm() + " key";
    } else {
      int bits = key instanceof RSAPublicKey ? ((RSAPublicKey) key).getModulus().bitLength() : 0;
      ok = bits == KmsAlgorithms.rsaBits(spec);
      found = bits > 0 ? "an RSA " + bits + "-bit key" : "a " + key.getAlgorithm() + " key";
    }
    if (!ok) {
      throw new InvalidInputException("KMS key " + display + " is " + spec + " but its public key is " + found
          + "; refusing an inconsistent key");
    }
  }

  private static String curveOf(PublicKey key) {
    for (SignatureAlgorithm a : List.of(SignatureAlgorithm.ECDSA_P256_SHA256, SignatureAlgorithm.ECDSA_P384_SHA384,
        SignatureAlgorithm.ECDSA_P521_SHA512)) {
      if (a.accepts(key)) {
        return a.curve().orElseThrow();
      }
    }
    return "unknown-curve";
  }
}
