package dev.countersign.keys;

import static dev.countersign.keys.ManifestFixtures.EXPIRES;
import static dev.countersign.keys.ManifestFixtures.members;
import static dev.countersign.keys.ManifestFixtures.signedBy;
import static dev.countersign.keys.ManifestFixtures.signingKey;
import static dev.countersign.keys.ManifestFixtures.unsigned;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.KeyId;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Signer;
import dev.countersign.core.Verifiers;
import dev.countersign.keys.internal.CanonicalJson;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class KeyManifestTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  static byte[] edit(byte[] manifest, Consumer<ObjectNode> change) throws Exception {
    ObjectNode doc = (ObjectNode) JSON.readTree(manifest);
    change.accept(doc);
    return CanonicalJson.serialize(doc);
  }

  private static KeyManifest full(List<Signer> m) {
    Instant start = Instant.parse("2026-08-27T00:00:00Z");
    ManifestKey retired = ManifestKey.builder().publicKey(ManifestFixtures.ed25519().getPublic())
        .validFor(start, Instant.parse("2026-11-25T00:00:00Z")).retired().backend(null)
        .files(List.of("pubkey-2026-08-27.pem")).build();
    ManifestKey revoked = ManifestKey.builder().publicKey(ManifestFixtures.ec().getPublic())
        .validFor(start, null).revoked(Instant.parse("2026-10-01T08:00:00Z"), "laptop stolen \"quoted\"\n")
        .files(List.of("pubkey-2026-08-27-2.pem")).build();
    ManifestKey kms = ManifestKey.builder().publicKey(ManifestFixtures.ec().getPublic()).backend(ARN)
        .validFor(Instant.parse("2026-11-25T00:00:00Z"), Instant.parse("2027-02-23T00:00:00Z"))
        .files(List.of("pubkey-2026-11-25.pem")).build();
    ManifestKey pgp = ManifestKey.builder().pgp("0123456789ABCDEF0123456789ABCDEF01234567",
        KeyId.parse("pgp-subkey-id")).algorithm(SignatureAlgorithm.ED25519)
        .validFor(Instant.parse("2026-11-25T00:00:00Z"), null)
        .files(List.of("keyring-2026-11-25-0123456789ABCDEF0123456789ABCDEF01234567.gpg")).build();
    return KeyManifest.builder().version(7).expires(EXPIRES).threshold(2).members(ManifestFixtures.asMembers(m))
        .keys(List.of(retired, revoked, kms, pgp)).build();
  }

  @Test
  void roundTripsEveryFieldCanonically() {
    List<Signer> m = members(3);
    KeyManifest signed = signedBy(full(m), m.subList(0, 2));
    byte[] json = signed.toJson();
    assertTrue(CanonicalJson.isCanonical(json, KeyManifest.MAX_BYTES));
    KeyManifest back = KeyManifest.parse(json);
    assertArrayEquals(json, back.toJson());
    assertEquals(signed.keys(), back.keys());
    assertEquals(signed.members(), back.members());
    assertEquals(7, back.version());
    assertEquals(2, back.signatures().size());
    assertEquals(KeyStatus.REVOKED, back.keys().get(1).status());
    assertEquals(ARN, back.keys().get(2).backend().orElseThrow());
    String text = new String(json, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("{\"signatures\":[{\"keyid\":\"" + m.get(0).keyId() + "\",\"sig\":\""), text);
    assertTrue(text.contains("\"validFor\":{\"end\":\"2026-11-25T00:00:00Z\",\"start\":\"2026-08-27T00:00:00Z\"}"));
  }

  @Test
  void eachSignatureIsByTheMemberOverTheCanonicalSignedBytes() {
    List<Signer> m = members(2);
    KeyManifest s = signedBy(unsigned(1, m, 2), m);
    for (int i = 0; i < 2; i++) {
      assertEquals(m.get(i).keyId(), s.signatures().get(i).keyId());
      Verifiers.of(m.get(i)).verify(s.signedBytes(), s.signatures().get(i).signature());
    }
    InvalidInputException twice = assertThrows(InvalidInputException.class, () -> s.sign(m.get(0)));
    assertTrue(twice.getMessage().contains("already signed"), twice.getMessage());
  }

  @Test
  void overlappingKeyIdsAreRefused() throws Exception {
    List<Signer> m = members(2);
    ManifestKey k = signingKey("pubkey-2026-11-25.pem");
    KeyManifest.Builder dupKey = unsigned(1, m, 1).toBuilder().addKey(k).addKey(k);
    assertTrue(assertThrows(InvalidInputException.class, dupKey::build).getMessage().contains("overlaps"));
    ManifestKey memberAsKey = ManifestKey.builder().publicKey(m.get(0).publicKey())
        .validFor(ManifestFixtures.NOW.minusSeconds(1), null).files(List.of()).build();
    assertThrows(InvalidInputException.class, () -> unsigned(1, m, 1).toBuilder().addKey(memberAsKey).build());
    KeyManifest.Builder dupMember = unsigned(1, m, 1).toBuilder().addMember(ManifestMember.of(m.get(1).publicKey()));
    assertThrows(InvalidInputException.class, dupMember::build);
    byte[] json = edit(unsigned(1, m, 1).toJson(), doc -> {
      ArrayNode keys = (ArrayNode) doc.get("signed").get("keys");
      keys.add(keys.get(0).deepCopy());
    });
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> KeyManifest.parse(json));
    assertTrue(e.getMessage().contains("overlaps"), e.getMessage());
  }

  @Test
  void unknownDuplicateOrNullMembersAreRefused() throws Exception {
    KeyManifest base = unsigned(1, members(1), 1);
    byte[] unknown = edit(base.toJson(), d -> ((ObjectNode) d.get("signed")).put("comment", "x"));
    assertTrue(assertThrows(InvalidInputException.class, () -> KeyManifest.parse(unknown)).getMessage()
        .contains("unknown member 'comment'"));
    byte[] unknownInKey = edit(base.toJson(),
        d -> ((ObjectNode) d.get("signed").get("keys").get(0)).put("alias", "release"));
    assertThrows(InvalidInputException.class, () -> KeyManifest.parse(unknownInKey));
    byte[] nullBackend = edit(base.toJson(), d -> ((ObjectNode) d.get("signed").get("keys").get(0)).putNull("backend"));
    assertTrue(assertThrows(InvalidInputException.class, () -> KeyManifest.parse(nullBackend)).getMessage()
        .contains("null"));
    String text = new String(base.toJson(), StandardCharsets.UTF_8);
    byte[] duplicate = text.replace("{\"signatures\":[],", "{\"signatures\":[],\"signatures\":[],")
        .getBytes(StandardCharsets.UTF_8);
    assertTrue(assertThrows(InvalidInputException.class, () -> KeyManifest.parse(duplicate)).getMessage()
        .contains("Duplicate"));
    byte[] pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(JSON.readTree(base.toJson()));
    assertTrue(assertThrows(InvalidInputException.class, () -> KeyManifest.parse(pretty)).getMessage()
        .contains("canonical"));
  }

  @Test
  void aValueInAnotherFormThanWrittenIsRefused() throws Exception {
    List<Signer> m = List.of(dev.countersign.core.Signers.of(ManifestFixtures.ed25519())); // 64 bytes: "==" padding
    byte[] json = signedBy(unsigned(1, m, 1), m).toJson();
    byte[] unpadded = edit(json, d -> {
      ObjectNode sig = (ObjectNode) d.get("signatures").get(0);
      sig.put("sig", sig.get("sig").textValue().replace("=", ""));
    });
    byte[] spaced = edit(json, d -> ((ObjectNode) d.get("signatures").get(0)).put("keyid", " " + m.get(0).keyId()));
    for (byte[] b : List.of(unpadded, spaced)) {
      assertTrue(CanonicalJson.isCanonical(b, KeyManifest.MAX_BYTES));
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> KeyManifest.parse(b));
      assertTrue(e.getMessage().contains("form other than"), e.getMessage());
    }
  }

  @Test
  void backendMustBeAConcreteKmsKeyNotAnAlias() {
    for (String alias : List.of("arn:aws:kms:eu-west-1:123456789012:alias/release", "awskms:///alias/release",
        "alias/release")) {
      ManifestKey.Builder b = ManifestKey.builder().publicKey(ManifestFixtures.ec().getPublic()).backend(alias)
          .validFor(ManifestFixtures.NOW.minusSeconds(60), null);
      InvalidInputException e = assertThrows(InvalidInputException.class, b::build);
      assertTrue(e.getMessage().contains("alias"), e.getMessage());
    }
    assertEquals("awskms:///" + ARN, ManifestKey.builder().publicKey(ManifestFixtures.ec().getPublic())
        .backend("awskms:///" + ARN).validFor(ManifestFixtures.NOW.minusSeconds(60), null).build()
        .backend().orElseThrow());
  }

  @Test
  void keyRulesAreEnforced() {
    Instant t = Instant.parse("2026-11-25T00:00:00Z");
    ManifestKey.Builder retiredOpen = ManifestKey.builder().publicKey(ManifestFixtures.ec().getPublic())
        .validFor(t, null).retired();
    assertThrows(InvalidInputException.class, retiredOpen::build);
    ManifestKey.Builder noReason = ManifestKey.builder().publicKey(ManifestFixtures.ec().getPublic())
        .validFor(t, null).revoked(t, " ");
    assertThrows(InvalidInputException.class, noReason::build);
    ManifestKey.Builder backwards = ManifestKey.builder().publicKey(ManifestFixtures.ec().getPublic())
        .validFor(t, t.minusSeconds(1));
    assertThrows(InvalidInputException.class, backwards::build);
    ManifestKey.Builder wrongAlg = ManifestKey.builder().publicKey(ManifestFixtures.ec().getPublic())
        .algorithm(SignatureAlgorithm.ED25519).validFor(t, null);
    assertThrows(InvalidInputException.class, wrongAlg::build);
    ManifestKey.Builder path = ManifestKey.builder().publicKey(ManifestFixtures.ec().getPublic())
        .validFor(t, null).files(List.of("../etc/passwd"));
    assertThrows(InvalidInputException.class, path::build);
    ManifestKey.Builder fraction = ManifestKey.builder().publicKey(ManifestFixtures.ec().getPublic())
        .validFor(t.plusMillis(5), null);
    assertThrows(InvalidInputException.class, fraction::build);
    assertThrows(InvalidInputException.class, () -> unsigned(1, members(2), 3));
    assertThrows(InvalidInputException.class, () -> unsigned(0, members(2), 1));
  }

  /** A 100 MB body is refused by the cap after reading just over 1 MiB, never read whole. */
  @Test
  void hundredMegabyteBodyIsRefusedUnread() {
    CountingStream body = new CountingStream(100L << 20);
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> KeyManifest.parse(body));
      assertTrue(e.getMessage().contains("cap"), e.getMessage());
    });
    assertTrue(body.read <= KeyManifest.MAX_BYTES + 1, "read " + body.read + " bytes");
  }

  /** An endless '{"a":"aaaa...' stream that counts what was read. */
  static final class CountingStream extends InputStream {
    private final long size;
    long read;

    CountingStream(long size) {
      this.size = size;
    }

    @Override
    public int read() {
      if (read >= size) {
        return -1;
      }
      return read++ == 0 ? '{' : 'a';
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (read >= size) {
        return -1;
      }
      int n = (int) Math.min(len, size - read);
      for (int i = 0; i < n; i++) {
        b[off + i] = (byte) read();
      }
      return n;
    }
  }
}
