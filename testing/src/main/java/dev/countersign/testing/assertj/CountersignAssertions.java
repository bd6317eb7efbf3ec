package dev.countersign.testing.assertj;

import dev.countersign.core.intoto.InTotoStatement;
import dev.countersign.oci.Repository;
import dev.countersign.testing.BlobUnderTest;
import dev.countersign.testing.ChartUnderTest;
import dev.countersign.testing.ImageUnderTest;
import java.nio.file.Path;

/**
 * Entry point of the AssertJ-style signature assertions (needs {@code org.assertj:assertj-core} on the test class
 * path; the rest of the kit does not). A failure's message is the verification report: every check, expected and
 * actual.
 *
 * <pre>{@code
 * assertThat(blob(file)).isSignedBy(key.verifier(), bundleFile);
 * assertThat(image(repo, "v1")).hasSignatureFrom(key.publicKey())
 *     .hasAttestation("https://slsa.dev/provenance/v1").satisfies(s -> ...);
 * assertThat(chart(tgz)).hasValidProvenance(keyring);
 * }</pre>
 */
public final class CountersignAssertions {
  private CountersignAssertions() {}

  public static BlobAssert assertThat(BlobUnderTest blob) {
    return new BlobAssert(blob);
  }

  public static ImageAssert assertThat(ImageUnderTest image) {
    return new ImageAssert(image);
  }

  public static ChartAssert assertThat(ChartUnderTest chart) {
    return new ChartAssert(chart);
  }

  public static StatementAssert assertThat(InTotoStatement statement) {
    return new StatementAssert(statement);
  }

  /** The file {@code file} as a blob under test. */
  public static BlobUnderTest blob(Path file) {
    return BlobUnderTest.of(file);
  }

  /** The image {@code tagOrDigest} in {@code repository}. */
  public static ImageUnderTest image(Repository repository, String tagOrDigest) {
    return ImageUnderTest.of(repository, tagOrDigest);
  }

  /** A packaged chart, its {@code .prov} beside it. */
  public static ChartUnderTest chart(Path archive) {
    return ChartUnderTest.of(archive);
  }
}
