package dev.countersign.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.core.BackendException;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.testing.FakeEcr;
import dev.countersign.oci.testing.MutableClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** EcrCredentials with the real AWS SDK v2 client against a local fake of ECR's GetAuthorizationToken. */
class EcrCredentialsTest {
  private static final String ACCOUNT = "123456789012";
  private static final String HOST = ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com";
  private static final String SECRET_KEY = "test-secret-key-SHOULD-NOT-LEAK";
  private static final AwsCredentialsProvider AWS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", SECRET_KEY));

  private FakeEcr ecr;
  private MutableClock clock;
  private final List<EcrCredentials> providers = new ArrayList<>();

  @BeforeEach
  void start() {
    ecr = FakeEcr.start();
    clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    ecr.expiresAt(() -> clock.instant().plus(Duration.ofHours(12)));
  }

  @AfterEach
  void stop() {
    providers.forEach(EcrCredentials::close);
    ecr.close();
    assertEquals(List.of(), ecr.protocolErrors(), "requests a real ECR would have refused");
  }

  private EcrCredentials.Builder builder() {
    return EcrCredentials.builder().credentialsProvider(AWS).endpointOverride(ecr.endpoint()).clock(clock);
  }

  private EcrCredentials provider(EcrCredentials.Builder b) {
    EcrCredentials p = b.build();
    providers.add(p);
    return p;
  }

  private static String password(Credentials c) {
    return new String(c.secret());
  }

  @Test
  void tokenIsDecodedIntoBasicCredentialsForUserAws() {
    ecr.password("pw-1:with:colons");
    Credentials c = provider(builder()).credentials(HOST).orElseThrow();
    assertEquals(Credentials.Kind.BASIC, c.kind());
    assertEquals("AWS", c.username());
    assertEquals("pw-1:with:colons", password(c));
    assertEquals(List.of(new FakeEcr.Call("test", "us-east-1", "ecr", List.of(ACCOUNT))), ecr.calls());
    assertFalse(c.toString().contains("pw-1"), c.toString());
  }

  @Test
  void tokenIsCachedPerRegistryAndCopiesAreIndependent() {
    EcrCredentials p = provider(builder());
    Credentials first = p.credentials(HOST).orElseThrow();
    first.destroy();
    Credentials second = p.credentials(HOST.toUpperCase(java.util.Locale.ROOT)).orElseThrow();
    assertEquals("ecr-password-1", password(second), "a caller wiping its copy does not wipe the cache");
    assertEquals(1, ecr.requests());
    p.credentials("210987654321.dkr.ecr.us-east-1.amazonaws.com").orElseThrow();
    assertEquals(2, ecr.requests(), "another registry has its own token");
    assertEquals(List.of("210987654321"), ecr.calls().get(1).registryIds());
  }

  @Test
  void tokenIsRefreshedFiveMinutesBeforeExpiry() {
    EcrCredentials p = provider(builder());
    Instant t0 = clock.instant();
    assertEquals("ecr-password-1", password(p.credentials(HOST).orElseThrow()));
    ecr.password("ecr-password-2");
    clock.set(t0.plus(Duration.ofHours(11)).plus(Duration.ofMinutes(54)));
    assertEquals("ecr-password-1", password(p.credentials(HOST).orElseThrow()));
    assertEquals(1, ecr.requests());
    clock.set(t0.plus(Duration.ofHours(11)).plus(Duration.ofMinutes(55)));
    assertEquals("ecr-password-2", password(p.credentials(HOST).orElseThrow()));
    assertEquals(2, ecr.requests());
    clock.set(clock.instant().plus(Duration.ofHours(1)));
    p.credentials(HOST).orElseThrow();
    assertEquals(2, ecr.requests(), "the new token is cached from its own fetch time");
  }

  @Test
  void shortLivedAndExpiredTokens() {
    EcrCredentials p = provider(builder().refreshMargin(Duration.ofMinutes(10)));
    ecr.expiresAt(() -> clock.instant().plus(Duration.ofMinutes(4)));
    p.credentials(HOST).orElseThrow();
    clock.set(clock.instant().plus(Duration.ofMinutes(1)));
    p.credentials(HOST).orElseThrow();
    assertEquals(1, ecr.requests(), "a 4-minute token is kept for half its life");
    clock.set(clock.instant().plus(Duration.ofMinutes(1)));
    p.credentials(HOST).orElseThrow();
    assertEquals(2, ecr.requests());

    ecr.expiresAt(() -> clock.instant().minusSeconds(1));
    clock.set(clock.instant().plus(Duration.ofHours(1)));
    p.credentials(HOST).orElseThrow();
    p.credentials(HOST).orElseThrow();
    assertEquals(4, ecr.requests(), "an already expired token (clock skew) is used once, never cached");
    ecr.expiresAt(() -> null);
    p.credentials(HOST).orElseThrow();
    p.credentials(HOST).orElseThrow();
    assertEquals(6, ecr.requests(), "a token without expiresAt is not cached");
  }

