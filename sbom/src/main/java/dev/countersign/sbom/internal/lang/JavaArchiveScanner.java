package dev.countersign.sbom.internal.lang;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.cyclonedx.model.Component;

/**
 * Reads one Java archive from a stream (never buffered whole; SHA-256 computed while reading) and reports a
 * component per {@code META-INF/maven/<g>/<a>/pom.properties} (shaded jars give several), else a best-effort
 * {@link ManifestIdentity}; nested archives ({@code BOOT-INF/lib/x.jar}, {@code WEB-INF/lib/x.jar}, any entry
 * named {@code *.jar|war|ear|jpi|hpi}) are read recursively from the same stream within {@link ArchiveLimits},
 * with evidence {@code outer.jar!/BOOT-INF/lib/x.jar}. Not thread-safe; one instance per archive.
 */
public final class JavaArchiveScanner {
  private static final int MAX_POM_PROPERTIES = 64 * 1024;
  private static final int MAX_MANIFEST = 1 << 20;

  private final ArchiveLimits limits;
  private final WarningSink warnings;
  private long inflated;
  private int entries;

  /** A scanner bounded by {@code limits}, reporting unusable items to {@code warnings}. */
  public JavaArchiveScanner(ArchiveLimits limits, WarningSink warnings) {
    this.limits = limits;
    this.warnings = warnings;
  }

  /** Whether {@code path} names a Java archive by its extension. */
  public static boolean isArchiveName(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    return lower.endsWith(".jar") || lower.endsWith(".war") || lower.endsWith(".ear") || lower.endsWith(".jpi")
        || lower.endsWith(".hpi");
  }

  /**
   * Components of the archive at {@code path} and of its nested archives; {@code in} is read to its end, not
   * closed. Never throws for bad content: limits and malformed zips become warnings.
   *
   * @throws UncheckedIOException when {@code in} itself fails (not the archive's content)
   */
  public List<Component> scan(String path, InputStream in) {
    MessageDigest sha256 = sha256();
    SourceStream source = new SourceStream(in);
    DigestInputStream raw = new DigestInputStream(source, sha256);
    List<Component> out = new ArrayList<>();
    Findings top = new Findings();
    boolean complete = false;
    try {
      complete = readArchive(path, raw, 0, top, out);
    } catch (LimitExceeded e) {
      warnings.warn(path, e.getMessage() + "; the rest of the archive was not read");
    } catch (IOException | RuntimeException e) {
      if (source.failure == null) {
        warnings.warn(path, "unreadable Java archive: " + e);
      }
    }
    String hash;
    try {
      BoundedReads.drain(raw);
      hash = HexFormat.of().formatHex(sha256.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + path + " failed", e);
    }
    if (source.failure != null) {
      throw new UncheckedIOException("reading " + path + " failed", source.failure);
    }
    if (top.entries == 0) {
      if (complete) {
        warnings.warn(path, "not a zip archive (no entries); skipped");
      }
      return out;
    }
    out.addAll(0, components(path, top, hash));
    return out;
  }

