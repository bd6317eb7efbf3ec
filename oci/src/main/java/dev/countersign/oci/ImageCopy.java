package dev.countersign.oci;

import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.internal.copy.CopyRun;
import dev.countersign.oci.internal.manifest.ManifestSniffer;

/**
 * Copies an image (a manifest, or an index with all its platform manifests) with its blobs from one
 * {@link Repository} to another, and by default its signatures: the legacy {@code sha256-<hex>.sig} and
 * {@code .att} tags, referrers (and their own referrers), and the {@code sha256-<hex>} fallback index. Blobs the
 * target already has are skipped; every manifest and blob is verified against its digest on the way, and a
 * mismatch fails the copy. Blobs stream (memory does not grow with their size); a blob whose transfer fails with a
 * retryable error (a lost connection) is restarted from the source, at most three attempts. Immutable and
 * thread-safe.
 */
public final class ImageCopy {
  private final boolean includeSignatures;

  private ImageCopy(boolean includeSignatures) {
    this.includeSignatures = includeSignatures;
  }

  /** Copies images with their signatures. */
  public static ImageCopy withSignatures() {
    return new ImageCopy(true);
  }

  /** Copies images only. */
  public static ImageCopy withoutSignatures() {
    return new ImageCopy(false);
  }

  public boolean includesSignatures() {
    return includeSignatures;
  }

  /**
   * Copies the image {@code reference} (a tag or digest in {@code source}) into {@code target}, tagging it
   * {@code targetTag}, or, when that is null, with the source tag (nothing when copying by digest).
   */
  public Result copy(Repository source, String reference, Repository target, String targetTag) {
    // a GET rather than HEAD + GET: the manifest is read anyway (then from the registry client's content cache)
    Descriptor top = source.manifest(reference).map(Manifest::descriptor).orElseThrow(() -> new InvalidInputException(
        reference + " is not in " + source.name()));
    String tag = targetTag != null ? ManifestSniffer.checkRefName(targetTag)
        : ManifestSniffer.isDigest(reference) ? null : reference;
    CopyRun run = new CopyRun(source, target);
    Descriptor copied;
    try {
      copied = run.copyImage(top, tag);
      if (includeSignatures) {
        run.copySignatures();
      }
    } catch (InvalidInputException e) {
      throw new InvalidInputException("copying " + source.name() + " " + reference + " to " + target.name()
          + " failed: " + e.getMessage(), e);
    }
    return new Result(copied, run.manifestsCopied(), run.blobsCopied(), run.blobsSkipped());
  }

  /**
   * What a copy did: the top manifest's descriptor, how many manifests were written (signatures included), and
   * how many blobs were uploaded or skipped because the target had them.
   */
  public record Result(Descriptor descriptor, int manifests, int blobsCopied, int blobsSkipped) {}
}
