package dev.countersign.core.intoto;

import dev.countersign.core.InvalidInputException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Predicate type URIs, cosign's {@code --type} shortcuts ({@link #resolve(String)}) and the lenient matching of
 * versioned SBOM and VEX types ({@link #matches(String, String)}): {@code https://cyclonedx.org/bom} matches
 * {@code https://cyclonedx.org/bom/v1.5}, {@code https://spdx.dev/Document} matches
 * {@code https://spdx.dev/Document/v2.3}, {@code https://openvex.dev/ns} matches {@code https://openvex.dev/ns/v0.2.0}.
 */
public final class PredicateTypes {
  public static final String SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";
  public static final String SLSA_PROVENANCE_V02 = "https://slsa.dev/provenance/v0.2";
  public static final String SLSA_PROVENANCE_V01 = "https://slsa.dev/provenance/v0.1";
  public static final String SLSA_VSA_V1 = "https://slsa.dev/verification_summary/v1";
  public static final String CYCLONEDX = "https://cyclonedx.org/bom";
  public static final String SPDX = "https://spdx.dev/Document";
  public static final String OPENVEX = "https://openvex.dev/ns";
  public static final String COSIGN_CUSTOM = "https://cosign.sigstore.dev/attestation/v1";
  public static final String COSIGN_VULN = "https://cosign.sigstore.dev/attestation/vuln/v1";
  public static final String LINK_V1 = "https://in-toto.io/Link/v1";

  private static final Map<String, String> SHORTCUTS = Map.ofEntries(
      Map.entry("slsaprovenance", SLSA_PROVENANCE_V02), Map.entry("slsaprovenance02", SLSA_PROVENANCE_V02),
      Map.entry("slsaprovenance1", SLSA_PROVENANCE_V1), Map.entry("cyclonedx", CYCLONEDX),
      Map.entry("spdx", SPDX), Map.entry("spdxjson", SPDX), Map.entry("vuln", COSIGN_VULN),
      Map.entry("openvex", OPENVEX), Map.entry("custom", COSIGN_CUSTOM), Map.entry("link", LINK_V1));
  private static final Set<String> VERSIONED = Set.of(CYCLONEDX, SPDX, OPENVEX);

  private PredicateTypes() {}

  /** cosign's shortcut names, each with the URI it stands for. */
  public static Map<String, String> shortcuts() {
    return SHORTCUTS;
  }

  /**
   * A {@code --type} value as a predicate type URI: a cosign shortcut (case-insensitive) or a URI given as is.
   * Anything else (no scheme) is refused, naming the shortcuts.
   */
  public static String resolve(String typeOrShortcut) {
    if (typeOrShortcut == null || typeOrShortcut.isBlank()) {
      throw new InvalidInputException("predicate type is empty");
    }
    String t = typeOrShortcut.strip();
    String uri = SHORTCUTS.get(t.toLowerCase(Locale.ROOT));
    if (uri != null) {
      return uri;
    }
    int colon = t.indexOf(':');
    if (colon <= 0 || !t.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*") || t.contains(" ")) {
      throw new InvalidInputException("predicate type '" + t + "' is neither a URI nor one of "
          + new TreeSet<>(SHORTCUTS.keySet()));
    }
    return t;
  }

  /**
   * Whether a statement's {@code actual} predicate type satisfies a {@code wanted} one ({@link #resolve resolved}
   * first): equal, or {@code wanted} is the unversioned CycloneDX, SPDX or OpenVEX URI and {@code actual} is that
   * URI followed by a version path ({@code /v1.5}, {@code /v2.3}).
   */
  public static boolean matches(String wanted, String actual) {
    Objects.requireNonNull(actual, "actual");
    String w = resolve(wanted);
    if (w.equals(actual)) {
      return true;
    }
    String base = stripSlash(w);
    return VERSIONED.contains(base) && actual.startsWith(base + "/") && actual.length() > base.length() + 1
        && actual.substring(base.length() + 1).matches("v?[0-9][0-9A-Za-z.\\-]*");
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
