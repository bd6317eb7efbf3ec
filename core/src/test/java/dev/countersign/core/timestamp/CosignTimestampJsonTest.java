package dev.countersign.core.timestamp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.countersign.core.InvalidInputException;
import org.junit.jupiter.api.Test;

/** cosign's {@code {"SignedRFC3161Timestamp":"<base64>"}} form: written as cosign writes it, read strictly. */
class CosignTimestampJsonTest {
  @Test
  void writesCosignsFormAndReadsItBack() {
    byte[] der = {0x30, 0x03, 0x02, 0x01, 0x00};
    String json = CosignTimestampJson.write(der);
    assertEquals("{\"SignedRFC3161Timestamp\":\"MAMCAQA=\"}", json);
    assertArrayEquals(der, CosignTimestampJson.parse(json));
    assertArrayEquals(der, CosignTimestampJson.parse("{ \"SignedRFC3161Timestamp\" : \"MAMCAQA=\" }\n"));
  }

  @Test
  void badInputIsRefusedAsInvalidInput() {
    for (String bad : new String[] {"", "not json", "[]", "{}", "{\"SignedRFC3161Timestamp\":\"\"}",
        "{\"SignedRFC3161Timestamp\":\"***\"}", "{\"SignedRFC3161Timestamp\":42}",
        "{\"SignedRFC3161Timestamp\":\"MAMCAQA=\",\"SignedRFC3161Timestamp\":\"MAMCAQA=\"}",
        "{\"SignedRFC3161Timestamp\":\"" + "A".repeat(2 << 20) + "\"}"}) {
      assertThrows(InvalidInputException.class, () -> CosignTimestampJson.parse(bad),
          bad.length() > 60 ? bad.substring(0, 60) : bad);
    }
    assertThrows(InvalidInputException.class, () -> CosignTimestampJson.write(new byte[0]));
  }
}
