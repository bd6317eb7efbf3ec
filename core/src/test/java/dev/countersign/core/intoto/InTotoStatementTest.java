package dev.countersign.core.intoto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.countersign.core.Digest;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InTotoStatementTest {
  static final String SHA = "d4d5899a3868fbb6ae1856c3e55a32ce35913de3956d1973caccd37bd0174fa2";
  private static final ObjectMapper M = new ObjectMapper();

  static String statement(String type, String subject, String rest) {
    return "{\"_type\":\"" + type + "\",\"subject\":" + subject + ",\"predicateType\":\"https://example.com/p\""
        + rest + "}";
  }

  static InvalidInputException refused(String json) {
    return assertThrows(InvalidInputException.class, () -> InTotoStatement.parse(json));
  }

  @Test
  void buildsV1ByDefaultAndRoundTrips() throws Exception {
    Digest d = Digest.compute(DigestAlgorithm.SHA256, "app".getBytes(StandardCharsets.UTF_8));
    InTotoStatement s = InTotoStatement.builder().subject("app", d)
        .predicate("https://example.com/p", M.readTree("{\"a\":1}")).build();
    assertEquals("https://in-toto.io/Statement/v1", s.type());
    String json = new String(s.toJson(), StandardCharsets.UTF_8);
    assertEquals("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"app\",\"digest\":"
        + "{\"sha256\":\"" + d.hex() + "\"}}],\"predicateType\":\"https://example.com/p\",\"predicate\":{\"a\":1}}",
        json);
    InTotoStatement back = InTotoStatement.parse(s.toJson());
    assertEquals(s, back);
    assertTrue(back.hasSubject(d));
    assertTrue(back.hasSubject(DigestSet.of(d)));
    assertFalse(back.hasSubject(Digest.compute(DigestAlgorithm.SHA256, new byte[1])));
  }

  @Test
  void readsV01AndWritesItBack() {
    String json = statement("https://in-toto.io/Statement/v0.1", "[{\"name\":\"x\",\"digest\":{\"sha256\":\""
        + SHA + "\"}}]", ",\"predicate\":{}");
    InTotoStatement s = InTotoStatement.parse(json);
    assertEquals(StatementVersion.V0_1, s.version());
    assertEquals(json.replace(",\"predicateType\"", ",\"predicateType\""),
        new String(s.toJson(), StandardCharsets.UTF_8));
    InTotoStatement v1 = s.toBuilder().version(StatementVersion.V1).build();
    assertEquals("https://in-toto.io/Statement/v1", v1.type());
  }

  @Test
  void unknownFieldsSurviveARoundTrip() throws Exception {
    String json = statement("https://in-toto.io/Statement/v1", "[{\"name\":\"x\",\"digest\":{\"sha256\":\"" + SHA
        + "\",\"vendorHash\":\"abc\"},\"annotations\":{\"k\":[1,2]},\"downloadLocation\":\"https://d\"}]",
        ",\"predicate\":{\"z\":{\"deep\":true}},\"futureField\":{\"x\":[null,1.5]}");
    InTotoStatement s = InTotoStatement.parse(json);
    assertEquals(M.readTree(json), M.readTree(s.toJson()));
    assertEquals("https://d", s.subjects().get(0).field("downloadLocation").get().asText());
    assertEquals("abc", s.subjects().get(0).digest().get("vendorHash").get());
    assertTrue(s.otherFields().has("futureField"));
  }

  @Test
  void predicateIsACopy() {
    InTotoStatement s = InTotoStatement.parse(statement("https://in-toto.io/Statement/v1",
        "[{\"digest\":{\"sha256\":\"" + SHA + "\"}}]", ",\"predicate\":{\"a\":1}"));
    ((com.fasterxml.jackson.databind.node.ObjectNode) s.predicate()).put("a", 2);
    assertEquals(1, s.predicate().get("a").asInt());
    assertTrue(s.subjects().get(0).name().isEmpty());
  }

  @Test
  void statementWithoutPredicateHasNullPredicate() {
    InTotoStatement s = InTotoStatement.parse(statement("https://in-toto.io/Statement/v1",
        "[{\"digest\":{\"sha256\":\"" + SHA + "\"}}]", ""));
    assertTrue(s.predicate().isNull());
    assertFalse(new String(s.toJson(), StandardCharsets.UTF_8).contains("\"predicate\""));
  }

  @Test
  void refusesMissingOrEmptySubject() {
    assertTrue(refused("{\"_type\":\"https://in-toto.io/Statement/v1\",\"predicateType\":\"p\"}").getMessage()
        .contains("statement.subject is missing"));
    assertTrue(refused(statement("https://in-toto.io/Statement/v1", "[]", "")).getMessage()
        .contains("has no subject"));
    assertTrue(refused(statement("https://in-toto.io/Statement/v1", "[{\"name\":\"a\"}]", "")).getMessage()
        .contains("subject[0]"));
    assertTrue(refused(statement("https://in-toto.io/Statement/v1", "[{\"name\":\"a\",\"digest\":{}}]", ""))
        .getMessage().contains("subject[0]"));
    assertTrue(refused(statement("https://in-toto.io/Statement/v1", "[{\"uri\":\"https://a\"}]", ""))
        .getMessage().contains("subject[0] has no digest"));
    assertThrows(InvalidInputException.class, () -> InTotoStatement.builder()
        .predicate("p", JsonNodeFactory.instance.objectNode()).build());
  }

  @Test
  void refusesDigestsOfTheWrongLength() {
    InvalidInputException e = refused(statement("https://in-toto.io/Statement/v1",
        "[{\"name\":\"a\",\"digest\":{\"sha256\":\"" + SHA.substring(1) + "\"}}]", ""));
    assertTrue(e.getMessage().contains("statement.subject[0].digest.sha256 must be 64 hex characters, got 63"),
        e.getMessage());
    assertTrue(refused(statement("https://in-toto.io/Statement/v1",
        "[{\"digest\":{\"sha512\":\"" + SHA + "\"}}]", "")).getMessage().contains("128 hex"));
    assertTrue(refused(statement("https://in-toto.io/Statement/v1",
        "[{\"digest\":{\"sha256\":\"" + SHA.replace('d', 'g') + "\"}}]", "")).getMessage().contains("hex"));
    assertTrue(refused(statement("https://in-toto.io/Statement/v1",
        "[{\"digest\":{\"sha256\":64}}]", "")).getMessage().contains("must be a string"));
  }

  @Test
  void refusesDuplicateKeysAnywhere() {
    String sub = "[{\"digest\":{\"sha256\":\"" + SHA + "\"}}]";
    assertTrue(refused("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":" + sub
        + ",\"predicateType\":\"a\",\"predicateType\":\"b\"}").getMessage().contains("Duplicate field"));
    refused(statement("https://in-toto.io/Statement/v1", sub, ",\"predicate\":{\"x\":1,\"x\":2}"));
    refused(statement("https://in-toto.io/Statement/v1", "[{\"digest\":{\"sha256\":\"" + SHA + "\",\"sha256\":\""
        + SHA + "\"}}]", ""));
  }

  @Test
  void refusesUnknownTypeAndBadShapes() {
    String sub = "[{\"digest\":{\"sha256\":\"" + SHA + "\"}}]";
    assertTrue(refused(statement("https://in-toto.io/Statement/v2", sub, "")).getMessage()
        .contains("unsupported in-toto statement _type"));
    refused(statement("https://in-toto.io/Statement/v1", sub, ",\"predicate\":[1]"));
    refused(statement("https://in-toto.io/Statement/v1", "{}", ""));
    refused("[]");
    refused("");
    refused(statement("https://in-toto.io/Statement/v1", sub, "") + " {}");
  }

  @Test
  void hundredMebibytePredicateIsRefusedByTheDefaultCapBeforeParsing() {
    byte[] big = new byte[100 << 20];
    Arrays.fill(big, (byte) ' ');
    byte[] head = statement("https://in-toto.io/Statement/v1", "[{\"digest\":{\"sha256\":\"" + SHA + "\"}}]",
        ",\"predicate\":{\"blob\":\"").getBytes(StandardCharsets.UTF_8);
    System.arraycopy(head, 0, big, 0, head.length);
    long t = System.nanoTime();
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> InTotoStatement.parse(big));
    long ms = (System.nanoTime() - t) / 1_000_000;
    assertTrue(e.getMessage().contains("larger than 16 MiB"), e.getMessage());
    assertTrue(ms < 100, "refusal took " + ms + " ms");
  }

  @Test
  void capIsConfigurable() {
    String json = statement("https://in-toto.io/Statement/v1", "[{\"digest\":{\"sha256\":\"" + SHA + "\"}}]",
        ",\"predicate\":{\"blob\":\"" + "x".repeat(17 << 20) + "\"}");
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    assertThrows(InvalidInputException.class, () -> InTotoStatement.parse(bytes));
    assertEquals(17 << 20, InTotoStatement.parse(bytes, 32 << 20).predicate().get("blob").asText().length());
    InvalidInputException small = assertThrows(InvalidInputException.class,
        () -> InTotoStatement.parse(statement("https://in-toto.io/Statement/v1", "[{\"digest\":{\"sha256\":\""
            + SHA + "\"}}]", "").getBytes(StandardCharsets.UTF_8), 100));
    assertTrue(small.getMessage().contains("larger than 100 bytes"), small.getMessage());
  }
}
