package dev.countersign.keys.timestamp;

import dev.countersign.core.BackendException;
import dev.countersign.core.DigestAlgorithm;
import dev.countersign.core.InvalidInputException;
import dev.countersign.core.timestamp.Timestamper;
import dev.countersign.keys.internal.timestamp.TsaHttp;
import dev.countersign.keys.internal.timestamp.TsaResponses;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Asks an RFC 3161 time-stamping authority for a token over a signature, as cosign's
 * {@code --timestamp-server-url} does: the message imprint is the hash (SHA-256 by default) of the signature
 * bytes, with a random nonce and {@code certReq=true}, posted as {@code application/timestamp-query}. The answer
 * must be granted and match the request (imprint, nonce, certificate present). As a core {@link Timestamper} it
 * plugs into BlobSigner, BlobAttester, ImageSigner and ImageAttester. Thread-safe.
 */
public final class TimestampClient implements Timestamper {
  private final HttpUrl url;
  private final OkHttpClient http;
  private final int maxResponseBytes;
  private final DigestAlgorithm hashAlgorithm;

  private TimestampClient(Builder b) {
    this.url = b.url;
    this.maxResponseBytes = b.maxResponseBytes;
    this.hashAlgorithm = b.hashAlgorithm;
    this.http = new OkHttpClient.Builder()
        .connectTimeout(b.connectTimeout)
        .readTimeout(b.readTimeout)
        .writeTimeout(b.readTimeout)
        .callTimeout(b.callTimeout)
        .followRedirects(false)
        .retryOnConnectionFailure(false)
        .build();
  }

  /** A builder for the TSA at {@code url} (http or https). */
  public static Builder builder(String url) {
    return new Builder(url);
  }

  /**
   * Requests a token over {@code signature} (the raw signature bytes the verifier will check the imprint against).
   *
   * @throws BackendException when the TSA cannot be reached, answers an HTTP error, or refuses (PKIStatus text
   *     included; retryable for timeouts, 5xx and status waiting)
   * @throws InvalidInputException when the answer is not a TimeStampResp, exceeds the size cap, or does not
   *     match the request
   */
  public TimestampToken timestamp(byte[] signature) {
    if (Objects.requireNonNull(signature, "signature").length == 0) {
      throw new InvalidInputException("signature to timestamp is empty");
    }
    TimeStampRequest request = TsaResponses.request(signature, hashAlgorithm);
    byte[] query;
    try {
      query = request.getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException("encoding a timestamp request failed", e);
    }
    byte[] body = TsaHttp.post(http, url.toString(), query, maxResponseBytes);
    TimeStampToken token = TsaResponses.accept(request, body, url.toString());
    return TimestampToken.of(token, body);
  }

  /** {@link #timestamp(byte[])}'s DER {@code TimeStampResp}: the core SPI hook for signers. */
  @Override
  public byte[] timestampResponse(byte[] signedBytes) {
    return timestamp(signedBytes).responseEncoded();
  }

  @Override
  public String toString() {
    return "TimestampClient{" + url + "}";
  }

  /** Validating builder; defaults: 10 s connect, 30 s read, 60 s whole call, 1 MiB response cap, SHA-256. */
  public static final class Builder {
    private final HttpUrl url;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ofSeconds(60);
    private int maxResponseBytes = 1 << 20;
    private DigestAlgorithm hashAlgorithm = DigestAlgorithm.SHA256;

    private Builder(String url) {
      HttpUrl parsed = url == null ? null : HttpUrl.parse(url.trim());
      if (parsed == null) {
        throw new InvalidInputException("timestamp server URL is not an http(s) URL: " + url);
      }
      this.url = parsed;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** Timeout between bytes read or written. */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "readTimeout");
      return this;
    }

    /** Timeout for the whole exchange. */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = positive(timeout, "callTimeout");
      return this;
    }

    /** Largest TSA answer read; a larger one is refused without being read whole. */
    public Builder maxResponseBytes(int max) {
      if (max < 1024) {
        throw new InvalidInputException("maxResponseBytes must be at least 1024, got " + max);
      }
      this.maxResponseBytes = max;
      return this;
    }

    /** The message imprint hash (cosign uses SHA-256). */
    public Builder hashAlgorithm(DigestAlgorithm algorithm) {
      this.hashAlgorithm = Objects.requireNonNull(algorithm, "algorithm");
      return this;
    }

    public TimestampClient build() {
      return new TimestampClient(this);
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new InvalidInputException(name + " must be positive, got " + d);
      }
      return d;
    }
  }
}
