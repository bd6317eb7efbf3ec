package dev.countersign.oci.internal.registry;

import dev.countersign.core.Digest;
import dev.countersign.core.InvalidInputException;
import dev.countersign.oci.Descriptor;
import dev.countersign.oci.RegistryException;
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
 * Blob reads (streamed and verified), existence checks, uploads (monolithic POST+PUT for content up to one chunk,
 * chunked PATCH with Content-Range above; memory stays at one chunk) and cross-repository mounts.
 */
final class Blobs {
  private static final MediaType OCTET_STREAM = MediaType.get("application/octet-stream");
  private final RegistryRepositoryImpl repo;
  private final int chunkSize;

  Blobs(RegistryRepositoryImpl repo, int chunkSize) {
    this.repo = repo;
    this.chunkSize = chunkSize;
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
    byte[] buf = new byte[chunkSize];
    long offset = 0;
    while (offset < size) {
      int n = (int) Math.min(chunkSize, size - offset);
      byte[] chunk = n == chunkSize ? buf : new byte[n];
      fill(content, chunk, n, offset, size);
      md.update(chunk, 0, n);
      location = patch(location, chunk, offset);
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

  private HttpUrl patch(HttpUrl location, byte[] chunk, long offset) {
    RegistryRequest r = repo.request("PATCH", location, RequestBody.create(chunk, OCTET_STREAM), true)
        .header("Content-Range", offset + "-" + (offset + chunk.length - 1)).streaming();
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
