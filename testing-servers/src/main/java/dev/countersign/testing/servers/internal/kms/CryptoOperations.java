package dev.countersign.testing.servers.internal.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** GetPublicKey, Sign, Verify, Encrypt, Decrypt and GenerateDataKey with the keys' real material. */
final class CryptoOperations {
  private static final int MAX_MESSAGE = 4096;
  private static final int MAX_CIPHERTEXT = 6144;

  private final KmsState state;
  private final Faults faults;

  CryptoOperations(KmsState state, Faults faults) {
    this.state = state;
    this.faults = faults;
  }

  void register(Map<String, Operation> operations) {
    operations.put("GetPublicKey", this::getPublicKey);
    operations.put("Sign", this::sign);
    operations.put("Verify", this::verify);
    operations.put("Encrypt", this::encrypt);
    operations.put("Decrypt", this::decrypt);
    operations.put("GenerateDataKey", this::generateDataKey);
  }

  private ObjectNode getPublicKey(JsonNode body) {
    LocalKey key;
    synchronized (state) {
      key = state.resolve(Json.requiredString(body, "KeyId"), true);
      if (key.state() == LocalKey.State.PendingDeletion) {
        throw KmsError.invalidState(key.arn() + " is pending deletion.");
      }
      if (key.state() == LocalKey.State.Disabled) {
        throw KmsError.disabled(key.arn());
      }
    }
    if (key.spec().isSymmetric()) {
      throw KmsError.unsupported(key.arn() + " is a symmetric key; it has no public key.");
    }
    byte[] publicKey = key.keyPair().getPublic().getEncoded();
    if (faults.takeGarbagePublicKey()) {
      publicKey = new byte[publicKey.length];
      state.random().nextBytes(publicKey);
    }
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    response.put("KeyId", key.arn());
    response.put("PublicKey", Json.base64(publicKey));
    response.put("CustomerMasterKeySpec", key.spec().name());
    response.put("KeySpec", key.spec().name());
    response.put("KeyUsage", key.usage());
    key.writeSigningAlgorithms(response.putArray("SigningAlgorithms"));
    return response;
  }

  private ObjectNode sign(JsonNode body) {
    LocalKey key = state.usableKey(Json.requiredString(body, "KeyId"), "SIGN_VERIFY");
    byte[] message = Json.requiredBlob(body, "Message", MAX_MESSAGE);
    SigningAlgorithm algorithm = algorithmFor(key, body);
    byte[] digest = digest(algorithm, body, message);
    byte[] signature = DigestSignatures.sign(algorithm, key.keyPair().getPrivate(), digest);
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    response.put("KeyId", key.arn());
    response.put("Signature", Json.base64(signature));
    response.put("SigningAlgorithm", algorithm.name());
    return response;
  }

  private ObjectNode verify(JsonNode body) {
    LocalKey key = state.usableKey(Json.requiredString(body, "KeyId"), "SIGN_VERIFY");
    byte[] message = Json.requiredBlob(body, "Message", MAX_MESSAGE);
    byte[] signature = Json.requiredBlob(body, "Signature", MAX_CIPHERTEXT);
    SigningAlgorithm algorithm = algorithmFor(key, body);
    byte[] digest = digest(algorithm, body, message);
    if (!DigestSignatures.verify(algorithm, key.keyPair().getPublic(), digest, signature)) {
      throw new KmsError("KMSInvalidSignatureException", 400, null);
    }
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    response.put("KeyId", key.arn());
    response.put("SignatureValid", true);
    response.put("SigningAlgorithm", algorithm.name());
    return response;
  }

  private static SigningAlgorithm algorithmFor(LocalKey key, JsonNode body) {
    SigningAlgorithm algorithm = SigningAlgorithm.parse(Json.requiredString(body, "SigningAlgorithm"));
    if (!key.spec().signingAlgorithms().contains(algorithm)) {
      throw KmsError.invalidKeyUsage("Signing algorithm " + algorithm + " is not valid for " + key.arn()
          + " (" + key.spec() + ")");
    }
    return algorithm;
  }

