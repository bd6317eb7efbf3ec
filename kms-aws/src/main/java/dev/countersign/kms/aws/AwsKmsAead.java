package dev.countersign.kms.aws;

import com.google.crypto.tink.Aead;
import dev.countersign.core.CountersignException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.kms.aws.internal.KmsErrors;
import dev.countersign.kms.aws.internal.KmsKeyStore;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

/**
 * A Tink {@link Aead} backed by a symmetric AWS KMS key ({@code Encrypt} / {@code Decrypt}), from
 * {@link AwsKms#aead(String)}; typically used to encrypt Tink keysets
 * ({@code TinkKeyset.toEncryptedJson(aead, ad)}).
 *
 * <p>Associated data is bound as the KMS encryption context {@code {"associatedData": lower-case hex(ad)}} when
 * non-empty (none when null or empty): the convention of Tink's own AWS KMS integration, so ciphertexts are
 * interchangeable with {@code tink-java-awskms} and Tinkey. Decryption names the key, and when the reference is a
 * key ARN the key KMS reports having used must be that key.
 *
 * <p>Every failure is a {@link GeneralSecurityException}, as Tink expects; its cause is the Countersign exception
 * ({@code KeyNotFoundException}, {@code BackendException} with {@code retryable()}) describing what went wrong.
 */
public final class AwsKmsAead implements Aead {
  /** Tink's URI prefix for AWS KMS keys. */
  public static final String TINK_PREFIX = "aws-kms://";
  static final String CONTEXT_KEY = "associatedData";

  private final KmsKeyStore store;
  private final AwsKmsKeyReference ref;

  AwsKmsAead(KmsKeyStore store, AwsKmsKeyReference ref) {
    this.store = store;
    this.ref = ref;
  }

  /** Parses {@code awskms://...} or Tink's {@code aws-kms://<key or alias ARN, key id or alias>}. */
  static AwsKmsKeyReference parseReference(String reference) {
    if (reference == null) {
      throw new InvalidInputException("AWS KMS key reference is empty");
    }
    if (reference.regionMatches(true, 0, TINK_PREFIX, 0, TINK_PREFIX.length())) {
      return AwsKmsKeyReference.parse("awskms:///" + reference.substring(TINK_PREFIX.length()));
    }
    return AwsKmsKeyReference.parse(reference);
  }

  /** The key this AEAD uses. */
  public AwsKmsKeyReference reference() {
    return ref;
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
    if (plaintext == null) {
      throw new GeneralSecurityException("plaintext is null");
    }
    try {
      return KmsErrors.call("Encrypt", ref.toString(), () -> store.client(ref).encrypt(b -> b.keyId(ref.keyId())
          .plaintext(SdkBytes.fromByteArray(plaintext)).encryptionContext(context(associatedData))))
          .ciphertextBlob().asByteArray();
    } catch (CountersignException e) {
      throw new GeneralSecurityException(e.getMessage(), e);
    }
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
    if (ciphertext == null || ciphertext.length == 0) {
      throw new GeneralSecurityException("ciphertext is empty");
    }
    DecryptResponse r;
    try {
      r = store.client(ref).decrypt(b -> b.keyId(ref.keyId()).ciphertextBlob(SdkBytes.fromByteArray(ciphertext))
          .encryptionContext(context(associatedData)));
    } catch (InvalidCiphertextException | IncorrectKeyException e) {
      throw new GeneralSecurityException("KMS key " + ref + " cannot decrypt this ciphertext with this associated"
          + " data (wrong key, associated data or a corrupt ciphertext)", e);
    } catch (SdkException e) {
      CountersignException mapped = KmsErrors.map(e, "Decrypt", ref.toString());
      throw new GeneralSecurityException(mapped.getMessage(), mapped);
    } catch (CountersignException e) {
      throw new GeneralSecurityException(e.getMessage(), e);
    }
    if (ref.isArn() && !ref.isAlias() && !ref.keyId().equals(r.keyId())) {
      throw new GeneralSecurityException("KMS decrypted with key " + r.keyId() + ", not " + ref.keyId());
    }
    return r.plaintext() == null ? new byte[0] : r.plaintext().asByteArray();
  }

  private static Map<String, String> context(byte[] associatedData) {
    return associatedData == null || associatedData.length == 0 ? Map.of()
        : Map.of(CONTEXT_KEY, HexFormat.of().formatHex(associatedData));
  }

  @Override
  public String toString() {
    return "AwsKmsAead{" + ref + "}";
  }
}
