package dev.countersign.kms.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.InvalidInputException;
import dev.countersign.core.spi.KeyReference;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AwsKmsKeyReferenceTest {
  private static final String UUID = "1234abcd-12ab-34cd-56ef-1234567890ab";

  @Test
  void keyId() {
    AwsKmsKeyReference r = AwsKmsKeyReference.parse("awskms:///" + UUID);
    assertEquals(UUID, r.keyId());
    assertFalse(r.isAlias());
    assertFalse(r.isArn());
    assertEquals(Optional.empty(), r.region());
    assertEquals(Optional.empty(), r.endpoint());
    assertEquals("awskms:///" + UUID, r.toString());
  }

  @Test
  void multiRegionKeyId() {
    String id = "mrk-1234abcd12ab34cd56ef1234567890ab";
    assertEquals(id, AwsKmsKeyReference.parse("awskms:///" + id).keyId());
  }

  @Test
  void aliasName() {
    AwsKmsKeyReference r = AwsKmsKeyReference.parse("awskms:///alias/release/signing_key-2");
    assertEquals("alias/release/signing_key-2", r.keyId());
    assertTrue(r.isAlias());
    assertEquals(Optional.of("alias/release/signing_key-2"), r.alias());
    assertEquals(Optional.empty(), r.region());
  }

  @ParameterizedTest
  @ValueSource(strings = {"aws", "aws-us-gov", "aws-cn"})
  void keyArnInEveryPartition(String partition) {
    String arn = "arn:" + partition + ":kms:us-gov-west-1:111122223333:key/" + UUID;
    AwsKmsKeyReference r = AwsKmsKeyReference.parse("awskms:///" + arn);
    assertEquals(arn, r.keyId());
    assertTrue(r.isArn());
    assertFalse(r.isAlias());
    assertEquals(Optional.of("us-gov-west-1"), r.region());
    assertEquals(Optional.of(partition), r.partition());
    assertEquals(Optional.of("111122223333"), r.account());
  }

  @Test
  void aliasArn() {
    String arn = "arn:aws-cn:kms:cn-north-1:111122223333:alias/release";
    AwsKmsKeyReference r = AwsKmsKeyReference.parse("awskms:///" + arn);
    assertEquals(arn, r.keyId());
    assertTrue(r.isAlias());
    assertEquals(Optional.of("alias/release"), r.alias());
    assertEquals(Optional.of("cn-north-1"), r.region());
  }

  @Test
  void endpointIsHttps() {
    AwsKmsKeyReference r = AwsKmsKeyReference.parse("awskms://kms.internal.example:4443/alias/x");
    assertEquals(Optional.of(URI.create("https://kms.internal.example:4443")), r.endpoint());
    assertEquals("alias/x", r.keyId());
    assertEquals("awskms://kms.internal.example:4443/alias/x", r.toString());
    assertEquals(Optional.of(URI.create("https://localhost")),
        AwsKmsKeyReference.parse("awskms://localhost/" + UUID).endpoint());
    assertEquals(Optional.of(URI.create("https://[::1]:8443")),
        AwsKmsKeyReference.parse("awskms://[::1]:8443/" + UUID).endpoint());
  }

  @Test
  void fromCoreKeyReference() {
    assertEquals("alias/x", AwsKmsKeyReference.parse(KeyReference.parse("awskms:///alias/x")).keyId());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "awskms://", "awskms:///", "awskms:///alias/", "awskms:///alias/has space", "awskms:///alias/x?y",
      "awskms:///not-a-key", "awskms:///1234abcd-12ab-34cd-56ef-1234567890a", "gcpkms:///alias/x",
      "awskms:/alias/x", "awskms:///arn:aws:kms:us-east-1:11112222333:key/" + UUID,
      "awskms:///arn:aws-foo:kms:us-east-1:111122223333:key/" + UUID,
      "awskms:///arn:aws:s3:us-east-1:111122223333:key/" + UUID,
      "awskms:///arn:aws:kms:us-east-1:111122223333:key/alias",
      "awskms:///arn:aws:kms:US-EAST-1:111122223333:key/" + UUID,
      "awskms://host:0/alias/x", "awskms://host:70000/alias/x", "awskms://ho_st/alias/x", "awskms://host:/alias/x",
      "awskms://user@host/alias/x", "awskms:///alias/x/../y y"})
  void malformedReferencesAreRefusedWithAReason(String text) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> AwsKmsKeyReference.parse(text));
    assertTrue(e.getMessage().contains("AWS KMS key reference"), e.getMessage());
  }

  @Test
  void overlongAliasIsRefused() {
    String alias = "alias/" + "a".repeat(251);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> AwsKmsKeyReference.parse("awskms:///" + alias));
    assertTrue(e.getMessage().contains("at most 256"), e.getMessage());
    assertEquals(256, AwsKmsKeyReference.parse("awskms:///alias/" + "a".repeat(250)).keyId().length());
  }

  @Test
  void equalityIgnoresEndpointCase() {
    assertEquals(AwsKmsKeyReference.parse("awskms://HOST:1/alias/x"),
        AwsKmsKeyReference.parse("awskms://host:1/alias/x"));
    assertFalse(AwsKmsKeyReference.parse("awskms:///alias/x").equals(AwsKmsKeyReference.parse("awskms://h/alias/x")));
  }
}
