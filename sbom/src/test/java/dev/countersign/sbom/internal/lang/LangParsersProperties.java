package dev.countersign.sbom.internal.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.cyclonedx.model.Component;

/** Corrupted real archives and arbitrary metadata never throw; PEP 503 normalisation is a normal form. */
class LangParsersProperties {
  private static final byte[] REAL = Fixtures.bytes(Fixtures.jar("surefire-api-2.12.4.jar"));

  @Property(tries = 200)
  void corruptedRealJarsGiveWarningsNotExceptions(@ForAll("corruptions") List<Integer> offsets) {
    byte[] copy = REAL.clone();
    for (int offset : offsets) {
      copy[offset] ^= (byte) (offset * 31 + 7);
    }
    RecordingContext ctx = new RecordingContext();
    List<Component> found = new JavaArchiveScanner(ArchiveLimits.of(4, 1 << 20), ctx)
        .scan("c.jar", new ByteArrayInputStream(copy));
    assertTrue(found.size() <= 3, found.toString());
  }

  @Provide
  Arbitrary<List<Integer>> corruptions() {
    return Arbitraries.integers().between(0, REAL.length - 1).list().ofMinSize(1).ofMaxSize(40);
  }

  @Property(tries = 300)
  void arbitraryBytesAreNeverFatal(@ForAll @Size(max = 4096) byte[] bytes) {
    RecordingContext ctx = new RecordingContext();
    new JavaArchiveScanner(ArchiveLimits.of(4, 1 << 20), ctx).scan("r.jar", new ByteArrayInputStream(bytes));
    NpmPackageJson.parse("node_modules/r/package.json", new ByteArrayInputStream(bytes), ctx);
    PythonMetadata.parse("r.dist-info/METADATA", new ByteArrayInputStream(bytes), ctx);
  }

  @Property
  void normalisationIsIdempotentAndCanonical(@ForAll @StringLength(min = 1, max = 40) String name) {
    String once = PythonMetadata.normalize(name);
    assertEquals(once, PythonMetadata.normalize(once));
    assertTrue(!once.contains("_") && !once.contains(".") && !once.contains("--"), once);
  }
}
