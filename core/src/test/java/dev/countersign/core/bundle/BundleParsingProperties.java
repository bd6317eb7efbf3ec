package dev.countersign.core.bundle;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.VerificationReport;
import dev.countersign.core.Verifier;
import dev.countersign.core.Verifiers;
import dev.countersign.core.blob.BlobVerifier;
import dev.countersign.core.testing.JsonMutations;
import dev.countersign.core.testing.PemTestFiles;
import java.io.ByteArrayInputStream;
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

/** Hostile bundle JSON: only {@link InvalidInputException} or a report, never another exception or a hang. */
class BundleParsingProperties {
  private static final String VALID;
  private static final byte[] ARTIFACT;
  private static final Verifier KEY;

  static {
    try {
      VALID = Files.readString(vector("managed-key-happy-path/bundle.sigstore.json"));
      ARTIFACT = Files.readAllBytes(vector("a.txt"));
      KEY = Verifiers.of(PemTestFiles.readPublicKey(vector("managed-key-happy-path/key.pub")));
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  static Path vector(String name) throws Exception {
    return Path.of(BundleParsingProperties.class.getResource("/vectors/sigstore-bundles/" + name).toURI());
  }

  /** Parses and, when it parses, verifies: either may refuse with InvalidInputException; nothing else may escape. */
  private static void parseAndVerify(byte[] json) {
    Bundle b;
    try {
      b = Bundle.parse(json);
    } catch (InvalidInputException e) {
      return;
    }
    VerificationReport r = BlobVerifier.of(KEY).checkBundle(new ByteArrayInputStream(ARTIFACT), b);
    r.checks().forEach(c -> c.toString().length());
  }

  @Property
  void randomBytes(@ForAll @Size(max = 2000) byte[] bytes) {
    parseAndVerify(bytes);
  }

  @Provide
  Arbitrary<String> jsonish() {
    return Arbitraries.strings().withChars("{}[]\":,.-+eE0123456789 \\ntrufalsemediaTypehint=/")
        .ofMaxLength(300);
  }

  @Property
  void randomJsonLikeText(@ForAll("jsonish") String text) {
    parseAndVerify(text.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 300)
  void truncatedBundlesAreRefused(@ForAll @IntRange(min = 0, max = 3880) int cut) {
    byte[] all = VALID.strip().getBytes(StandardCharsets.UTF_8);
    byte[] prefix = java.util.Arrays.copyOf(all, Math.min(cut, all.length - 1));
    assertThrows(InvalidInputException.class, () -> Bundle.parse(prefix));
  }

  @Provide
  Arbitrary<JsonNode> replacement() {
    return Arbitraries.of(JsonMutations.replacements());
  }

  @Property(tries = 500)
  void typeSwappedOrRemovedFields(@ForAll int index, @ForAll("replacement") JsonNode value, @ForAll boolean remove) {
    parseAndVerify(JsonMutations.replace(VALID, index, value, remove).getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 500)
  void flippedBytes(@ForAll @IntRange(min = 0, max = 3880) int at, @ForAll byte value) {
    byte[] b = VALID.getBytes(StandardCharsets.UTF_8);
    b[at % b.length] = value;
    parseAndVerify(b);
  }

  @Property(tries = 20)
  void deeplyNestedDocuments(@ForAll @IntRange(min = 50, max = 100_000) int depth) {
    String json = "{\"mediaType\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    assertThrows(InvalidInputException.class, () -> Bundle.parse(json));
  }
}