  @Test
  void concurrentLookupsOfOneRegistryMakeOneRequest() throws Exception {
    EcrCredentials p = provider(builder());
    ecr.delay(Duration.ofMillis(300));
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Callable<Credentials>> tasks = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        tasks.add(() -> p.credentials(HOST).orElseThrow());
      }
      for (Future<Credentials> f : pool.invokeAll(tasks)) {
        assertEquals("ecr-password-1", password(f.get()));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, ecr.requests());
  }

  @Test
  void regionAndFipsComeFromTheHost() {
    EcrCredentials p = provider(builder());
    p.credentials("123456789012.dkr.ecr.eu-west-1.amazonaws.com").orElseThrow();
    p.credentials("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn").orElseThrow();
    p.credentials("123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com").orElseThrow();
    p.credentials("123456789012.dkr-ecr.ap-southeast-2.on.aws:443").orElseThrow();
    assertEquals(List.of("eu-west-1", "cn-north-1", "us-gov-west-1", "ap-southeast-2"),
        ecr.calls().stream().map(FakeEcr.Call::region).toList());
  }

  @Test
  void regionOverrideSignsEveryCallInThatRegion() {
    EcrCredentials p = provider(builder().region("us-west-2"));
    p.credentials("123456789012.dkr.ecr.eu-west-1.amazonaws.com").orElseThrow();
    assertEquals("us-west-2", ecr.calls().get(0).region());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ghcr.io", "127.0.0.1:5000", "index.docker.io", "public.ecr.aws",
      "12345678901.dkr.ecr.us-east-1.amazonaws.com", "1234567890123.dkr.ecr.us-east-1.amazonaws.com",
      "123456789012.dkr.ecr.us-east-1.amazonaws.com.evil.example", "x123456789012.dkr.ecr.us-east-1.amazonaws.com",
      "123456789012.dkr.ecr.notaregion.amazonaws.com", "123456789012.dkr.ecr.us-east-1.amazonaws.com:5000", ""})
  void otherHostsAreLeftToTheNextProvider(String host) {
    EcrCredentials p = provider(builder());
    assertEquals(Optional.empty(), p.credentials(host));
    assertFalse(EcrCredentials.isEcrRegistry(host));
    Credentials fallback = Credentials.basic("u", "p".toCharArray());
    assertEquals(Optional.of(fallback), CredentialsProvider.chain(p, h -> Optional.of(fallback)).credentials(host));
    assertEquals(0, ecr.requests());
  }

  @Test
  void registryAliasMapsAnyHostToAnEcrRegistry() {
    EcrCredentials p = provider(builder().registryAlias("Registry.Internal:5000", "210987654321", "eu-central-1"));
    assertEquals("AWS", p.credentials("registry.internal:5000").orElseThrow().username());
    assertEquals(new FakeEcr.Call("test", "eu-central-1", "ecr", List.of("210987654321")), ecr.calls().get(0));
    assertThrows(InvalidInputException.class, () -> builder().registryAlias("h", "12345", "us-east-1"));
    assertThrows(InvalidInputException.class, () -> builder().registryAlias("h", ACCOUNT, "Mars-1"));
    assertThrows(InvalidInputException.class, () -> builder().registryAlias(" ", ACCOUNT, "us-east-1"));
    assertThrows(InvalidInputException.class, () -> builder().region("us_east_1"));
    assertThrows(InvalidInputException.class, () -> builder().endpointOverride(URI.create("relative/path")));
    assertThrows(InvalidInputException.class, () -> builder().refreshMargin(Duration.ofHours(2)));
  }

  @Test
  void accessDeniedNamesTheRegistryAndThePermissionButNoSecret() {
    ecr.failWith(400, "AccessDeniedException", "User: arn:aws:iam::123456789012:user/ci is not authorized to "
        + "perform: ecr:GetAuthorizationToken");
    RegistryException e = assertThrows(RegistryException.class, () -> provider(builder()).credentials(HOST));
    assertEquals(400, e.status());
    assertEquals("AccessDeniedException", e.errorCode());
    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains(HOST) && e.getMessage().contains("user/ci is not authorized")
        && e.getMessage().contains("IAM permission ecr:GetAuthorizationToken"), e.getMessage());
    assertNoSecret(e);
    assertEquals(1, ecr.requests());
  }

  @Test
  void throttlingAndServerErrorsAreRetryable() {
    ecr.failWith(400, "ThrottlingException", "Rate exceeded");
    RegistryException e = assertThrows(RegistryException.class, () -> provider(builder()).credentials(HOST));
    assertTrue(e.retryable(), e.getMessage());
    assertEquals("ThrottlingException", e.errorCode());
    ecr.failWith(500, "ServerException", "internal");
    e = assertThrows(RegistryException.class, () -> provider(builder()).credentials(HOST));
    assertTrue(e.retryable());
    assertEquals(500, e.status());
    assertNoSecret(e);
  }

  @Test
  void failuresAreNotCached() {
    EcrCredentials p = provider(builder());
    ecr.failWith(400, "AccessDeniedException", "no");
    assertThrows(RegistryException.class, () -> p.credentials(HOST));
    ecr.succeed();
    assertEquals("AWS", p.credentials(HOST).orElseThrow().username());
  }

  @Test
  void unreachableEndpointIsARetryableRegistryException() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    EcrCredentials p = provider(EcrCredentials.builder().credentialsProvider(AWS)
        .endpointOverride(URI.create("http://127.0.0.1:" + port)));
    RegistryException e = assertThrows(RegistryException.class, () -> p.credentials(HOST));
    assertEquals(0, e.status());
    assertTrue(e.retryable());
    assertTrue(e.getMessage().contains(HOST), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"not base64 !!", "QVdT", "QVdTOg==", "OnB3", "//79"})
  void malformedTokensAreRefusedWithoutEchoingThem(String token) {
    ecr.rawToken(token);
    BackendException e = assertThrows(BackendException.class, () -> provider(builder()).credentials(HOST));
    assertTrue(e.getMessage().contains("unusable authorization token for registry " + HOST), e.getMessage());
    assertFalse(e.getMessage().contains(token), e.getMessage());
  }

  @Test
  void emptyAuthorizationDataIsAnError() {
    ecr.noAuthorizationData(true);
    RegistryException e = assertThrows(RegistryException.class, () -> provider(builder()).credentials(HOST));
    assertTrue(e.getMessage().contains("no authorization data"), e.getMessage());
  }

  @Test
  void withoutAwsCredentialsTheChainGoesOn() {
    AwsCredentialsProvider none = () -> {
      throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
    };
    EcrCredentials p = provider(EcrCredentials.builder().credentialsProvider(none).endpointOverride(ecr.endpoint()));
    assertEquals(Optional.empty(), p.credentials(HOST));
    Credentials docker = Credentials.basic("AWS", "from-docker-login".toCharArray());
    assertEquals(Optional.of(docker), CredentialsProvider.chain(p, CredentialsProvider.of(HOST, docker))
        .credentials(HOST));
    assertEquals(0, ecr.requests());
  }

  @Test
  void explicitHttpClientIsUsedAndNotClosed() {
    try (SdkHttpClient http = UrlConnectionHttpClient.builder().build()) {
      EcrCredentials p = builder().httpClient(http).build();
      p.credentials(HOST).orElseThrow();
      p.close();
      EcrCredentials again = builder().httpClient(http).build();
      again.credentials(HOST).orElseThrow();
      again.close();
      assertEquals(2, ecr.requests());
    }
  }

  @Test
  void closedProviderRefusesLookups() {
    EcrCredentials p = builder().build();
    p.credentials(HOST).orElseThrow();
    p.close();
    BackendException e = assertThrows(BackendException.class, () -> p.credentials(HOST));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertEquals(Optional.empty(), p.credentials("ghcr.io"));
  }

  @Test
  void fromEnvironmentUsesTheSdkDefaults() {
    String[] keys = {"aws.accessKeyId", "aws.secretAccessKey", "aws.endpointUrlEcr"};
    String[] saved = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      saved[i] = System.getProperty(keys[i]);
    }
    System.setProperty("aws.accessKeyId", "env-key");
    System.setProperty("aws.secretAccessKey", SECRET_KEY);
    System.setProperty("aws.endpointUrlEcr", ecr.endpoint().toString());
    try (EcrCredentials p = EcrCredentials.fromEnvironment()) {
      assertEquals("ecr-password-1", password(p.credentials(HOST).orElseThrow()));
      assertEquals(new FakeEcr.Call("env-key", "us-east-1", "ecr", List.of(ACCOUNT)), ecr.calls().get(0));
      assertFalse(p.toString().contains(SECRET_KEY));
    } finally {
      for (int i = 0; i < keys.length; i++) {
        if (saved[i] == null) {
          System.clearProperty(keys[i]);
        } else {
          System.setProperty(keys[i], saved[i]);
        }
      }
    }
  }

  @Test
  void ecrHostsAreRecognised() {
    assertTrue(EcrCredentials.isEcrRegistry(HOST));
    assertTrue(EcrCredentials.isEcrRegistry("123456789012.DKR.ECR.US-EAST-1.AMAZONAWS.COM."));
    assertTrue(EcrCredentials.isEcrRegistry("123456789012.dkr.ecr.us-iso-east-1.c2s.ic.gov"));
    assertArrayEquals(new boolean[] {false, false}, new boolean[] {EcrCredentials.isEcrRegistry(null),
        EcrCredentials.isEcrRegistry("dkr.ecr.us-east-1.amazonaws.com")});
  }

  private static void assertNoSecret(Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertFalse(trace.toString().contains(SECRET_KEY), "AWS secret key in the exception");
    assertFalse(trace.toString().contains("ecr-password"), "registry password in the exception");
  }
}