  /** Reads the zip entries of one archive; returns whether it was read to its end. Nested components go to out. */
  private boolean readArchive(String archivePath, InputStream stream, int depth, Findings findings,
      List<Component> out) throws IOException {
    try (ZipInputStream zip = new ZipInputStream(new CappedInputStream(stream, Long.MAX_VALUE))) {
      ZipEntry entry;
      while ((entry = nextEntry(zip, archivePath)) != null) {
        findings.entries++;
        if (++entries > limits.maxEntries()) {
          throw new LimitExceeded("more than " + limits.maxEntries() + " archive entries");
        }
        if (entry.isDirectory()) {
          continue;
        }
        String name = entry.getName();
        InputStream content = new EntryBudget(zip, archivePath + "!/" + name);
        if (MavenCoordinates.isPomProperties(name)) {
          readPom(archivePath, name, content, findings);
        } else if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
          readManifest(archivePath, content, findings);
        } else if (isArchiveName(name)) {
          readNested(archivePath + "!/" + name, content, depth + 1, out);
        }
        BoundedReads.drain(content);
      }
      return true;
    }
  }

  private ZipEntry nextEntry(ZipInputStream zip, String archivePath) throws IOException {
    try {
      return zip.getNextEntry();
    } catch (ZipException | IllegalArgumentException e) {
      warnings.warn(archivePath, "malformed zip entry, the rest of the archive was skipped: " + e.getMessage());
      return null;
    }
  }

  private void readPom(String archivePath, String name, InputStream content, Findings findings)
      throws IOException {
    Optional<byte[]> bytes = BoundedReads.readAtMost(content, MAX_POM_PROPERTIES);
    if (bytes.isEmpty()) {
      warnings.warn(archivePath + "!/" + name, "pom.properties larger than " + MAX_POM_PROPERTIES + " bytes");
      return;
    }
    try {
      Optional<MavenCoordinates> coordinates = MavenCoordinates.parse(bytes.get());
      if (coordinates.isPresent()) {
        findings.poms.putIfAbsent(coordinates.get(), name);
      } else {
        warnings.warn(archivePath + "!/" + name, "pom.properties without groupId, artifactId and version");
      }
    } catch (IOException e) {
      warnings.warn(archivePath + "!/" + name, e.getMessage());
    }
  }

  private void readManifest(String archivePath, InputStream content, Findings findings) throws IOException {
    Optional<byte[]> bytes = BoundedReads.readAtMost(content, MAX_MANIFEST);
    if (bytes.isEmpty()) {
      warnings.warn(archivePath, "MANIFEST.MF larger than " + MAX_MANIFEST + " bytes; ignored");
      return;
    }
    try {
      findings.manifest = new Manifest(new ByteArrayInputStream(bytes.get()));
    } catch (IOException | RuntimeException e) {
      warnings.warn(archivePath, "malformed MANIFEST.MF ignored: " + e.getMessage());
    }
  }

  private void readNested(String nestedPath, InputStream content, int depth, List<Component> out)
      throws IOException {
    if (depth > limits.maxDepth()) {
      warnings.warn(nestedPath, "nested deeper than " + limits.maxDepth() + " archives; not read");
      return;
    }
    MessageDigest sha256 = sha256();
    DigestInputStream digesting = new DigestInputStream(content, sha256);
    Findings findings = new Findings();
    List<Component> inner = new ArrayList<>();
    boolean complete = readArchive(nestedPath, digesting, depth, findings, inner);
    BoundedReads.drain(digesting);
    if (findings.entries == 0) {
      warnings.warn(nestedPath, "nested archive holds no zip entries; skipped");
      return;
    }
    out.addAll(components(nestedPath, findings, complete ? HexFormat.of().formatHex(sha256.digest()) : null));
    out.addAll(inner);
  }

  private List<Component> components(String path, Findings findings, String sha256Hex) {
    String fileName = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('!')) + 1);
    List<Component> components = new ArrayList<>();
    if (!findings.poms.isEmpty()) {
      MavenCoordinates main = mainCoordinates(findings.poms.keySet(), fileName);
      for (MavenCoordinates pom : findings.poms.keySet()) {
        try {
          PackageURL purl = new PackageURL("maven", pom.groupId(), pom.artifactId(), pom.version(), null, null);
          components.add(LangComponents.library(pom.groupId(), pom.artifactId(), pom.version(), purl, path,
              Optional.empty(), pom.equals(main) ? sha256Hex : null, Map.of()));
        } catch (MalformedPackageURLException e) {
          warnings.warn(path + "!/" + findings.poms.get(pom), "no valid package URL: " + e.getMessage());
        }
      }
      return components;
    }
    Optional<ManifestIdentity> identity = ManifestIdentity.of(findings.manifest, fileName);
    if (identity.isEmpty()) {
      warnings.warn(path, "Java archive without pom.properties, usable MANIFEST.MF or versioned file name");
      return components;
    }
    ManifestIdentity id = identity.get();
    PackageURL purl = null;
    if (id.group() != null) {
      try {
        purl = new PackageURL("maven", id.group(), id.artifact(), id.version(), null, null);
      } catch (MalformedPackageURLException e) {
        warnings.warn(path, "no valid package URL from MANIFEST.MF: " + e.getMessage());
      }
    }
    components.add(LangComponents.library(id.group(), id.artifact(), id.version(), purl, path, Optional.empty(),
        sha256Hex, Map.of(LangComponents.FALLBACK_PROPERTY, id.source())));
    return components;
  }

  /** The pom.properties describing the archive itself: the only one, else the one its file name starts with. */
  private static MavenCoordinates mainCoordinates(Iterable<MavenCoordinates> poms, String fileName) {
    MavenCoordinates only = null;
    int count = 0;
    for (MavenCoordinates pom : poms) {
      only = pom;
      count++;
      if (fileName.startsWith(pom.artifactId() + "-" + pom.version())
          || fileName.equals(pom.artifactId() + fileName.substring(Math.max(0, fileName.lastIndexOf('.'))))) {
        return pom;
      }
    }
    return count == 1 ? only : null;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** What one archive level holds. */
  private static final class Findings {
    final Map<MavenCoordinates, String> poms = new LinkedHashMap<>();
    Manifest manifest;
    int entries;
  }

  /** The caller's stream; remembers a failure of its own so it is not mistaken for bad archive content. */
  private static final class SourceStream extends CappedInputStream {
    IOException failure;

    SourceStream(InputStream in) {
      super(in, Long.MAX_VALUE);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }
  }

  /** Thrown through the zip streams when a byte or entry bound is exceeded. */
  private static final class LimitExceeded extends IOException {
    private static final long serialVersionUID = 1L;

    LimitExceeded(String message) {
      super(message);
    }
  }

  /** The current entry's bytes, counted against the per-entry and per-archive uncompressed bounds. */
  private final class EntryBudget extends CappedInputStream {
    private final String entryPath;
    private long read;

    EntryBudget(InputStream zip, String entryPath) {
      super(zip, Long.MAX_VALUE);
      this.entryPath = entryPath;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        read += n;
        inflated += n;
        if (read > limits.maxEntryBytes()) {
          throw new LimitExceeded(entryPath + " exceeds " + limits.maxEntryBytes() + " uncompressed bytes");
        }
        if (inflated > limits.maxArchiveBytes()) {
          throw new LimitExceeded("more than " + limits.maxArchiveBytes() + " uncompressed bytes in the archive");
        }
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buffer = new byte[(int) Math.min(n, 8192)];
      int r = read(buffer, 0, buffer.length);
      return Math.max(r, 0);
    }
  }
}
