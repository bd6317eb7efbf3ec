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
import java.util.TreeSet;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;

/**
 * Debian/Ubuntu packages from {@code var/lib/dpkg/status} and distroless {@code var/lib/dpkg/status.d/*}: only
 * {@code install ok installed} packages (a status.d file without Status counts as installed, as distroless writes
 * them), with architecture, source package and version, DEP-5 {@code License:} names from
 * {@code usr/share/doc/PKG/copyright}, and purls as syft writes them:
 * {@code pkg:deb/<ID>/<name>@<version>?arch=<arch>&distro=<ID>-<VERSION_ID>&upstream=<source>}.
 */
public final class DpkgCataloger implements Cataloger {
  static final String STATUS = "var/lib/dpkg/status";
  static final String STATUS_D = "var/lib/dpkg/status.d/";
  private static final String DOC = "usr/share/doc/";
  private static final int MAX_LICENSES = 32;

  private final Map<String, Installed> packages = new TreeMap<>();
  private final Map<String, TreeSet<String>> licenses = new TreeMap<>();

  private record Installed(String name, String version, String arch, String source, String sourceVersion,
      String path) {}

  @Override
  public String name() {
    return "dpkg";
  }

  @Override
  public boolean wants(String path) {
    if (path.equals(STATUS)) {
      return true;
    }
    if (path.startsWith(STATUS_D)) {
      String rest = path.substring(STATUS_D.length());
      return !rest.isEmpty() && rest.indexOf('/') < 0 && !rest.endsWith(".md5sums");
    }
    return path.startsWith(DOC) && path.endsWith("/copyright")
        && path.indexOf('/', DOC.length()) == path.length() - "/copyright".length();
  }

  @Override
  public void read(String path, InputStream content, CatalogContext ctx) {
    if (path.startsWith(DOC)) {
      readCopyright(path.substring(DOC.length(), path.length() - "/copyright".length()), content);
      return;
    }
    boolean distroless = path.startsWith(STATUS_D);
    Stanzas.read(path, content, ctx, f -> stanza(path, f, distroless, ctx));
  }

  private void stanza(String path, Map<String, String> f, boolean distroless, CatalogContext ctx) {
    String name = f.get("Package");
    String status = f.get("Status");
    if (name == null || name.isEmpty()) {
      ctx.warn(path, "stanza without Package skipped");
      return;
    }
    if (status == null ? !distroless : !status.equals("install ok installed")) {
      return;
    }
    String version = f.get("Version");
    if (version == null || version.isEmpty()) {
      ctx.warn(path, "package " + name + " has no Version; skipped");
      return;
    }
    String arch = f.getOrDefault("Architecture", "");
    String source = f.get("Source");
    String sourceVersion = null;
    if (source != null) {
      int paren = source.indexOf('(');
      if (paren > 0 && source.endsWith(")")) {
        sourceVersion = source.substring(paren + 1, source.length() - 1).strip();
        source = source.substring(0, paren).strip();
      }
    }
    packages.putIfAbsent(name + ":" + arch, new Installed(name, version, arch, source, sourceVersion, path));
  }

  private void readCopyright(String pkg, InputStream content) {
    BoundedLines lines = new BoundedLines(content, Stanzas.MAX_LINE_BYTES);
    TreeSet<String> found = new TreeSet<>();
    for (String line = lines.next(); line != null && found.size() < MAX_LICENSES; line = lines.next()) {
      if (line.startsWith("License:")) {
        String value = line.substring("License:".length()).strip();
        if (!value.isEmpty() && value.length() <= 200) {
          found.add(value);
        }
      }
    }
    if (!found.isEmpty()) {
      licenses.put(pkg, found);
    }
  }

  @Override
  public List<Component> components(CatalogContext ctx) {
    String ns = ctx.osRelease().map(OsRelease::id).orElse("debian");
    String distro = ctx.osRelease().map(OsRelease::distroQualifier).orElse(null);
    List<Component> out = new ArrayList<>();
    for (Installed p : packages.values()) {
      Map<String, String> q = new LinkedHashMap<>();
      q.put("arch", p.arch);
      q.put("distro", distro);
      if (p.source != null && !p.source.equals(p.name)) {
        q.put("upstream", p.sourceVersion == null ? p.source : p.source + "@" + p.sourceVersion);
      }
      Component c = Findings.library(p.name, p.version, Purls.of("deb", ns, p.name, p.version, q),
          List.of(p.path));
      Map<String, String> props = new LinkedHashMap<>();
      props.put("countersign:package:type", "deb");
      props.put("countersign:deb:architecture", p.arch);
      props.put("countersign:deb:source", p.source);
      props.put("countersign:deb:source-version", p.sourceVersion);
      Findings.properties(c, props);
      TreeSet<String> names = licenses.get(p.name);
      if (names != null) {
        LicenseChoice choice = new LicenseChoice();
        for (String n : names) {
          License l = new License();
          l.setName(n);
          choice.addLicense(l);
        }
        c.setLicenses(choice);
      }
      out.add(c);
    }
    return out;
  }
}
