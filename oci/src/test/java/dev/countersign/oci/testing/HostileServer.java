package dev.countersign.oci.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A raw HTTP/1.1 server on 127.0.0.1 for responses no well-behaved server sends: endless bodies, lying
 * Content-Length, drip-fed bytes, silence. Each connection gets the request line and writes whatever it likes.
 */
public final class HostileServer implements AutoCloseable {
  /** Writes the response for one request. */
  @FunctionalInterface
  public interface Handler {
    void respond(String requestLine, OutputStream out) throws IOException, InterruptedException;
  }

  private final ServerSocket socket;
  private final Thread acceptor;

  public HostileServer(Handler handler) throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(() -> {
      while (!socket.isClosed()) {
        try {
          Socket s = socket.accept();
          Thread t = new Thread(() -> serve(s, handler), "hostile-conn");
          t.setDaemon(true);
          t.start();
        } catch (IOException closed) {
          return;
        }
      }
    }, "hostile-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private static void serve(Socket s, Handler handler) {
    try (s) {
      InputStream in = s.getInputStream();
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int state = 0;
      while (state < 4) {
        int b = in.read();
        if (b == -1) {
          return;
        }
        head.write(b);
        state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1
            : 0;
      }
      String text = head.toString(StandardCharsets.ISO_8859_1);
      handler.respond(text.substring(0, text.indexOf('\r')), s.getOutputStream());
    } catch (IOException | InterruptedException closedByClient) {
      // the client gave up: that is what these tests provoke
    }
  }

  /** {@code 127.0.0.1:PORT}. */
  public String host() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  /** Writes the status line and headers (CRLF-separated, no trailing blank line needed). */
  public static void head(OutputStream out, String statusAndHeaders) throws IOException {
    out.write((statusAndHeaders.replace("\n", "\r\n") + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Writes {@code chunk} forever (until the client disconnects). */
  public static void endless(OutputStream out, byte[] chunk) throws IOException {
    while (true) {
      out.write(chunk);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
