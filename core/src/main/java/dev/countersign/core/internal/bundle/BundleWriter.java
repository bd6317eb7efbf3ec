package dev.countersign.core.internal.bundle;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.countersign.core.bundle.Bundle;
import dev.countersign.core.bundle.BundleMediaType;
import dev.countersign.core.bundle.MessageSignature;
import dev.countersign.core.bundle.Rfc3161Timestamp;
import dev.countersign.core.bundle.TlogEntry;
import dev.countersign.core.bundle.VerificationMaterial;
import dev.countersign.core.internal.Base64Text;
import dev.countersign.core.internal.dsse.DsseJson;
import dev.countersign.core.internal.StrictJson;
import java.io.IOException;
import java.util.List;

/** Writes a {@link Bundle} as compact v0.3 protobuf JSON, fields in the order Sigstore clients write them. */
public final class BundleWriter {
  private BundleWriter() {}

  public static String write(Bundle bundle) {
    return StrictJson.write(g -> {
      g.writeStartObject();
      g.writeStringField("mediaType", BundleMediaType.V0_3.value());
      g.writeFieldName("verificationMaterial");
      material(g, bundle.verificationMaterial());
      if (bundle.messageSignature().isPresent()) {
        g.writeFieldName("messageSignature");
        messageSignature(g, bundle.messageSignature().get());
      } else {
        g.writeFieldName("dsseEnvelope");
        DsseJson.write(g, bundle.dsseEnvelope().get());
      }
      g.writeEndObject();
    });
  }

  private static void material(JsonGenerator g, VerificationMaterial m) throws IOException {
    g.writeStartObject();
    if (m.kind() == VerificationMaterial.Kind.PUBLIC_KEY) {
      g.writeObjectFieldStart("publicKey");
      if (m.publicKeyHint().isPresent()) {
        g.writeStringField("hint", m.publicKeyHint().get());
      }
      g.writeEndObject();
    } else {
      g.writeObjectFieldStart("certificate");
      g.writeStringField("rawBytes", Base64Text.encode(m.certificates().get(0)));
      g.writeEndObject();
    }
    g.writeArrayFieldStart("tlogEntries");
    for (TlogEntry e : m.tlogEntries()) {
      g.writeRawValue(e.json());
    }
    g.writeEndArray();
    g.writeObjectFieldStart("timestampVerificationData");
    List<Rfc3161Timestamp> ts = m.rfc3161Timestamps();
    if (!ts.isEmpty()) {
      g.writeArrayFieldStart("rfc3161Timestamps");
      for (Rfc3161Timestamp t : ts) {
        g.writeRawValue(t.json());
      }
      g.writeEndArray();
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void messageSignature(JsonGenerator g, MessageSignature s) throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("messageDigest");
    g.writeStringField("algorithm", s.messageDigest().algorithm().sigstoreName());
    g.writeStringField("digest", Base64Text.encode(s.messageDigest().bytes()));
    g.writeEndObject();
    g.writeStringField("signature", Base64Text.encode(s.signature()));
    g.writeEndObject();
  }
}
