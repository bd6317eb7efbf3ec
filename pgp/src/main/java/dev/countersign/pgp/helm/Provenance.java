package dev.countersign.pgp.helm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.BackendException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.pgp.PgpUnlockedKey;
import dev.countersign.pgp.internal.helm.CanonicalText;
import dev.countersign.pgp.internal.helm.ClearSignatures;
import dev.countersign.pgp.internal.helm.ClearSignedMessage;
import dev.countersign.pgp.internal.helm.ClearSignedReader;
import dev.countersign.pgp.internal.helm.ClearSignedWriter;
import dev.countersign.pgp.internal.helm.ProvenanceBody;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSignature;

/**
 * A Helm chart provenance file ({@code .prov}): an OpenPGP cleartext-signed message whose body is the chart
 * metadata, a {@code ...} line and {@code files:} naming each archive with {@code sha256:<hex>}. {@link #parse}
 * reads one strictly (one signed block, nothing around it, at most {@value ClearSignedReader#MAX_BYTES} bytes);
 * {@link #sign} writes one byte for byte as Helm does. Checking the signature is {@link ProvenanceVerifier}'s job.
 */
public final class Provenance {
  private final ClearSignedMessage message;
  private final PGPSignature signature;
  private final ProvenanceBody body;
  private final String text;

  private Provenance(ClearSignedMessage message, PGPSignature signature, ProvenanceBody body, String text) {
    this.message = message;
    this.signature = signature;
    this.body = body;
    this.text = text;
  }

  /** Parses a {@code .prov}; throws {@link InvalidInputException} saying what is wrong. */
  public static Provenance parse(byte[] prov) {
    Objects.requireNonNull(prov, "prov");
    ClearSignedMessage message = ClearSignedReader.read(prov);
    PGPSignature signature = ClearSignatures.decode(message);
    String text = utf8(message.text());
    return new Provenance(message, signature, ProvenanceBody.parse(text), text);
  }

  /** Signs {@code body} with SHA-512 by {@code key} (the primary key) in the Helm 3 layout; zeroes the passphrase. */
  public static String sign(byte[] body, PGPSecretKey key, char[] passphrase) {
    return sign(body, key, passphrase, ProvenanceLayout.HELM_3_CRC, Instant.now());
  }

  /**
   * Signs {@code body} (chart metadata YAML, {@code ...}, {@code files:}; LF or CRLF line endings; trailing
   * whitespace is not signed and not written) with SHA-512 by {@code key}, signature time {@code created}, written
   * in {@code layout}. {@code passphrase} may be empty for an unprotected key and is zeroed.
   */
  public static String sign(byte[] body, PGPSecretKey key, char[] passphrase, ProvenanceLayout layout,
      Instant created) {
    try {
      Objects.requireNonNull(key, "key");
      List<String> lines = checkedLines(body, layout, created);
      PGPSignature sig = ClearSignatures.sign(lines, key, passphrase, Date.from(created));
      return write("SHA512", lines, sig, layout);
    } finally {
      if (passphrase != null) {
        Arrays.fill(passphrase, '\0');
      }
    }
  }

  /**
   * Signs {@code body} as {@link #sign(byte[], PGPSecretKey, char[], ProvenanceLayout, Instant)} does, by an
   * already unlocked key (the primary or a signing subkey, see {@link PgpUnlockedKey}) with that key's hash
   * ({@link PgpUnlockedKey#hashAlgorithm()}: SHA-512 for keys from a keyring, as Helm signs; the Signer's digest
   * for a Signer-backed key), which the {@code Hash:} header names.
   */
  public static String sign(byte[] body, PgpUnlockedKey key, ProvenanceLayout layout, Instant created) {
    Objects.requireNonNull(key, "key");
    List<String> lines = checkedLines(body, layout, created);
    return write(key.hashAlgorithm(), lines, ClearSignatures.sign(lines, key, Date.from(created)), layout);
  }

  /** The body's canonical lines, once it is known to be a provenance body. */
  private static List<String> checkedLines(byte[] body, ProvenanceLayout layout, Instant created) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(created, "created");
    List<String> lines = CanonicalText.lines(body);
    ProvenanceBody.parse(utf8(String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1)));
    return lines;
  }

  private static String write(String hash, List<String> lines, PGPSignature sig, ProvenanceLayout layout) {
    byte[] out = ClearSignedWriter.write(hash, lines, encoded(sig), layout == ProvenanceLayout.HELM_3_CRC);
    return new String(out, StandardCharsets.UTF_8);
  }

  private static byte[] encoded(PGPSignature sig) {
    try {
      return sig.getEncoded(true);
    } catch (IOException e) {
      throw new BackendException("cannot encode the OpenPGP signature", false, e);
    }
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInputException("provenance text is not valid UTF-8");
    }
  }

  /** The signed text: lines joined by LF, dash-escaping and trailing whitespace removed, no final newline. */
  public String text() {
    return text;
  }

  /** Archive file names mapped to their digest as written, e.g. {@code sha256:c684...}. */
  public Map<String, String> files() {
    return body.files();
  }

  /** The chart metadata section (a copy). */
  public JsonNode metadata() {
    return body.metadata();
  }

  /** The chart name from the metadata, if present. */
  public Optional<String> chartName() {
    return Optional.ofNullable(body.metadata().get("name")).filter(JsonNode::isValueNode).map(JsonNode::asText);
  }

  /** The chart version from the metadata, if present. */
  public Optional<String> chartVersion() {
    return Optional.ofNullable(body.metadata().get("version")).filter(JsonNode::isValueNode).map(JsonNode::asText);
  }

  /** The signer's 64-bit key id, 16 upper-case hex digits. */
  public String signerKeyId() {
    return ClearSignatures.keyId(signature.getKeyID());
  }

  /** When the signature was made (its creation-time subpacket). */
  public Instant signedAt() {
    return signature.getCreationTime().toInstant();
  }

  /** The armor's layout: with a CRC line (Helm 3) or without (Helm 4). */
  public ProvenanceLayout layout() {
    return message.hadCrc() ? ProvenanceLayout.HELM_3_CRC : ProvenanceLayout.HELM_4_NO_CRC;
  }

  ClearSignedMessage message() {
    return message;
  }

  PGPSignature signature() {
    return signature;
  }

  @Override
  public String toString() {
    return "Provenance[" + chartName().orElse("?") + " " + chartVersion().orElse("?") + ", files=" + files().keySet()
        + ", signer=" + signerKeyId() + "]";
  }
}
