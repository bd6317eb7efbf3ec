package dev.countersign.oci.internal.ecr;

import dev.countersign.core.BackendException;
import dev.countersign.oci.Credentials;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * An ECR authorization token decoded into Basic credentials, with the instant it expires (null when ECR did not
 * say). No AWS SDK types here.
 */
public record EcrToken(Credentials credentials, Instant expiresAt) {

  /**
   * Decodes ECR's {@code authorizationToken}, base64 of {@code AWS:<password>}. Intermediate byte and char arrays
   * are wiped; the message of a failure never contains the token.
   */
  public static EcrToken decode(String authorizationToken, Instant expiresAt, String registry) {
    if (authorizationToken == null || authorizationToken.isEmpty()) {
      throw malformed(registry, "it is empty");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(authorizationToken.trim());
    } catch (IllegalArgumentException e) {
      throw malformed(registry, "it is not base64");
    }
    char[] chars = null;
    try {
      CharBuffer cb = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw));
      chars = new char[cb.remaining()];
      cb.get(chars);
      Arrays.fill(cb.array(), '\0');
      int colon = -1;
      for (int i = 0; i < chars.length; i++) {
        if (chars[i] == ':') {
          colon = i;
          break;
        }
      }
      if (colon <= 0 || colon == chars.length - 1) {
        throw malformed(registry, "it is not of the form user:password");
      }
      String user = new String(chars, 0, colon);
      char[] password = Arrays.copyOfRange(chars, colon + 1, chars.length);
      try {
        return new EcrToken(Credentials.basic(user, password), expiresAt);
      } finally {
        Arrays.fill(password, '\0');
      }
    } catch (CharacterCodingException e) {
      throw malformed(registry, "it is not UTF-8");
    } finally {
      Arrays.fill(raw, (byte) 0);
      if (chars != null) {
        Arrays.fill(chars, '\0');
      }
    }
  }

  /** A fresh copy of the credentials (a caller may {@link Credentials#destroy()} it without harming this token). */
  public Credentials copy() {
    char[] secret = credentials.secret();
    try {
      return Credentials.basic(credentials.username(), secret);
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  private static BackendException malformed(String registry, String why) {
    return new BackendException("ECR returned an unusable authorization token for registry " + registry + ": "
        + why, false);
  }

  @Override
  public String toString() {
    return "EcrToken[" + credentials + ", expiresAt=" + expiresAt + "]";
  }
}