  private static byte[] digest(SigningAlgorithm algorithm, JsonNode body, byte[] message) {
    String type = Json.optionalString(body, "MessageType");
    if (type == null || type.equals("RAW")) {
      return DigestSignatures.hash(algorithm, message);
    }
    if (!type.equals("DIGEST")) {
      throw KmsError.validation("1 validation error detected: Value '" + type
          + "' at 'messageType' failed to satisfy constraint: Member must satisfy enum value set: [RAW,"
          + " DIGEST]");
    }
    if (message.length != algorithm.hashLength()) {
      throw KmsError.validation("Digest is invalid length for algorithm " + algorithm + ".");
    }
    return message;
  }

  private ObjectNode encrypt(JsonNode body) {
    LocalKey key = state.usableKey(Json.requiredString(body, "KeyId"), "ENCRYPT_DECRYPT");
    byte[] plaintext = Json.requiredBlob(body, "Plaintext", MAX_MESSAGE);
    checkEncryptionAlgorithm(body);
    byte[] blob = Envelope.seal(key, plaintext, Json.stringMap(body, "EncryptionContext"), state.random());
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    response.put("CiphertextBlob", Json.base64(blob));
    response.put("KeyId", key.arn());
    response.put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
    return response;
  }

  private ObjectNode decrypt(JsonNode body) {
    byte[] blob = Json.requiredBlob(body, "CiphertextBlob", MAX_CIPHERTEXT);
    checkEncryptionAlgorithm(body);
    String embeddedId = Envelope.keyId(blob);
    String requested = Json.optionalString(body, "KeyId");
    LocalKey key;
    synchronized (state) {
      try {
        key = state.resolve(embeddedId, false);
      } catch (KmsError e) {
        throw new KmsError("InvalidCiphertextException", 400, null);
      }
      if (requested != null && !state.resolve(requested, true).id().equals(key.id())) {
        throw new KmsError("IncorrectKeyException", 400,
            "The key ID in the request does not identify a KMS key that can perform this operation.");
      }
      key.requireUsable("ENCRYPT_DECRYPT");
    }
    byte[] plaintext = Envelope.open(key.secretKey(), blob, Json.stringMap(body, "EncryptionContext"));
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    response.put("KeyId", key.arn());
    response.put("Plaintext", Json.base64(plaintext));
    response.put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
    return response;
  }

  private ObjectNode generateDataKey(JsonNode body) {
    LocalKey key = state.usableKey(Json.requiredString(body, "KeyId"), "ENCRYPT_DECRYPT");
    String spec = Json.optionalString(body, "KeySpec");
    Integer count = Json.optionalInt(body, "NumberOfBytes");
    if ((spec == null) == (count == null)) {
      throw KmsError.validation("Specify either KeySpec or NumberOfBytes, but not both.");
    }
    int length;
    if (spec != null) {
      if (!spec.equals("AES_256") && !spec.equals("AES_128")) {
        throw KmsError.validation("1 validation error detected: Value '" + spec
            + "' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set:"
            + " [AES_256, AES_128]");
      }
      length = spec.equals("AES_256") ? 32 : 16;
    } else {
      if (count < 1 || count > 1024) {
        throw KmsError.validation("NumberOfBytes must be between 1 and 1024");
      }
      length = count;
    }
    byte[] plaintext = new byte[length];
    state.random().nextBytes(plaintext);
    byte[] blob = Envelope.seal(key, plaintext, Json.stringMap(body, "EncryptionContext"), state.random());
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    response.put("CiphertextBlob", Json.base64(blob));
    response.put("Plaintext", Json.base64(plaintext));
    response.put("KeyId", key.arn());
    return response;
  }

  private static void checkEncryptionAlgorithm(JsonNode body) {
    String algorithm = Json.optionalString(body, "EncryptionAlgorithm");
    if (algorithm != null && !algorithm.equals("SYMMETRIC_DEFAULT")) {
      throw KmsError.invalidKeyUsage("Encryption algorithm " + algorithm
          + " is not valid for a SYMMETRIC_DEFAULT key");
    }
  }
}
