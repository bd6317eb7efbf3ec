package dev.countersign.core.dsse;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.SignatureAlgorithm;
import dev.countersign.core.Verifiers;
import dev.countersign.core.testing.JsonMutations;
import dev.countersign.core.testing.PemTestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Hostile DSSE envelope JSON: only {@link InvalidInputException} or a failed report. */
class DsseParsingProperties {
  private static final String VALID;
  private static final DsseVerifier VERIFIER;

  static {
    try {
      Path dir = Path.of(DsseParsingProperties.class.getResource("/vectors/attestations/dsse-helloworld").toURI());
      VALID = Files.readString(dir.resolve("envelope.json"));
      VERIFIER = DsseVerifier.builder().trust(Verifiers.of(PemTestFiles.readPublicKey(dir.resolve("key.pub")),
          SignatureAlgorithm.ECDSA_P256_SHA256)).payloadType("http://example.com/HelloWorld").build();
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static void parseAndVerify(byte[] json) {
    DsseEnvelope env;
    try {
      env = DsseEnvelope.parse(json);
    } catch (InvalidInputException e) {
      return;
    }
    VERIFIER.verify(env).toString();
  }

  @Property
  void randomBytes(@ForAll @Size(max = 1000) byte[] bytes) {
    parseAndVerify(bytes);
  }

  @Provide
  Arbitrary<String> jsonish() {
    return Arbitraries.strings().withChars("{}[]\":,0123456789 payloadTypesigkeid=+/-_").ofMaxLength(200);
  }

  @Property
  void randomJsonLikeText(@ForAll("jsonish") String text) {
    parseAndVerify(text.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 200)
  void truncatedEnvelopesAreRefused(@ForAll @IntRange(min = 0, max = 200) int cut) {
    byte[] all = VALID.strip().getBytes(StandardCharsets.UTF_8);
    byte[] prefix = java.util.Arrays.copyOf(all, Math.min(cut, all.length - 1));
    assertThrows(InvalidInputException.class, () -> DsseEnvelope.parse(prefix));
  }

  @Provide
  Arbitrary<JsonNode> replacement() {
    return Arbitraries.of(JsonMutations.replacements());
  }

  @Property(tries = 300)
  void typeSwappedOrRemovedFields(@ForAll int index, @ForAll("replacement") JsonNode value, @ForAll boolean remove) {
    parseAndVerify(JsonMutations.replace(VALID, index, value, remove).getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 500)
  void flippedBytesNeverVerify(@ForAll @IntRange(min = 0, max = 190) int at, @ForAll byte value) {
    byte[] b = VALID.getBytes(StandardCharsets.UTF_8);
    int i = at % b.length;
    if (b[i] == value) {
      return;
    }
    b[i] = value;
    DsseEnvelope env;
    try {
      env = DsseEnvelope.parse(b);
    } catch (InvalidInputException e) {
      return;
    }
    // A changed byte may still decode to the same envelope (e.g. base64 padding bits); otherwise it must fail.
    DsseEnvelope original = DsseEnvelope.parse(VALID);
    if (!env.equals(original) && VERIFIER.verify(env).passed()) {
      throw new AssertionError("a modified envelope verified: " + new String(b, StandardCharsets.UTF_8));
    }
  }
}
