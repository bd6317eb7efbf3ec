package dev.countersign.keys.timestamp;

import dev.countersign.keys.testing.BcTsa;
import dev.countersign.keys.testing.LoopbackTsa;
import dev.countersign.keys.testing.OpenSslTsa;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.countersign.core.BackendException;
import dev.countersign.core.InvalidInputException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.cmp.PKIFreeText;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A TSA that fails: HTTP errors, garbage, refusals, oversize and replayed answers give clear errors. */
class TimestampClientFaultsTest {
  static final byte[] SIGNATURE = "sig".getBytes(StandardCharsets.UTF_8);
  WireMockServer wiremock;

  @BeforeEach
  void start() {
    wiremock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    wiremock.start();
  }

  @AfterEach
  void stop() {
    wiremock.stop();
  }

  private TimestampClient client() {
    return TimestampClient.builder("http://127.0.0.1:" + wiremock.port() + "/tsa").maxResponseBytes(64 * 1024)
        .callTimeout(Duration.ofSeconds(10)).build();
  }

  @Test
  void http500IsARetryableBackendError() {
    wiremock.stubFor(post(urlEqualTo("/tsa")).willReturn(aResponse().withStatus(500).withBody("TSA signer offline")));
    BackendException e = assertThrows(BackendException.class, () -> client().timestamp(SIGNATURE));
    assertTrue(e.getMessage().contains("HTTP 500") && e.getMessage().contains("TSA signer offline"), e.getMessage());
    assertTrue(e.retryable());
  }

  @Test
  void http400IsNotRetryable() {
    wiremock.stubFor(post(urlEqualTo("/tsa")).willReturn(aResponse().withStatus(400)));
    BackendException e = assertThrows(BackendException.class, () -> client().timestamp(SIGNATURE));
    assertFalse(e.retryable());
  }

  @Test
  void garbageBodyIsInvalidInput() {
    byte[] garbage = new byte[300];
    new Random(7).nextBytes(garbage);
    wiremock.stubFor(post(urlEqualTo("/tsa")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/timestamp-reply").withBody(garbage)));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> client().timestamp(SIGNATURE));
    assertTrue(e.getMessage().contains("did not answer with an RFC 3161 TimeStampResp"), e.getMessage());
  }

  @Test
  void htmlErrorPageWith200IsInvalidInput() {
    wiremock.stubFor(post(urlEqualTo("/tsa")).willReturn(aResponse().withStatus(200).withBody("<html>oops</html>")));
    assertThrows(InvalidInputException.class, () -> client().timestamp(SIGNATURE));
  }

  @Test
  void rejectionCarriesThePkiStatusText() throws Exception {
    byte[] rejection = new TimeStampResp(new PKIStatusInfo(PKIStatus.rejection,
        new PKIFreeText("unsupported hash"), new PKIFailureInfo(PKIFailureInfo.badAlg)), null).getEncoded();
    wiremock.stubFor(post(urlEqualTo("/tsa")).willReturn(aResponse().withStatus(200).withBody(rejection)));
    BackendException e = assertThrows(BackendException.class, () -> client().timestamp(SIGNATURE));
    assertTrue(e.getMessage().contains("rejection (badAlg): unsupported hash"), e.getMessage());
    assertFalse(e.retryable());
  }

  @Test
  void oversizeResponseWithContentLengthIsCapped() {
    wiremock.stubFor(post(urlEqualTo("/tsa")).willReturn(aResponse().withStatus(200).withBody(new byte[2 << 20])));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> client().timestamp(SIGNATURE));
    assertTrue(e.getMessage().contains("exceeds the limit of 65536 bytes"), e.getMessage());
  }

  @Test
  void oversizeStreamedResponseIsCappedWhileReading() throws Exception {
    try (LoopbackTsa server = new LoopbackTsa(q -> new byte[8 << 20], true)) {
      TimestampClient c = TimestampClient.builder(server.url()).maxResponseBytes(64 * 1024).build();
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> c.timestamp(SIGNATURE));
      assertTrue(e.getMessage().contains("exceeds the limit"), e.getMessage());
    }
  }

  @Test
  void replayedAnswerForAnotherRequestIsRefused() throws Exception {
    BcTsa tsa = new BcTsa(BcTsa.Eku.CRITICAL_TIMESTAMPING);
    AtomicReference<byte[]> first = new AtomicReference<>();
    try (LoopbackTsa server = new LoopbackTsa(q -> first.updateAndGet(old -> old != null ? old : tsa.reply(q)))) {
      TimestampClient c = TimestampClient.builder(server.url()).build();
      c.timestamp(SIGNATURE);
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> c.timestamp(SIGNATURE));
      assertTrue(e.getMessage().contains("does not match the request"), e.getMessage());
    }
  }

  @Test
  void unreachableTsaIsRetryable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    TimestampClient c = TimestampClient.builder("http://127.0.0.1:" + port + "/tsa").build();
    BackendException e = assertThrows(BackendException.class, () -> c.timestamp(SIGNATURE));
    assertTrue(e.retryable() && e.getMessage().contains("could not be reached"), e.getMessage());
  }

  @Test
  void badBuilderInputIsRefused() {
    assertThrows(InvalidInputException.class, () -> TimestampClient.builder("not a url"));
    assertThrows(InvalidInputException.class, () -> TimestampClient.builder("http://x/").maxResponseBytes(10));
    assertThrows(InvalidInputException.class, () -> TimestampClient.builder("http://x/").connectTimeout(Duration.ZERO));
    assertThrows(InvalidInputException.class, () -> client().timestamp(new byte[0]));
  }
}
