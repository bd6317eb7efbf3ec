package dev.countersign.oci.internal.manifest;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.ImageIndex;
import dev.countersign.oci.ImageManifest;
import dev.countersign.oci.Manifest;
import dev.countersign.oci.MediaTypes;
import java.util.Map;
import java.util.Optional;

/**
 * What a manifest says about itself as a referrer, read from the manifest itself (never from an index entry that
 * lists it): its subject, its artifact type as the referrers API reports it ({@code artifactType}, else for an
 * image manifest the config media type) and its annotations.
 */
public final class ReferrerInfo {
  private final Descriptor self;
  private final Descriptor subject;
  private final String artifactType;
  private final Map<String, String> annotations;

  private ReferrerInfo(Manifest manifest, Descriptor subject, String artifactType, Map<String, String> annotations) {
    this.self = manifest.descriptor();
    this.subject = subject;
    this.artifactType = artifactType;
    this.annotations = annotations;
  }

  /** Parses an image manifest or index strictly; any other media type is an {@link InvalidInputException}. */
  public static ReferrerInfo of(Manifest m) {
    if (MediaTypes.isIndex(m.mediaType())) {
      ImageIndex index = ImageIndex.parse(m);
      return new ReferrerInfo(m, index.subject().orElse(null), index.artifactType().orElse(null),
          index.annotations());
    }
    if (!MediaTypes.isImageManifest(m.mediaType())) {
      throw new InvalidInputException("manifest " + m.digest() + " is a " + m.mediaType()
          + ", neither an image manifest nor an index");
    }
    ImageManifest im = ImageManifest.parse(m);
    return new ReferrerInfo(m, im.subject().orElse(null), im.effectiveArtifactType(), im.annotations());
  }

  /** The subject descriptor, when the manifest has one. */
  public Optional<Descriptor> subject() {
    return Optional.ofNullable(subject);
  }

  /** The artifact type; null for an index without {@code artifactType}. */
  public String artifactType() {
    return artifactType;
  }

  /** Whether this manifest refers to {@code digest}. */
  public boolean refersTo(Digest digest) {
    return subject != null && subject.digest().matches(digest);
  }

  /** The descriptor a referrers listing gives for this manifest: artifact type and annotations included. */
  public Descriptor descriptor() {
    return self.toBuilder().artifactType(artifactType).annotations(annotations).build();
  }
}
