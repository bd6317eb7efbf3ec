package dev.countersign.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyId;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.keys.internal.CanonicalJson;
import dev.countersign.keys.internal.ManifestCodec;
import dev.countersign.keys.internal.ManifestJson;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A signed key manifest ({@code keys.json}): {@code {"signed": {...}, "signatures": [{"keyid", "sig"}]}}.
 * {@code signed} holds the {@code version} (1, 2, ...), the {@code expires} time, the ceremony {@code members}
 * with their {@code threshold}, and the signing {@code keys}. Each signature is over the canonical bytes of
 * {@code signed}:
 * <pre>{@code
 * {"signatures":[{"keyid":"<KeyId>","sig":"<base64>"}],
 *  "signed":{"expires":"2027-11-25T00:00:00Z",
 *            "keys":[{"algorithm":"ecdsa-p256-sha256","backend":"arn:aws:kms:...:key/...",
 *                     "files":["pubkey-2026-11-25.pem"],"keyid":"<KeyId>","publicKey":"-----BEGIN PUBLIC KEY-----\n...",
 *                     "status":"active","validFor":{"end":"2027-02-23T00:00:00Z","start":"2026-11-25T00:00:00Z"}}],
 *            "members":[{"keyid":"<KeyId>","publicKey":"-----BEGIN PUBLIC KEY-----\n..."}],
 *            "threshold":2,"version":1}}
 * }</pre>
 * A key has {@code pgpFingerprint} in place of {@code publicKey} for an OpenPGP key; a revoked key adds
 * {@code revokedAt} and {@code reason}. Times are RFC 3339 UTC with whole seconds.
 *
 * <p>Canonical form: RFC 8785 (JCS) restricted to integers ({@link CanonicalJson}); the whole document is written
 * canonically and {@link #parse} refuses any input that is not byte-for-byte canonical, before any signature is
 * looked at. Parsing also refuses documents over {@link #MAX_BYTES}, duplicate or unknown members, explicit
 * nulls, and key ids used twice (within members, within keys, or by a member and a signing key: ceremony keys and
 * artifact signing keys are kept apart). Trust is decided by {@link ManifestTrust}, not here.
 */
public final class KeyManifest {
  /** Largest manifest read: 1 MiB. */
  public static final int MAX_BYTES = 1 << 20;

  private final int version;
  private final Instant expires;
  private final List<ManifestMember> members;
  private final int threshold;
  private final List<ManifestKey> keys;
  private final List<ManifestSignature> signatures;

  private KeyManifest(Builder b) {
    if (b.version < 1) {
      throw new InvalidInputException("manifest version must be at least 1, got " + b.version);
    }
    this.version = b.version;
    this.expires = Objects.requireNonNull(b.expires, "expires");
    ManifestJson.formatTime(expires);
    this.members = List.copyOf(b.members);
    this.threshold = b.threshold;
    this.keys = List.copyOf(b.keys);
    this.signatures = List.copyOf(b.signatures);
    if (members.isEmpty()) {
      throw new InvalidInputException("manifest has no members");
    }
    if (threshold < 1 || threshold > members.size()) {
      throw new InvalidInputException("manifest threshold must be from 1 to the " + members.size()
          + " members, got " + threshold);
    }
    Set<KeyId> ids = new HashSet<>();
    for (ManifestMember m : members) {
      if (!ids.add(m.keyId())) {
        throw new InvalidInputException("manifest lists member " + m.keyId() + " twice");
      }
    }
    for (ManifestKey k : keys) {
      if (!ids.add(k.keyId())) {
        throw new InvalidInputException("manifest key id " + k.keyId() + " overlaps another key or member");
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this manifest's content and no signatures: the start of the next version's draft. */
  public Builder toBuilder() {
    Builder b = new Builder().version(version).expires(expires).threshold(threshold);
    b.members.addAll(members);
    b.keys.addAll(keys);
    return b;
  }

  /** Parses a manifest of at most {@link #MAX_BYTES} that must be in canonical form. */
  public static KeyManifest parse(byte[] json) {
    if (json != null && json.length > MAX_BYTES) {
      throw new InvalidInputException("key manifest is " + json.length + " bytes, larger than the cap of "
          + MAX_BYTES);
    }
    JsonNode tree = ManifestJson.parse(json, "key manifest", MAX_BYTES);
    if (!CanonicalJson.isCanonical(json, MAX_BYTES)) {
      throw new InvalidInputException("key manifest is not in canonical form (RFC 8785, integers only)");
    }
    KeyManifest m = ManifestCodec.read(tree);
    if (!Arrays.equals(json, m.toJson())) {
      throw new InvalidInputException("key manifest holds a value in a form other than the one it is written in"
          + " (e.g. a key id with spaces or unpadded base64)");
    }
    return m;
  }

  /** Reads at most {@link #MAX_BYTES} from {@code in} (not closed; more is refused unread) and parses it. */
  public static KeyManifest parse(InputStream in) {
    return parse(ManifestJson.readCapped(in, "key manifest", MAX_BYTES));
  }

  public int version() {
    return version;
  }

  public Instant expires() {
    return expires;
  }

  public List<ManifestMember> members() {
    return members;
  }

  public int threshold() {
    return threshold;
  }

  public List<ManifestKey> keys() {
    return keys;
  }

  public List<ManifestSignature> signatures() {
    return signatures;
  }

  /** The canonical bytes of {@code signed}: what every member signs. */
  public byte[] signedBytes() {
    return CanonicalJson.serialize(ManifestCodec.signed(this));
  }

  /** The whole manifest in canonical form. */
  public byte[] toJson() {
    return CanonicalJson.serialize(ManifestCodec.document(this));
  }

  /**
   * This manifest with one more signature, by {@code member} over {@link #signedBytes()}. The signer must use the
   * default algorithm for its key (as members are verified) and must not have signed already.
   */
  public KeyManifest sign(Signer member) {
    Objects.requireNonNull(member, "member");
    SignatureAlgorithm expected = SignatureAlgorithm.defaultFor(member.publicKey());
    if (member.algorithm() != expected) {
      throw new InvalidInputException("manifest members sign with " + expected.id() + " for their key, not "
          + member.algorithm().id());
    }
    KeyId id = member.keyId();
    for (ManifestSignature s : signatures) {
      if (s.keyId().equals(id)) {
        throw new InvalidInputException("manifest version " + version + " is already signed by " + id);
      }
    }
    Builder b = toBuilder();
    b.signatures.addAll(signatures);
    b.signatures.add(ManifestSignature.of(id, member.sign(signedBytes())));
    return b.build();
  }

  /** Whether {@code other} has the same {@code signed} content (signatures may differ). */
  public boolean sameContent(KeyManifest other) {
    return Arrays.equals(signedBytes(), other.signedBytes());
  }

  @Override
  public String toString() {
    return "KeyManifest{version " + version + ", expires " + expires + ", " + threshold + " of "
        + members.size() + " members, " + keys.size() + " keys, " + signatures.size() + " signatures}";
  }

  /** Builds a {@link KeyManifest}; {@link #build()} validates. */
  public static final class Builder {
    private int version = 1;
    private Instant expires;
    private int threshold;
    private final List<ManifestMember> members = new ArrayList<>();
    private final List<ManifestKey> keys = new ArrayList<>();
    private final List<ManifestSignature> signatures = new ArrayList<>();

    private Builder() {}

    public Builder version(int version) {
      this.version = version;
      return this;
    }

    public Builder expires(Instant expires) {
      this.expires = expires;
      return this;
    }

    public Builder threshold(int threshold) {
      this.threshold = threshold;
      return this;
    }

    public Builder members(List<ManifestMember> members) {
      this.members.clear();
      this.members.addAll(members);
      return this;
    }

    public Builder addMember(ManifestMember member) {
      members.add(Objects.requireNonNull(member, "member"));
      return this;
    }

    public Builder keys(List<ManifestKey> keys) {
      this.keys.clear();
      this.keys.addAll(keys);
      return this;
    }

    public Builder addKey(ManifestKey key) {
      keys.add(Objects.requireNonNull(key, "key"));
      return this;
    }

    /** Signatures as read; {@link KeyManifest#sign} adds new ones. */
    public Builder signatures(List<ManifestSignature> signatures) {
      this.signatures.clear();
      this.signatures.addAll(signatures);
      return this;
    }

    public KeyManifest build() {
      return new KeyManifest(this);
    }
  }
}
