package dev.countersign.testing.servers.internal.kms;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.SecretKey;

/**
 * One KMS key inside TestKms: identity, spec, usage, lifecycle state, tags and its key material (which never
 * leaves the server). Mutable state is guarded by the {@link KmsState} lock.
 */
final class LocalKey {
  enum State { Enabled, Disabled, PendingDeletion }

  private final String id;
  private final String arn;
  private final String accountId;
  private final LocalKeySpec spec;
  private final String usage;
  private final String description;
  private final Instant created;
  private final KeyPair keyPair;
  private final SecretKey secretKey;
  private final Map<String, String> tags = new LinkedHashMap<>();
  private State state = State.Enabled;
  private Instant deletionDate;
  private int pendingWindowInDays;

  LocalKey(String id, String arn, String accountId, LocalKeySpec spec, String usage, String description,
       Instant created, KeyPair keyPair, SecretKey secretKey) {
    this.id = id;
    this.arn = arn;
    this.accountId = accountId;
    this.spec = spec;
    this.usage = usage;
    this.description = description;
    this.created = created;
    this.keyPair = keyPair;
    this.secretKey = secretKey;
  }

  /** The mutable part of a key (lifecycle state, deletion schedule, tags), for {@link KmsState#baseline()}. */
  record Saved(State state, Instant deletionDate, int pendingWindowInDays, Map<String, String> tags) {
  }

  Saved save() {
    return new Saved(state, deletionDate, pendingWindowInDays, Map.copyOf(tags));
  }

  void restore(Saved saved) {
    state = saved.state();
    deletionDate = saved.deletionDate();
    pendingWindowInDays = saved.pendingWindowInDays();
    tags.clear();
    tags.putAll(saved.tags());
  }

  String id() {
    return id;
  }

  String arn() {
    return arn;
  }

  LocalKeySpec spec() {
    return spec;
  }

  String usage() {
    return usage;
  }

  KeyPair keyPair() {
    return keyPair;
  }

  SecretKey secretKey() {
    return secretKey;
  }

  Map<String, String> tags() {
    return tags;
  }

  State state() {
    return state;
  }

  void enable() {
    requireNotPendingDeletion();
    state = State.Enabled;
  }

  void disable() {
    requireNotPendingDeletion();
    state = State.Disabled;
  }

  void scheduleDeletion(Instant when, int days) {
    requireNotPendingDeletion();
    state = State.PendingDeletion;
    deletionDate = when;
    pendingWindowInDays = days;
  }

  void cancelDeletion() {
    if (state != State.PendingDeletion) {
      throw KmsError.invalidState(arn + " is " + state + " and not pending deletion.");
    }
    state = State.Disabled;
    deletionDate = null;
    pendingWindowInDays = 0;
  }

  Instant deletionDate() {
    return deletionDate;
  }

  /** Checks the key may be used for a cryptographic operation needing {@code requiredUsage}. */
  void requireUsable(String requiredUsage) {
    requireNotPendingDeletion();
    if (state == State.Disabled) {
      throw KmsError.disabled(arn);
    }
    if (!usage.equals(requiredUsage)) {
      throw KmsError.invalidKeyUsage("You cannot use " + arn + " for this operation: its KeyUsage is "
          + usage + ", not " + requiredUsage + ".");
    }
  }

  private void requireNotPendingDeletion() {
    if (state == State.PendingDeletion) {
      throw KmsError.invalidState(arn + " is pending deletion.");
    }
  }

  /** Writes the KeyMetadata structure of DescribeKey and CreateKey. */
  void writeMetadata(ObjectNode m) {
    m.put("AWSAccountId", accountId);
    m.put("KeyId", id);
    m.put("Arn", arn);
    m.put("CreationDate", Json.epochSeconds(created));
    m.put("Enabled", state == State.Enabled);
    m.put("Description", description);
    m.put("KeyUsage", usage);
    m.put("KeyState", state.name());
    if (deletionDate != null) {
      m.put("DeletionDate", Json.epochSeconds(deletionDate));
      m.put("PendingDeletionWindowInDays", pendingWindowInDays);
    }
    m.put("Origin", "AWS_KMS");
    m.put("KeyManager", "CUSTOMER");
    m.put("CustomerMasterKeySpec", spec.name());
    m.put("KeySpec", spec.name());
    if (spec.isSymmetric()) {
      m.putArray("EncryptionAlgorithms").add("SYMMETRIC_DEFAULT");
    } else {
      writeSigningAlgorithms(m.putArray("SigningAlgorithms"));
    }
    m.put("MultiRegion", false);
  }

  void writeSigningAlgorithms(ArrayNode array) {
    for (SigningAlgorithm a : spec.signingAlgorithms()) {
      array.add(a.name());
    }
  }

  @Override
  public String toString() {
    return "LocalKey[" + arn + ", " + spec + ", " + state + "]";
  }
}
