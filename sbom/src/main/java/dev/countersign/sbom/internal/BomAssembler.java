package dev.countersign.sbom.internal;

import dev.countersign.core.CountersignException;
import dev.countersign.sbom.Sboms;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.LifecycleChoice;
import org.cyclonedx.model.Lifecycles;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * Puts a BOM together: metadata (subject component, Countersign as the tool, post-build lifecycle, timestamp),
 * components sorted by purl then name then version with unique bom-refs, a dependency from the subject to every
 * component; then validates its JSON against the schema of its specVersion (a failure is a bug: thrown with the
 * validator's messages).
 */
public final class BomAssembler {
  private BomAssembler() {}

  public static Bom assemble(Version version, UUID serial, Instant timestamp, Component subject,
      List<Component> found) {
    Bom bom = new Bom();
    bom.setSerialNumber("urn:uuid:" + serial);
    bom.setVersion(1);
    Metadata metadata = new Metadata();
    metadata.setTimestamp(Date.from(Instant.ofEpochSecond(timestamp.getEpochSecond())));
    ToolInformation tools = new ToolInformation();
    tools.setComponents(List.of(tool()));
    metadata.setToolChoice(tools);
    LifecycleChoice post = new LifecycleChoice();
    post.setPhase(LifecycleChoice.Phase.POST_BUILD);
    Lifecycles lifecycles = new Lifecycles();
    lifecycles.setLifecycleChoice(List.of(post));
    metadata.setLifecycles(lifecycles);
    metadata.setComponent(subject);
    bom.setMetadata(metadata);

    List<Component> components = new ArrayList<>(found);
    components.sort(Comparator.comparing((Component c) -> c.getPurl() == null ? "" : c.getPurl())
        .thenComparing(c -> c.getName() == null ? "" : c.getName())
        .thenComparing(c -> c.getVersion() == null ? "" : c.getVersion()));
    Map<String, Integer> used = new LinkedHashMap<>();
    used.put(subject.getBomRef(), 1);
    Dependency root = new Dependency(subject.getBomRef());
    List<Dependency> leaves = new ArrayList<>();
    for (Component c : components) {
      String ref = c.getBomRef() != null ? c.getBomRef() : c.getPurl() != null ? c.getPurl()
          : "component:" + c.getName() + "@" + c.getVersion();
      int n = used.merge(ref, 1, Integer::sum);
      c.setBomRef(n == 1 ? ref : ref + "#" + n);
      root.addDependency(new Dependency(c.getBomRef()));
      leaves.add(new Dependency(c.getBomRef()));
    }
    bom.setComponents(components);
    List<Dependency> deps = new ArrayList<>();
    deps.add(root);
    deps.addAll(leaves);
    bom.setDependencies(deps);
    BomGeneratorFactory.createJson(version, bom); // records bomFormat and specVersion in the model
    if (!version.getVersionString().equals(bom.getSpecVersion())) {
      throw new CountersignException("CycloneDX core-java did not record specVersion " + version.getVersionString());
    }
    List<String> errors = Sboms.validate(Sboms.toJson(bom), version);
    if (!errors.isEmpty()) {
      throw new CountersignException("generated BOM does not validate against CycloneDX "
          + version.getVersionString() + " (a bug): " + String.join("; ", errors));
    }
    return bom;
  }

  /** A property {@code name=value}. */
  public static Property property(String name, String value) {
    Property p = new Property();
    p.setName(name);
    p.setValue(value);
    return p;
  }

  private static Component tool() {
    Component c = new Component();
    c.setType(Component.Type.APPLICATION);
    c.setGroup("dev.countersign");
    c.setName("countersign");
    c.setVersion(countersignVersion());
    c.setPurl("pkg:maven/dev.countersign/countersign-sbom@" + countersignVersion());
    return c;
  }

  /** The version of this module as built (from a filtered resource). */
  public static String countersignVersion() {
    try (InputStream in = BomAssembler.class.getResourceAsStream("/dev/countersign/sbom/countersign-sbom.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
