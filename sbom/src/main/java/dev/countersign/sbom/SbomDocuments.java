package dev.countersign.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.sbom.internal.attest.CycloneDxJson;
import dev.countersign.sbom.internal.attest.CycloneDxXml;
import dev.countersign.sbom.internal.attest.SpdxJson;
import dev.countersign.sbom.internal.attest.StrictSbomJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.cyclonedx.Version;
import org.cyclonedx.model.Bom;

/**
 * Imports SBOMs made by other tools (cdxgen, syft, Trivy, ...) for attaching as they are: CycloneDX JSON (validated
 * against the schema of its own {@code specVersion}, 1.2 to 1.6), CycloneDX XML (DTDs refused, validated against
 * its version's XSD, converted to JSON of the same version), and SPDX 2.2/2.3 JSON (kept as JSON, mandatory fields
 * checked). The format is recognised from the content. JSON with duplicate keys is refused, and so is anything
 * larger than the size cap (default {@value #DEFAULT_MAX_BYTES} bytes, 16 MiB, the limit of GitHub's attest
 * action). Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * SbomDocument doc = SbomDocuments.defaults().read(Path.of("app.cdx.json"));
 * SbomAttestor.builder().signer(signer).build().attach(repo, "registry.example/app", "v1", doc);
 * }</pre>
 */
public final class SbomDocuments {
  /** Default size cap: 16 MiB. */
  public static final int DEFAULT_MAX_BYTES = 16 << 20;

  private static final SbomDocuments DEFAULTS = builder().build();
  private final int maxBytes;

  private SbomDocuments(Builder b) {
    this.maxBytes = b.maxBytes;
  }

  /** An importer with the default size cap. */
  public static SbomDocuments defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The size cap in bytes. */
  public int maxBytes() {
    return maxBytes;
  }

  /** Reads and checks an SBOM file; its size is checked before it is read. */
  public SbomDocument read(Path file) {
    Objects.requireNonNull(file, "file");
    String what = "SBOM " + file;
    try {
      if (Files.isDirectory(file)) {
        throw new InvalidInputException(what + " is a directory");
      }
      long size = Files.size(file);
      if (size > maxBytes) {
        throw tooLarge(what, size);
      }
      try (InputStream in = Files.newInputStream(file)) {
        byte[] bytes = in.readNBytes(maxBytes + 1);
        return parse(bytes, what);
      }
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("cannot read " + what + ": no such file", e);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + what + ": " + e.getMessage(), e);
    }
  }

  /** Checks an SBOM given as bytes; {@code name} identifies it in messages (e.g. the file name). */
  public SbomDocument parse(byte[] content, String name) {
    Objects.requireNonNull(content, "content");
    String what = name == null ? "SBOM" : name;
    if (content.length > maxBytes) {
      throw tooLarge(what, content.length);
    }
    int first = firstSignificant(content);
    if (first < 0) {
      throw new InvalidInputException(what + " is empty");
    }
    if (content[first] == '<') {
      CycloneDxXml.Converted c = CycloneDxXml.toJson(content, what);
      return sized(new SbomDocument(SbomDocument.Source.CYCLONEDX_XML, c.version().getVersionString(), c.json()),
          what);
    }
    if (content[first] != '{') {
      throw new InvalidInputException(what + " is neither JSON nor XML; supported: CycloneDX JSON or XML, "
          + "SPDX 2.2/2.3 JSON (SPDX tag-value is not supported)");
    }
    JsonNode doc = StrictSbomJson.parseObject(content, what);
    JsonNode bomFormat = doc.get("bomFormat");
    if (bomFormat != null && "CycloneDX".equals(bomFormat.asText())) {
      Version version = CycloneDxJson.declaredVersion(doc, what);
      CycloneDxJson.validate(doc, version, what);
      CycloneDxJson.parse(content, what);
      return new SbomDocument(SbomDocument.Source.CYCLONEDX_JSON, version.getVersionString(), doc);
    }
    if (SpdxJson.looksLikeSpdx(doc)) {
      String version = SpdxJson.check(doc, what);
      return new SbomDocument(SbomDocument.Source.SPDX_JSON, version, doc);
    }
    throw new InvalidInputException(what + " is JSON but neither CycloneDX (\"bomFormat\": \"CycloneDX\") nor "
        + "SPDX (\"spdxVersion\")");
  }

  /**
   * A BOM built in memory, written as JSON of its own {@code specVersion} (set when it was parsed; 1.6 when
   * unset) and validated against that version's schema.
   */
  public SbomDocument fromBom(Bom bom) {
    Objects.requireNonNull(bom, "bom");
    return fromBom(bom, bom.getSpecVersion() == null ? Version.VERSION_16
        : CycloneDxJson.jsonVersion(bom.getSpecVersion(), "CycloneDX BOM"));
  }

  /** A BOM built in memory, written as CycloneDX JSON of {@code version} (1.2 to 1.6) and validated. */
  public SbomDocument fromBom(Bom bom, Version version) {
    Objects.requireNonNull(bom, "bom");
    String what = "CycloneDX BOM";
    CycloneDxJson.jsonVersion(Objects.requireNonNull(version, "version").getVersionString(), what);
    JsonNode json = CycloneDxJson.toJson(bom, version);
    CycloneDxJson.validate(json, version, what);
    return sized(new SbomDocument(SbomDocument.Source.CYCLONEDX_MODEL, version.getVersionString(), json), what);
  }

  private SbomDocument sized(SbomDocument doc, String what) {
    if (doc.size() > maxBytes) {
      throw tooLarge(what + " as JSON", doc.size());
    }
    return doc;
  }

  private InvalidInputException tooLarge(String what, long size) {
    return new InvalidInputException(what + " is " + size + " bytes, larger than the SBOM size cap of " + maxBytes
        + " bytes" + (maxBytes == DEFAULT_MAX_BYTES ? " (16 MiB, the GitHub attest limit)" : ""));
  }

  private static int firstSignificant(byte[] b) {
    int i = b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF ? 3 : 0;
    for (; i < b.length; i++) {
      if (b[i] != ' ' && b[i] != '\n' && b[i] != '\r' && b[i] != '\t') {
        return i;
      }
    }
    return -1;
  }

  /** Collects the importer's options. */
  public static final class Builder {
    private int maxBytes = DEFAULT_MAX_BYTES;

    private Builder() {}

    /** Largest SBOM accepted, in bytes (1 KiB to 256 MiB); default 16 MiB. */
    public Builder maxBytes(int maxBytes) {
      if (maxBytes < 1024 || maxBytes > (256 << 20)) {
        throw new InvalidInputException("SBOM size cap must be 1024 bytes to 256 MiB, got " + maxBytes);
      }
      this.maxBytes = maxBytes;
      return this;
    }

    public SbomDocuments build() {
      return new SbomDocuments(this);
    }
  }
}
