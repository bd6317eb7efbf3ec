package dev.countersign.sbom.internal.lang;

import com.github.packageurl.PackageURL;
import dev.countersign.sbom.internal.catalog.Findings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.component.evidence.Occurrence;

/** Builds the CycloneDX {@code library} components the language catalogers report. */
final class LangComponents {
  /** Property naming where a best-effort identity came from (e.g. {@code MANIFEST.MF}, {@code file-name}). */
  static final String FALLBACK_PROPERTY = "countersign:fallback";

  private LangComponents() {}

  /**
   * A library component.
   *
   * @param group the group (Maven groupId, npm scope without '@'), or null
   * @param name the name
   * @param version the version
   * @param purl the package URL, or null when none can be formed
   * @param evidencePath the file the finding came from, relative to the rootfs (the evidence occurrence is
   *     {@code "/" + evidencePath}, as for the operating-system catalogers)
   * @param license the declared license, or empty
   * @param sha256Hex the SHA-256 of the file, or null
   * @param properties extra properties (name to value), in order
   */
  static Component library(String group, String name, String version, PackageURL purl, String evidencePath,
      Optional<LicenseChoice> license, String sha256Hex, Map<String, String> properties) {
    Component component = new Component();
    component.setType(Component.Type.LIBRARY);
    if (group != null && !group.isEmpty()) {
      component.setGroup(group);
    }
    component.setName(name);
    component.setVersion(version);
    if (purl != null) {
      component.setPurl(purl.canonicalize());
    }
    license.ifPresent(component::setLicenses);
    if (sha256Hex != null) {
      component.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, sha256Hex)));
    }
    properties.forEach((key, value) -> component.addProperty(new Property(key, value)));
    Findings.evidence(component, List.of(evidencePath));
    return component;
  }

  /** The evidence locations of a component built here (its occurrences), for tests and merging. */
  static List<String> locations(Component component) {
    if (component.getEvidence() == null || component.getEvidence().getOccurrences() == null) {
      return List.of();
    }
    return component.getEvidence().getOccurrences().stream().map(Occurrence::getLocation).toList();
  }
}
