package dev.countersign.core.internal.dsse;

import dev.countersign.core.internal.Base64Text;
import dev.countersign.core.internal.StrictJson;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.dsse.DsseEnvelope;
import dev.countersign.core.dsse.DsseSignature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes DSSE envelope JSON (also the {@code dsseEnvelope} of a Sigstore bundle). */
public final class DsseJson {
  private DsseJson() {}

  /** Reads an envelope object; {@code path} names it in error messages. */
  public static DsseEnvelope read(JsonNode obj, String path) {
    byte[] payload = StrictJson.base64(obj, "payload", path + ".payload", true);
    String type = StrictJson.string(obj, "payloadType", path + ".payloadType", true);
    JsonNode sigs = StrictJson.array(obj, "signatures", path + ".signatures", true);
    if (sigs.size() == 0) {
      throw new InvalidInputException(path + ".signatures is empty");
    }
    if (sigs.size() > DsseEnvelope.MAX_SIGNATURES) {
      throw new InvalidInputException(path + ".signatures has " + sigs.size() + " entries; at most "
          + DsseEnvelope.MAX_SIGNATURES + " are accepted");
    }
    List<DsseSignature> out = new ArrayList<>(sigs.size());
    for (int i = 0; i < sigs.size(); i++) {
      String p = path + ".signatures[" + i + "]";
      JsonNode s = StrictJson.element(sigs, i, path + ".signatures");
      String keyId = StrictJson.string(s, "keyid", p + ".keyid", false);
      byte[] sig = StrictJson.base64(s, "sig", p + ".sig", true);
      if (sig.length == 0) {
        throw new InvalidInputException(p + ".sig is empty");
      }
      out.add(DsseSignature.of(keyId, sig));
    }
    return DsseEnvelope.of(type, payload, out);
  }

  /** Writes an envelope object. */
  public static void write(JsonGenerator g, DsseEnvelope env) throws IOException {
    g.writeStartObject();
    g.writeStringField("payload", Base64Text.encode(env.payload()));
    g.writeStringField("payloadType", env.payloadType());
    g.writeArrayFieldStart("signatures");
    for (DsseSignature s : env.signatures()) {
      g.writeStartObject();
      if (s.keyId().isPresent()) {
        g.writeStringField("keyid", s.keyId().get());
      }
      g.writeStringField("sig", Base64Text.encode(s.sig()));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
