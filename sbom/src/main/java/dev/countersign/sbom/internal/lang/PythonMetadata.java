package dev.countersign.sbom.internal.lang;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;

/**
 * Parses Python core metadata ({@code *.dist-info/METADATA}, {@code *.egg-info/PKG-INFO} or an
 * {@code *.egg-info} file): the RFC 822 header block up to the first blank line, at most {@link #MAX_HEADER_BYTES}
 * bytes. Name, Version, and the license from License-Expression, else a one-line License, else the
 * {@code License ::} classifiers.
 */
public final class PythonMetadata {
  /** Header bytes read at most; the description body after the headers is never read. */
  public static final int MAX_HEADER_BYTES = 1 << 20;
  private static final int MAX_LICENSE_NAME = 200;
  private static final int MAX_NAME = 200;
  private static final Pattern PEP503_RUNS = Pattern.compile("[-_.]+");
  private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");

  private PythonMetadata() {}

  /** Whether {@code path} is a Python metadata file. */
  public static boolean isMetadataPath(String path) {
    return path.endsWith(".dist-info/METADATA") || path.endsWith(".egg-info/PKG-INFO")
        || path.endsWith(".egg-info");
  }

  /** PEP 503 normalised project name: lower case, runs of '-', '_' and '.' replaced by one '-'. */
  public static String normalize(String name) {
    return PEP503_RUNS.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("-");
  }

  /** The component described by the metadata at {@code path}, or empty (with a warning) when unusable. */
  public static Optional<Component> parse(String path, InputStream in, WarningSink warnings) {
    Map<String, List<String>> headers;
    try {
      headers = headers(in);
    } catch (IOException e) {
      warnings.warn(path, "unreadable Python metadata: " + e.getMessage());
      return Optional.empty();
    }
    String name = first(headers, "name");
    String version = first(headers, "version");
    if (name == null || name.isBlank()) {
      warnings.warn(path, "Python metadata without a Name header; skipped");
      return Optional.empty();
    }
    if (name.strip().length() > MAX_NAME || !VALID_NAME.matcher(name.strip()).matches()) {
      warnings.warn(path, "Python metadata with an invalid Name; skipped");
      return Optional.empty();
    }
    if (version == null || version.isBlank()) {
      warnings.warn(path, "Python metadata for " + name.strip() + " without a Version header; skipped");
      return Optional.empty();
    }
    String normalized = normalize(name.strip());
    try {
      PackageURL purl = new PackageURL("pypi", null, normalized, version.strip(), null, null);
      return Optional.of(LangComponents.library(null, name.strip(), version.strip(), purl, path,
          license(headers), null, Map.of()));
    } catch (MalformedPackageURLException e) {
      warnings.warn(path, "Python package " + normalized + " has no valid package URL: " + e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<LicenseChoice> license(Map<String, List<String>> headers) {
    String expression = first(headers, "license-expression");
    if (expression != null && !expression.isBlank()) {
      return SpdxLicenses.choice(expression);
    }
    String license = first(headers, "license");
    if (license != null && !license.isBlank() && license.length() <= MAX_LICENSE_NAME
        && license.strip().indexOf('\n') < 0) {
      return SpdxLicenses.choice(license);
    }
    LicenseChoice choice = new LicenseChoice();
    for (String classifier : headers.getOrDefault("classifier", List.of())) {
      if (classifier.startsWith("License ::")) {
        String last = classifier.substring(classifier.lastIndexOf("::") + 2).strip();
        if (!last.isEmpty() && !last.equals("OSI Approved")) {
          License entry = new License();
          entry.setName(last);
          choice.addLicense(entry);
        }
      }
    }
    return choice.getLicenses() == null ? Optional.empty() : Optional.of(choice);
  }

  private static String first(Map<String, List<String>> headers, String key) {
    List<String> values = headers.get(key);
    return values == null ? null : values.get(0);
  }

  private static Map<String, List<String>> headers(InputStream in) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(new CappedInputStream(in, MAX_HEADER_BYTES),
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)));
    Map<String, List<String>> headers = new LinkedHashMap<>();
    String key = null;
    StringBuilder value = new StringBuilder();
    String line;
    while ((line = reader.readLine()) != null && !line.isEmpty()) {
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && key != null) {
        value.append('\n').append(line.strip());
        continue;
      }
      if (key != null) {
        headers.computeIfAbsent(key, k -> new ArrayList<>()).add(value.toString().strip());
        key = null;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        value.setLength(0);
        value.append(line, colon + 1, line.length());
      }
    }
    if (key != null) {
      headers.computeIfAbsent(key, k -> new ArrayList<>()).add(value.toString().strip());
    }
    return headers;
  }
}
