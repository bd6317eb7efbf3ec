package dev.countersign.sbom.internal.catalog;

import dev.countersign.sbom.spi.CatalogContext;
import dev.countersign.sbom.spi.Cataloger;
import dev.countersign.sbom.spi.OsRelease;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;

/**
 * Alpine packages from {@code lib/apk/db/installed} ({@code P:} name, {@code V:} version, {@code A:} arch,
 * {@code L:} license, {@code o:} origin; records separated by blank lines), with purls as syft writes them:
 * {@code pkg:apk/<ID>/<name>@<version>?arch=<arch>&distro=<ID>-<VERSION_ID>&upstream=<origin>}.
 */
public final class ApkCataloger implements Cataloger {
  static final String INSTALLED = "lib/apk/db/installed";

  private final Map<String, Map<String, String>> packages = new TreeMap<>();

  @Override
  public String name() {
    return "apk";
  }

  @Override
  public boolean wants(String path) {
    return path.equals(INSTALLED);
  }

  @Override
  public void read(String path, InputStream content, CatalogContext ctx) {
    BoundedLines lines = new BoundedLines(content, Stanzas.MAX_LINE_BYTES);
    Map<String, String> record = new LinkedHashMap<>();
    for (String line = lines.next(); line != null; line = lines.next()) {
      if (lines.lastLineTooLong()) {
        ctx.warn(path, "line " + lines.lineNumber() + " longer than " + Stanzas.MAX_LINE_BYTES + " bytes skipped");
      } else if (line.isEmpty()) {
        add(path, record, ctx);
      } else if (line.length() >= 2 && line.charAt(1) == ':') {
        record.putIfAbsent(line.substring(0, 1), line.substring(2).strip());
      } else {
        ctx.warn(path, "line " + lines.lineNumber() + " is not an 'X:value' line; ignored");
      }
    }
    add(path, record, ctx);
  }

  private void add(String path, Map<String, String> record, CatalogContext ctx) {
    if (record.isEmpty()) {
      return;
    }
    String name = record.get("P");
    String version = record.get("V");
    if (name == null || name.isEmpty() || version == null || version.isEmpty()) {
      ctx.warn(path, "record without P: or V: skipped" + (name == null ? "" : " (" + name + ")"));
    } else {
      packages.putIfAbsent(name, new LinkedHashMap<>(record));
    }
    record.clear();
  }

  @Override
  public List<Component> components(CatalogContext ctx) {
    String ns = ctx.osRelease().map(OsRelease::id).orElse("alpine");
    String distro = ctx.osRelease().map(OsRelease::distroQualifier).orElse(null);
    List<Component> out = new ArrayList<>();
    for (Map<String, String> r : packages.values()) {
      String name = r.get("P");
      String version = r.get("V");
      String origin = r.get("o");
      Map<String, String> q = new LinkedHashMap<>();
      q.put("arch", r.get("A"));
      q.put("distro", distro);
      if (origin != null && !origin.equals(name)) {
        q.put("upstream", origin);
      }
      Component c = Findings.library(name, version, Purls.of("apk", ns, name, version, q), List.of(INSTALLED));
      Map<String, String> props = new LinkedHashMap<>();
      props.put("countersign:package:type", "apk");
      props.put("countersign:apk:architecture", r.get("A"));
      props.put("countersign:apk:origin", origin);
      Findings.properties(c, props);
      String license = r.get("L");
      if (license != null && !license.isEmpty()) {
        License l = new License();
        l.setName(license);
        LicenseChoice choice = new LicenseChoice();
        choice.addLicense(l);
        c.setLicenses(choice);
      }
      out.add(c);
    }
    return out;
  }
}
