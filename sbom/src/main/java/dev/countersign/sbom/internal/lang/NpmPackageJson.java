package dev.countersign.sbom.internal.lang;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.LicenseChoice;

/**
 * Parses the {@code package.json} of an installed npm package: only files directly in a package directory under
 * {@code node_modules} ({@code node_modules/name/package.json}, {@code node_modules/@scope/name/package.json}, at
 * any nesting), so the project's own package.json and the {@code dist/esm/package.json} module-type markers inside
 * packages are not reported. Files above {@link #MAX_BYTES} are refused.
 */
public final class NpmPackageJson {
  /** Largest package.json read. */
  public static final int MAX_BYTES = 1 << 20;
  private static final Pattern PATH =
      Pattern.compile("(?:^|.*/)node_modules/(?:@[^/@]+/)?[^/@.][^/]*/package\\.json");
  private static final Pattern NAME = Pattern.compile("(?:@([a-z0-9][a-z0-9._~-]*)/)?([a-z0-9._~-][a-zA-Z0-9._~-]*)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private NpmPackageJson() {}

  /** Whether {@code path} is the package.json of an installed package. */
  public static boolean isPackagePath(String path) {
    return PATH.matcher(path).matches();
  }

  /** The component for the package.json at {@code path}, or empty (with a warning) when unusable. */
  public static Optional<Component> parse(String path, InputStream in, WarningSink warnings) {
    JsonNode root;
    try {
      Optional<byte[]> bytes = BoundedReads.readAtMost(in, MAX_BYTES);
      if (bytes.isEmpty()) {
        warnings.warn(path, "package.json larger than " + MAX_BYTES + " bytes; skipped");
        return Optional.empty();
      }
      root = JSON.readTree(bytes.get());
    } catch (JacksonException e) {
      warnings.warn(path, "package.json is not JSON: " + e.getOriginalMessage());
      return Optional.empty();
    } catch (IOException e) {
      warnings.warn(path, "unreadable package.json: " + e.getMessage());
      return Optional.empty();
    }
    if (root == null || !root.isObject()) {
      warnings.warn(path, "package.json is not a JSON object; skipped");
      return Optional.empty();
    }
    String fullName = root.path("name").isTextual() ? root.path("name").asText().strip() : "";
    String version = root.path("version").isTextual() ? root.path("version").asText().strip() : "";
    if (fullName.isEmpty() || version.isEmpty()) {
      warnings.warn(path, "package.json without a name and version; skipped");
      return Optional.empty();
    }
    var matcher = NAME.matcher(fullName);
    if (fullName.length() > 214 || !matcher.matches()) {
      warnings.warn(path, "package.json with an invalid npm name; skipped");
      return Optional.empty();
    }
    String scope = matcher.group(1) == null ? null : "@" + matcher.group(1);
    String name = matcher.group(2);
    try {
      PackageURL purl = new PackageURL("npm", scope, name, version, null, null);
      return Optional.of(LangComponents.library(scope, name, version, purl, path, license(root), null, Map.of()));
    } catch (MalformedPackageURLException e) {
      warnings.warn(path, "npm package " + fullName + " has no valid package URL: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** {@code "license": "MIT"}, the legacy {@code {"type": "MIT"}} object or {@code "licenses": [{"type": ...}]}. */
  private static Optional<LicenseChoice> license(JsonNode root) {
    JsonNode license = root.path("license");
    if (license.isTextual()) {
      return SpdxLicenses.choice(license.asText());
    }
    if (license.isObject() && license.path("type").isTextual()) {
      return SpdxLicenses.choice(license.path("type").asText());
    }
    JsonNode licenses = root.path("licenses");
    if (licenses.isArray() && licenses.size() > 0) {
      StringBuilder expression = new StringBuilder();
      for (JsonNode entry : licenses) {
        String type = entry.isTextual() ? entry.asText() : entry.path("type").asText("");
        if (!type.isBlank()) {
          expression.append(expression.length() == 0 ? "" : " OR ").append(type.strip());
        }
      }
      return SpdxLicenses.choice(expression.toString());
    }
    return Optional.empty();
  }
}
