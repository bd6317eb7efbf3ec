package dev.countersign.testing.servers;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One request over a raw socket, reading until the server closes: no client-side retries or length checks. */
final class RawHttp {
  private RawHttp() {}

  /** Sends {@code requestLine} with Host and Connection: close and returns every byte until EOF. */
  static byte[] exchange(TestRegistry registry, String requestLine) throws IOException {
    String host = registry.host();
    int port = Integer.parseInt(host.substring(host.indexOf(':') + 1));
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5_000); // a server that keeps the connection open fails the test, it does not hang it
      s.getOutputStream().write((requestLine + "\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      try (InputStream in = s.getInputStream()) {
        return in.readAllBytes();
      }
    }
  }
}
