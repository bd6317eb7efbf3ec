package dev.countersign.oci;

import dev.countersign.core.InvalidInputException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The platform of one image in an index: architecture, os, and optional variant, os.version, os.features. */
public final class Platform {
  private final String architecture;
  private final String os;
  private final String variant;
  private final String osVersion;
  private final List<String> osFeatures;

  private Platform(Builder b) {
    if (b.architecture == null || b.os == null) {
      throw new InvalidInputException("platform needs an architecture and an os");
    }
    this.architecture = b.architecture;
    this.os = b.os;
    this.variant = b.variant;
    this.osVersion = b.osVersion;
    this.osFeatures = List.copyOf(b.osFeatures);
  }

  /** A platform such as {@code linux/amd64}: {@code of("linux", "amd64")}. */
  public static Platform of(String os, String architecture) {
    return builder().os(os).architecture(architecture).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public String architecture() {
    return architecture;
  }

  public String os() {
    return os;
  }

  public Optional<String> variant() {
    return Optional.ofNullable(variant);
  }

  public Optional<String> osVersion() {
    return Optional.ofNullable(osVersion);
  }

  public List<String> osFeatures() {
    return osFeatures;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Platform)) {
      return false;
    }
    Platform p = (Platform) o;
    return architecture.equals(p.architecture) && os.equals(p.os) && Objects.equals(variant, p.variant)
        && Objects.equals(osVersion, p.osVersion) && osFeatures.equals(p.osFeatures);
  }

  @Override
  public int hashCode() {
    return Objects.hash(architecture, os, variant, osVersion, osFeatures);
  }

  /** {@code os/architecture[/variant]}. */
  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }

  /** Builds a {@link Platform}; architecture and os are required. */
  public static final class Builder {
    private String architecture;
    private String os;
    private String variant;
    private String osVersion;
    private List<String> osFeatures = List.of();

    private Builder() {}

    public Builder architecture(String architecture) {
      this.architecture = architecture;
      return this;
    }

    public Builder os(String os) {
      this.os = os;
      return this;
    }

    public Builder variant(String variant) {
      this.variant = variant;
      return this;
    }

    public Builder osVersion(String osVersion) {
      this.osVersion = osVersion;
      return this;
    }

    public Builder osFeatures(List<String> osFeatures) {
      this.osFeatures = osFeatures == null ? List.of() : osFeatures;
      return this;
    }

    public Platform build() {
      return new Platform(this);
    }
  }
}
