package dev.countersign.sbom.internal.lang;

import java.util.Locale;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Best-effort Maven identity of an archive without pom.properties, from {@code META-INF/MANIFEST.MF} and the file
 * name. Artifact: Implementation-Title when it looks like an artifact id, else the file name without its version.
 * Version: Implementation-Version, else Bundle-Version, else the file name's version. Group:
 * Implementation-Vendor-Id, else Automatic-Module-Name or Bundle-SymbolicName when they look like a reverse
 * domain (with a trailing copy of a multi-word artifact id removed: {@code org.apiguardian.api} for
 * {@code apiguardian-api} gives {@code org.apiguardian}); no group means no package URL.
 */
record ManifestIdentity(String group, String artifact, String version, String source) {
  private static final Pattern ARTIFACT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  private static final Pattern REVERSE_DOMAIN = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z0-9_-]+)+");
  private static final Pattern FILE_NAME =
      Pattern.compile("(.+?)(?:-(\\d[A-Za-z0-9_.+-]*))?\\.(?:jar|war|ear|jpi|hpi)", Pattern.CASE_INSENSITIVE);

  /** The identity from the manifest (may be null) and the archive's file name; empty when no name or version. */
  static Optional<ManifestIdentity> of(Manifest manifest, String fileName) {
    Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
    Matcher file = FILE_NAME.matcher(fileName);
    String fileArtifact = file.matches() ? file.group(1) : null;
    String fileVersion = file.matches() ? file.group(2) : null;

    String title = attribute(main, "Implementation-Title");
    String artifact = title != null && ARTIFACT.matcher(title).matches() && !title.equalsIgnoreCase(fileArtifact)
        ? title : fileArtifact;
    String version = firstNonNull(attribute(main, "Implementation-Version"), attribute(main, "Bundle-Version"),
        fileVersion);
    if (artifact == null || version == null || !ARTIFACT.matcher(artifact).matches()) {
      return Optional.empty();
    }
    boolean fromManifest = manifest != null && (artifact.equalsIgnoreCase(title) || !version.equals(fileVersion));
    return Optional.of(new ManifestIdentity(group(main, artifact), artifact, version,
        fromManifest ? "MANIFEST.MF" : "file-name"));
  }

  private static String group(Attributes main, String artifact) {
    String vendorId = attribute(main, "Implementation-Vendor-Id");
    if (vendorId != null && REVERSE_DOMAIN.matcher(vendorId).matches()) {
      return vendorId;
    }
    for (String key : new String[] {"Automatic-Module-Name", "Bundle-SymbolicName"}) {
      String value = attribute(main, key);
      if (value == null) {
        continue;
      }
      int semicolon = value.indexOf(';');
      String symbolic = (semicolon >= 0 ? value.substring(0, semicolon) : value).strip().toLowerCase(Locale.ROOT);
      if (!REVERSE_DOMAIN.matcher(symbolic).matches()) {
        continue;
      }
      String[] words = artifact.toLowerCase(Locale.ROOT).split("-");
      if (words.length > 1) {
        String tail = "." + String.join(".", words).substring(words[0].length() + 1);
        if (symbolic.endsWith(tail) && symbolic.length() > tail.length()) {
          return symbolic.substring(0, symbolic.length() - tail.length());
        }
      }
      return symbolic;
    }
    return null;
  }

  private static String attribute(Attributes attributes, String name) {
    String value = attributes.getValue(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String firstNonNull(String... values) {
    for (String value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
