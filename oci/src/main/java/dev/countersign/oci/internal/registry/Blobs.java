package dev.countersign.oci.internal.registry;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.RegistryException;
import dev.countersign.oci.internal.io.VerifyingInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Blob reads (streamed and verified), existence checks, uploads and cross-repository mounts. Uploads: content up
 * to one chunk in a monolithic POST+PUT; larger content streamed in a single PATCH (Content-Range {@code 0-(size-1)}
 * and Content-Length set, as skopeo and crane stream; memory stays at one small buffer), or, when chunked, in PATCH
 * chunks of the chunk size held in memory one at a time (for proxies that limit request bodies).
 */
final class Blobs {
  private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
  private static final int STREAM_BUFFER = 64 << 10;
  private final RegistryRepositoryImpl repo;
  private final int chunkSize;
  private final boolean chunked;

  Blobs(RegistryRepositoryImpl repo, int chunkSize, boolean chunked) {
    this.repo = repo;
    this.chunkSize = chunkSize;
    this.chunked = chunked;
  }

  boolean exists(Digest digest) {
    return exists(digest, false);
  }

  /** HEAD; with {@code forPush} it asks for the push scope up front, so the upload that follows needs no new token. */
  private boolean exists(Digest digest, boolean forPush) {
    RegistryRequest r = repo.request("HEAD", repo.url("blobs", digest.toString()), null, forPush).followRedirects();
    try (Response resp = repo.http().send(r)) {
      if (resp.code() == 200) {
        return true;
      }
      if (resp.code() == 404) {
        return false;
      }
      throw Bodies.error(resp, r.describe(r.url));
    }
  }

