package dev.countersign.kms.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import java.net.URI;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class AwsKmsKeyReferenceProperties {
  @Provide
  Arbitrary<String> uuids() {
    net.jqwik.api.arbitraries.StringArbitrary hex = Arbitraries.strings().withChars("0123456789abcdefABCDEF");
    return Combinators.combine(hex.ofLength(8), hex.ofLength(4), hex.ofLength(4), hex.ofLength(4), hex.ofLength(12))
        .as((a, b, c, d, e) -> a + "-" + b + "-" + c + "-" + d + "-" + e);
  }

  @Provide
  Arbitrary<String> aliases() {
    return Arbitraries.strings().withChars("abcXYZ019/_-").ofMinLength(1).ofMaxLength(250).map(s -> "alias/" + s);
  }

  @Provide
  Arbitrary<String> regions() {
    return Arbitraries.of("us-east-1", "eu-west-3", "ap-southeast-2", "us-gov-west-1", "cn-north-1");
  }

  @Provide
  Arbitrary<String> partitions() {
    return Arbitraries.of("aws", "aws-us-gov", "aws-cn");
  }

  @Provide
  Arbitrary<String> accounts() {
    return Arbitraries.strings().numeric().ofLength(12);
  }

  @Provide
  Arbitrary<String> authorities() {
    Arbitrary<String> host = Arbitraries.of("localhost", "kms.example.com", "10.0.0.1", "[::1]", "a-b.c");
    Arbitrary<String> port = Arbitraries.integers().between(1, 65535).map(p -> ":" + p).injectNull(0.3);
    return Combinators.combine(host, port).as((h, p) -> p == null ? h : h + p).injectNull(0.4);
  }

  @Property
  void keyArnsParseWithTheirRegion(@ForAll("partitions") String partition, @ForAll("regions") String region,
      @ForAll("accounts") String account, @ForAll("uuids") String uuid, @ForAll("authorities") String authority) {
    String arn = "arn:" + partition + ":kms:" + region + ":" + account + ":key/" + uuid;
    String text = "awskms://" + (authority == null ? "" : authority) + "/" + arn;
    AwsKmsKeyReference r = AwsKmsKeyReference.parse(text);
    assertEquals(arn, r.keyId());
    assertEquals(Optional.of(region), r.region());
    assertEquals(Optional.of(account), r.account());
    assertEquals(authority == null ? Optional.empty() : Optional.of(URI.create("https://" + authority.toLowerCase())),
        r.endpoint());
    assertEquals(r, AwsKmsKeyReference.parse(r.toString()));
  }

  @Property
  void aliasesRoundTrip(@ForAll("aliases") String alias, @ForAll("authorities") String authority,
      @ForAll boolean asArn, @ForAll("regions") String region) {
    String key = asArn ? "arn:aws:kms:" + region + ":111122223333:" + alias : alias;
    AwsKmsKeyReference r = AwsKmsKeyReference.parse("awskms://" + (authority == null ? "" : authority) + "/" + key);
    assertEquals(key, r.keyId());
    assertTrue(r.isAlias());
    assertEquals(Optional.of(alias), r.alias());
    assertEquals(asArn ? Optional.of(region) : Optional.empty(), r.region());
    assertEquals(r, AwsKmsKeyReference.parse(r.toString()));
  }

  @Property
  void keyIdsRoundTrip(@ForAll("uuids") String uuid) {
    AwsKmsKeyReference r = AwsKmsKeyReference.parse("awskms:///" + uuid);
    assertEquals(uuid, r.keyId());
    assertEquals("awskms:///" + uuid, r.toString());
  }

  /** Arbitrary text either parses to a reference that round-trips or is refused with InvalidInputException. */
  @Property(tries = 2000)
  void arbitraryTextNeverCrashes(@ForAll("noise") String text) {
    try {
      AwsKmsKeyReference r = AwsKmsKeyReference.parse(text);
      assertEquals(r, AwsKmsKeyReference.parse(r.toString()));
      assertTrue(r.keyId().length() > 0);
    } catch (InvalidInputException e) {
      assertTrue(e.getMessage().startsWith("invalid AWS KMS key reference") || e.getMessage().contains("empty"),
          e.getMessage());
    }
  }

  @Provide
  Arbitrary<String> noise() {
    Arbitrary<String> parts = Arbitraries.of("awskms://", "/", "alias/", "arn:aws:kms:", "us-east-1:", "111122223333:",
        "key/", "1234abcd-12ab-34cd-56ef-1234567890ab", "host", ":443", " ", "%", "[::1]", "mrk-", "x", ":", "..");
    return parts.list().ofMaxSize(8).map(l -> String.join("", l))
        .injectDuplicates(0.01).edgeCases(c -> c.add("awskms:///"));
  }
}
