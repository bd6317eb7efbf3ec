package dev.countersign.sbom.internal.attest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.parsers.XmlParser;

/**
 * CycloneDX XML converted to JSON for a predicate. The document is first read with a StAX reader that refuses
 * any DTD (no entities, internal or external, ever reach core-java's parsers) and finds the root's namespace,
 * which declares the version; then it is validated against that version's XSD, parsed into the model and written
 * as JSON of the same version, which is validated against the JSON schema too.
 */
public final class CycloneDxXml {
  private static final String NS_PREFIX = "http://cyclonedx.org/schema/bom/";

  private CycloneDxXml() {}

  /** The JSON form of a CycloneDX XML document, and its version. */
  public record Converted(JsonNode json, Version version) {}

  /** Checks, validates and converts {@code xml}; {@code what} names it in messages. */
  public static Converted toJson(byte[] xml, String what) {
    String namespace = rootNamespace(xml, what);
    if (namespace == null || !namespace.startsWith(NS_PREFIX)) {
      throw new InvalidInputException(what + ": root element is not a CycloneDX <bom> (namespace "
          + (namespace == null ? "none" : "'" + CycloneDxJson.abbreviate(namespace) + "'") + ")");
    }
    String declared = namespace.substring(NS_PREFIX.length());
    Version version = Version.fromVersionString(declared);
    if (version == null) {
      throw new InvalidInputException(what + ": CycloneDX version '" + CycloneDxJson.abbreviate(declared)
          + "' (from the XML namespace) is not supported; supported: 1.2 to 1.6");
    }
    if (version.getVersion() < 1.2) {
      throw new InvalidInputException(what + ": CycloneDX " + declared + " has no JSON form (JSON starts at 1.2); "
          + "convert the SBOM to CycloneDX 1.2 or later");
    }
    XmlParser parser = new XmlParser();
    List<ParseException> errors;
    try {
      errors = parser.validate(xml, version);
    } catch (IOException e) {
      throw new InvalidInputException(what + ": cannot validate against the CycloneDX " + declared + " XSD: "
          + e.getMessage(), e);
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(what + " is not valid CycloneDX " + declared + " XML (" + errors.size()
          + " schema error" + (errors.size() == 1 ? "" : "s") + "): " + errors.stream().limit(3)
          .map(e -> CycloneDxJson.abbreviate(e.getMessage())).collect(Collectors.joining("; ")));
    }
    Bom bom;
    try {
      bom = parser.parse(xml);
    } catch (ParseException | RuntimeException e) {
      throw new InvalidInputException(what + ": CycloneDX XML cannot be parsed: "
          + CycloneDxJson.abbreviate(e.getMessage()), e);
    }
    JsonNode json = CycloneDxJson.toJson(bom, version);
    CycloneDxJson.validate(json, version, what + " (converted to JSON)");
    return new Converted(json, version);
  }

  /** The namespace of the root element; refuses DTDs and documents that are not well-formed. */
  static String rootNamespace(byte[] xml, String what) {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    String namespace = null;
    boolean root = true;
    try {
      XMLStreamReader r = f.createXMLStreamReader(new ByteArrayInputStream(xml));
      try {
        while (r.hasNext()) {
          int event = r.next();
          if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
            throw new InvalidInputException(what + ": XML with a DOCTYPE or entity references is refused");
          }
          if (event == XMLStreamConstants.START_ELEMENT && root) {
            root = false;
            if (!"bom".equals(r.getLocalName())) {
              throw new InvalidInputException(what + ": root element is <" + r.getLocalName()
                  + ">, not a CycloneDX <bom>");
            }
            namespace = r.getNamespaceURI();
          }
        }
      } finally {
        r.close();
      }
    } catch (XMLStreamException e) {
      throw new InvalidInputException(what + " is not well-formed XML: "
          + CycloneDxJson.abbreviate(e.getMessage()), e);
    }
    if (root) {
      throw new InvalidInputException(what + " has no root element");
    }
    return namespace;
  }
}
