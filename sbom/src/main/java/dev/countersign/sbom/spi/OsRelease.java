package dev.countersign.sbom.spi;

import dev.countersign.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of an os-release file (freedesktop.org format: {@code KEY=value}, values optionally quoted) that
 * purls and the operating-system component use. {@code id} is never blank; the others may be null.
 */
public record OsRelease(String id, String versionId, String versionCodename, String prettyName) {
  /** Longest os-release read; the file is a few hundred bytes. */
  public static final int MAX_BYTES = 64 * 1024;

  public OsRelease {
    if (id == null || id.isBlank()) {
      throw new InvalidInputException("os-release ID is missing");
    }
  }

  /**
   * Parses at most {@link #MAX_BYTES} of {@code in}; empty when there is no {@code ID} (the spec's default
   * {@code linux} is not assumed: an image without an ID gets no distro qualifier).
   */
  public static Optional<OsRelease> parse(InputStream in) {
    Map<String, String> values = new HashMap<>();
    try {
      byte[] bytes = in.readNBytes(MAX_BYTES);
      BufferedReader r = new BufferedReader(new InputStreamReader(
          new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        line = line.strip();
        int eq = line.indexOf('=');
        if (line.startsWith("#") || eq <= 0) {
          continue;
        }
        values.put(line.substring(0, eq), unquote(line.substring(eq + 1).strip()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String id = values.get("ID");
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new OsRelease(id, blankToNull(values.get("VERSION_ID")),
        blankToNull(values.get("VERSION_CODENAME")), blankToNull(values.get("PRETTY_NAME"))));
  }

  /** {@code ID-VERSION_ID} (or just {@code ID}), as syft and trivy write the purl {@code distro} qualifier. */
  public String distroQualifier() {
    return versionId == null ? id : id + "-" + versionId;
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
      v = v.substring(1, v.length() - 1);
      return v.replace("\\\"", "\"").replace("\\$", "$").replace("\\`", "`").replace("\\\\", "\\");
    }
    return v;
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v;
  }
}
