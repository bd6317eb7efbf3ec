package dev.countersign.sbom.internal.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Evidence;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.component.evidence.Occurrence;

/** Small helpers catalogers share to build components. */
public final class Findings {
  private Findings() {}

  /** A library component with a purl (also its bom-ref) and one evidence occurrence per path. */
  public static Component library(String name, String version, String purl, List<String> paths) {
    Component c = new Component();
    c.setType(Component.Type.LIBRARY);
    c.setName(name);
    c.setVersion(version);
    c.setPurl(purl);
    c.setBomRef(purl);
    evidence(c, paths);
    return c;
  }

  /** Sets evidence occurrences (CycloneDX 1.5+) naming {@code paths}. */
  public static void evidence(Component c, List<String> paths) {
    Evidence e = new Evidence();
    List<Occurrence> occurrences = new ArrayList<>();
    for (String p : paths) {
      Occurrence o = new Occurrence();
      o.setLocation("/" + p);
      occurrences.add(o);
    }
    e.setOccurrences(occurrences);
    c.setEvidence(e);
  }

  /** Adds properties (name to value, nulls skipped) in the given order. */
  public static void properties(Component c, Map<String, String> props) {
    List<Property> list = c.getProperties() == null ? new ArrayList<>() : new ArrayList<>(c.getProperties());
    props.forEach((k, v) -> {
      if (v != null && !v.isEmpty()) {
        Property p = new Property();
        p.setName(k);
        p.setValue(v);
        list.add(p);
      }
    });
    c.setProperties(list);
  }
}