  /**
   * Opens a blob, verified as it is read. Small blobs (see {@link ContentCache#accepts}) are kept in the content
   * cache once they were read to their verified end, and served from it next time without a request.
   */
  InputStream open(Descriptor d) {
    ContentCache cache = repo.cache();
    if (!cache.accepts(d.size())) {
      return stream(d);
    }
    String space = repo.cacheSpace("blobs");
    Optional<ContentCache.Entry> hit = cache.get(space, d.digest());
    if (hit.isPresent() && hit.get().bytes().length == d.size()) {
      return new ByteArrayInputStream(hit.get().bytes());
    }
    ByteArrayOutputStream copy = new ByteArrayOutputStream((int) d.size());
    return new FilterInputStream(stream(d)) {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
          copy.write(b, off, n);
        } else if (n == -1 && copy.size() == d.size()) {
          // end of a VerifyingInputStream: size and digest matched (skipped bytes are not copied: no entry)
          cache.put(space, d.digest(), null, copy.toByteArray());
        }
        return n;
      }
    };
  }

  private InputStream stream(Descriptor d) {
    RegistryRequest r = repo.request("GET", repo.url("blobs", d.digest().toString()), null, false).followRedirects()
        .streaming();
    Response resp = repo.http().send(r);
    if (resp.code() != 200) {
      throw Bodies.error(resp, r.describe(r.url));
    }
    long declared = resp.body().contentLength();
    if (declared >= 0 && declared != d.size()) {
      resp.close();
      throw new InvalidInputException("blob " + d.digest() + " of " + repo.name() + ": registry announced "
          + declared + " bytes, the descriptor says " + d.size());
    }
    return new VerifyingInputStream(resp.body().byteStream(), d.digest(), d.size(),
        "blob " + d.digest() + " of " + repo.name());
  }

  Descriptor push(String mediaType, Digest digest, long size, InputStream content) {
    Descriptor result = Descriptor.of(mediaType, digest, size);
    if (exists(digest, true)) {
      return result;
    }
    HttpUrl location = start(null, null);
    MessageDigest md = digest.algorithm().newMessageDigest();
    if (size <= chunkSize) {
      byte[] data = readFully(content, (int) size, size);
      ensureEnd(content, size);
      md.update(data);
      checkDigest(md, digest, location);
      complete(location, digest, RequestBody.create(data, OCTET_STREAM));
      return result;
    }
    if (!chunked) {
      StreamedBody body = new StreamedBody(content, size, md);
      try {
        location = patch(location, body, 0, size);
        ensureEnd(content, size);
      } catch (RuntimeException e) {
        cancel(location);
        throw body.failure != null ? body.failure : e;
      }
      checkDigest(md, digest, location);
      complete(location, digest, RequestBody.create(new byte[0], OCTET_STREAM));
      return result;
    }
    byte[] buf = new byte[chunkSize];
    long offset = 0;
    while (offset < size) {
      int n = (int) Math.min(chunkSize, size - offset);
      fill(content, buf, n, offset, size);
      md.update(buf, 0, n);
      location = patch(location, RequestBody.create(buf, OCTET_STREAM, 0, n), offset, n);
      offset += n;
    }
    ensureEnd(content, size);
    checkDigest(md, digest, location);
    complete(location, digest, RequestBody.create(new byte[0], OCTET_STREAM));
    return result;
  }

  boolean mount(Digest digest, String from) {
    ReferenceGrammar.parse("localhost/" + from);
    HttpUrl location = start(digest, from);
    if (location == null) {
      return true;
    }
    cancel(location);
    return false;
  }

  /** POST an upload session (or a mount); returns its Location, or null when a mount succeeded (201). */
  private HttpUrl start(Digest mount, String from) {
    HttpUrl.Builder u = repo.url("blobs", "uploads", "").newBuilder();
    if (mount != null) {
      u.addQueryParameter("mount", mount.toString()).addQueryParameter("from", from);
    }
    RegistryRequest r = repo.request("POST", u.build(), RequestBody.create(new byte[0], null), true);
    if (mount != null) {
      r.scope("repository:" + from + ":pull");
    }
    try (Response resp = repo.http().send(r)) {
      if (mount != null && resp.code() == 201) {
        return null;
      }
      if (resp.code() != 202) {
        throw Bodies.error(resp, r.describe(r.url));
      }
      return location(resp, r);
    }
  }

  private HttpUrl patch(HttpUrl location, RequestBody body, long offset, long length) {
    RegistryRequest r = repo.request("PATCH", location, body, true)
        .header("Content-Range", offset + "-" + (offset + length - 1)).streaming();
    try (Response resp = repo.http().send(r)) {
      if (resp.code() != 202) {
        throw Bodies.error(resp, r.describe(r.url));
      }
      return location(resp, r);
    }
  }

  private void complete(HttpUrl location, Digest digest, RequestBody body) {
    HttpUrl url = location.newBuilder().addQueryParameter("digest", digest.toString()).build();
    RegistryRequest r = repo.request("PUT", url, body, true).streaming();
    try (Response resp = repo.http().send(r)) {
      if (resp.code() != 201 && resp.code() != 200 && resp.code() != 204) {
        throw Bodies.error(resp, r.describe(r.url));
      }
    }
  }

  private void cancel(HttpUrl location) {
    RegistryRequest r = repo.request("DELETE", location, null, true);
    try (Response resp = repo.http().send(r)) {
      // best effort: an abandoned session expires on the registry anyway
    } catch (RegistryException ignored) {
      // same
    }
  }

  /**
   * The whole blob as one request body, read from {@code content} while it is sent and hashed into {@code md}.
   * One-shot: it cannot be replayed (a retry or a re-sent request after a 401 fails instead of sending other
   * bytes).
   */
  private static final class StreamedBody extends RequestBody {
    private final InputStream content;
    private final long size;
    private final MessageDigest md;
    private boolean sent;
    /** Why the content could not be sent (it ended early or failed verification), reported instead of the I/O error. */
    RuntimeException failure;

    StreamedBody(InputStream content, long size, MessageDigest md) {
      this.content = content;
      this.size = size;
      this.md = md;
    }

    @Override
    public MediaType contentType() {
      return OCTET_STREAM;
    }

    @Override
    public long contentLength() {
      return size;
    }

    @Override
    public boolean isOneShot() {
      return true;
    }

    @Override
    public void writeTo(okio.BufferedSink sink) throws IOException {
      if (sent) {
        throw new IOException("a streamed blob upload cannot be sent twice");
      }
      sent = true;
      byte[] buf = new byte[STREAM_BUFFER];
      long done = 0;
      while (done < size) {
        int n;
        try {
          n = content.read(buf, 0, (int) Math.min(buf.length, size - done));
          if (n < 0) {
            throw new InvalidInputException("blob content ended after " + done + " of " + size + " bytes");
          }
        } catch (RuntimeException e) {
          // abort the request as an I/O failure (so OkHttp releases the connection); push() reports this instead
          failure = e;
          throw new IOException("blob content could not be read", e);
        }
        md.update(buf, 0, n);
        sink.write(buf, 0, n);
        done += n;
      }
    }
  }

  private void checkDigest(MessageDigest md, Digest expected, HttpUrl location) {
    Digest actual = Digest.of(expected.algorithm(), md.digest());
    if (!actual.matches(expected)) {
      cancel(location);
      throw new InvalidInputException("blob content does not match its digest: expected " + expected + ", got "
          + actual);
    }
  }

  private static HttpUrl location(Response resp, RegistryRequest r) {
    String loc = resp.header("Location");
    HttpUrl url = loc == null ? null : r.url.resolve(loc);
    if (url == null) {
      throw new RegistryException(r.describe(r.url) + ": upload response has no valid Location", resp.code(), null,
          false, null);
    }
    return url;
  }

  private static byte[] readFully(InputStream in, int n, long size) {
    byte[] data = new byte[n];
    fill(in, data, n, 0, size);
    return data;
  }

  private static void fill(InputStream in, byte[] buf, int n, long offset, long size) {
    try {
      int got = in.readNBytes(buf, 0, n);
      if (got < n) {
        throw new InvalidInputException("blob content ended after " + (offset + got) + " of " + size + " bytes");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading blob content failed", e);
    }
  }

  private static void ensureEnd(InputStream in, long size) {
    try {
      if (in.read() != -1) {
        throw new InvalidInputException("blob content is longer than the declared " + size + " bytes");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading blob content failed", e);
    }
  }
}
