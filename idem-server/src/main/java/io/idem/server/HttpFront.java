package io.idem.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server on one selector thread: it accepts connections, reads and frames
 * requests (Content-Length or chunked bodies, {@code Expect: 100-continue}, keep-alive, several
 * requests on one connection answered in order), hands each complete request to a {@link Handler}
 * on the selector thread and writes the answer the handler gives, from whichever thread gives it.
 *
 * <p>Why not Jetty (through Javalin), which served the API before: an identify call is a few
 * hundred bytes in and out, and under load Jetty spent about a third of the server's CPU on its
 * own machinery (a pool thread per call, parked while the call waits for its group commit, then
 * woken to write 100 bytes; each park and wake a futex call). Here a call costs one read, one
 * write and no thread switch of its own: the handler parses it on the selector thread and the
 * group-commit thread hands back a whole batch of answers with one wake-up. Measurements in
 * BENCHMARKS.md, "HTTP API load".
 *
 * <p>Protocol errors are answered here (400 malformed, 413 body too large, 431 headers too large,
 * 408 a request that does not arrive in time, 501 an unknown transfer coding) and the connection
 * is closed; a handler never sees a malformed request. Idle keep-alive connections are closed after
 * a minute.
 */
final class HttpFront implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("idem.http");
    private static final int MAX_HEAD = 16 * 1024;
    private static final int MAX_CONNECTIONS = 4096;
    private static final long IDLE_NANOS = 60_000_000_000L;
    private static final long REQUEST_NANOS = 30_000_000_000L;
    /** After refusing a body: how long, and how many bytes, to read and drop so the client sees the answer. */
    private static final long DRAIN_NANOS = 5_000_000_000L;
    private static final long DRAIN_BYTES = 64L << 20;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Receives complete requests on the selector thread; must not block (hand slow work to a pool). */
    @FunctionalInterface
    interface Handler {
        void handle(Exchange exchange);
    }

    /** Builds the body of a protocol error answer (status, code, message). */
    @FunctionalInterface
    interface ErrorBody {
        byte[] of(int status, String code, String message);
    }

    /** One request and the means to answer it, once, from any thread. */
    static final class Exchange {
        private final HttpFront front;
        private final Conn conn;
        final String method;
        /** The request target's path, still percent-encoded. */
        final String rawPath;
        /** The query string, still percent-encoded, or {@code null}. */
        final String rawQuery;
        private final List<String[]> headers;
        final byte[] body;
        private final AtomicBoolean answered = new AtomicBoolean();

        Exchange(HttpFront front, Conn conn, String method, String rawPath, String rawQuery, List<String[]> headers,
                byte[] body) {
            this.front = front;
            this.conn = conn;
            this.method = method;
            this.rawPath = rawPath;
            this.rawQuery = rawQuery;
            this.headers = headers;
            this.body = body;
        }

        /** The first value of a header (name case-insensitive), or {@code null}. */
        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        /** Answers the request; later calls are ignored. {@code extra} holds header name, value pairs. */
        void respond(int status, String contentType, byte[] content, String... extra) {
            if (answered.compareAndSet(false, true)) {
                front.answer(conn, response(status, contentType, content, conn.closeAfter, extra));
            }
        }
    }

    /** A connection's state; touched only by the selector thread (but for {@link #pending}). */
    private static final class Conn {
        final SocketChannel channel;
        SelectionKey key;
        byte[] in = new byte[4096];
        int filled;
        /** A request was handed to the handler and is not answered yet. */
        boolean busy;
        boolean closeAfter;
        boolean continueSent;
        ByteBuffer out;
        /** Closing after the answer is written, dropping what the client still sends (bytes left). */
        long draining = -1;
        long drainUntil;
        long requestStart;
        long lastActive;

        Conn(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private record Answer(Conn conn, byte[] bytes) {
    }

    private final Selector selector;
    private final ServerSocketChannel server;
    private final Handler handler;
    private final ErrorBody errors;
    private final int maxBody;
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final List<Conn> conns = new ArrayList<>();
    private final Thread loop;
    private volatile boolean running = true;

    HttpFront(String host, int port, int maxBody, Handler handler, ErrorBody errors) throws IOException {
        this.handler = handler;
        this.errors = errors;
        this.maxBody = maxBody;
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(new InetSocketAddress(host, port), 1024);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        this.loop = new Thread(this::run, "idem-http");
        loop.setDaemon(true);
        loop.start();
    }

    int port() {
        return server.socket().getLocalPort();
    }

    // ------------------------------------------------------------------ the selector loop

    private void run() {
        long lastSweep = System.nanoTime();
        while (running) {
            try {
                selector.select(1000);
                wakeupPending.set(false);
                Answer a;
                while ((a = answers.poll()) != null) {
                    send(a.conn(), a.bytes());
                }
                for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey k = it.next();
                    it.remove();
                    if (!k.isValid()) {
                        continue;
                    }
                    if (k.isAcceptable()) {
                        accept();
                        continue;
                    }
                    Conn c = (Conn) k.attachment();
                    try {
                        if (k.isWritable()) {
                            flush(c);
                        }
                        if (k.isValid() && k.isReadable()) {
                            read(c);
                        }
                    } catch (IOException | RuntimeException e) {
                        close(c);
                    }
                }
                long now = System.nanoTime();
                if (now - lastSweep > 1_000_000_000L) {
                    sweep(now);
                    lastSweep = now;
                }
            } catch (ClosedSelectorException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warn("http loop: {}", e.toString());
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel ch;
        while ((ch = server.accept()) != null) {
            if (conns.size() >= MAX_CONNECTIONS) {
                ch.close();
                continue;
            }
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Conn c = new Conn(ch);
            c.key = ch.register(selector, SelectionKey.OP_READ, c);
            c.lastActive = System.nanoTime();
            conns.add(c);
        }
    }

    private void read(Conn c) throws IOException {
        if (c.draining >= 0) {
            drain(c);
            return;
        }
        if (c.filled == c.in.length) {
            // grown only as a request needs: the head limit, then its declared body
            c.in = java.util.Arrays.copyOf(c.in, Math.min(c.in.length * 2, MAX_HEAD + maxBody + 64 * 1024));
        }
        int n = c.channel.read(ByteBuffer.wrap(c.in, c.filled, c.in.length - c.filled));
        if (n < 0) {
            close(c);
            return;
        }
        if (c.filled == 0 && n > 0) {
            c.requestStart = System.nanoTime();
        }
        c.filled += n;
        c.lastActive = System.nanoTime();
        parse(c);
    }

    /** Frames the next request in the buffer, if complete, and hands it over. */
    private void parse(Conn c) throws IOException {
        if (c.busy || c.out != null || c.filled == 0) {
            return;
        }
        int headEnd = indexOf(c.in, c.filled, 0);
        if (headEnd < 0) {
            if (c.filled >= MAX_HEAD) {
                protocolError(c, 431, "too_large", "request line and headers longer than " + MAX_HEAD + " bytes");
            }
            return;
        }
        String head = new String(c.in, 0, headEnd, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n", -1);
        String[] requestLine = lines[0].split(" ", -1);
        if (requestLine.length != 3 || requestLine[0].isEmpty() || !requestLine[1].startsWith("/")
                || !(requestLine[2].equals("HTTP/1.1") || requestLine[2].equals("HTTP/1.0"))
                || !token(requestLine[0])) {
            protocolError(c, 400, "invalid", "malformed request line");
            return;
        }
        List<String[]> headers = new ArrayList<>(lines.length);
        long contentLength = -1;
        boolean chunked = false;
        boolean expectContinue = false;
        boolean http10 = requestLine[2].equals("HTTP/1.0");
        boolean close = http10;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0 || !token(line.substring(0, colon))) {
                protocolError(c, 400, "invalid", "malformed header line");
                return;
            }
            String name = line.substring(0, colon);
            String value = line.substring(colon + 1).trim();
            headers.add(new String[] {name, value});
            switch (name.toLowerCase(Locale.ROOT)) {
                case "content-length" -> {
                    long v = digits(value);
                    if (v < 0 || (contentLength >= 0 && contentLength != v)) {
                        protocolError(c, 400, "invalid", "bad Content-Length");
                        return;
                    }
                    contentLength = v;
                }
                case "transfer-encoding" -> {
                    if (!value.equalsIgnoreCase("chunked")) {
                        protocolError(c, 501, "not_implemented", "transfer coding '" + value + "' not supported");
                        return;
                    }
                    chunked = true;
                }
                case "connection" -> {
                    String v = value.toLowerCase(Locale.ROOT);
                    if (v.contains("close")) {
                        close = true;
                    } else if (v.contains("keep-alive")) {
                        close = false;
                    }
                }
                case "expect" -> expectContinue = value.equalsIgnoreCase("100-continue");
                default -> { }
            }
        }
        if (chunked && contentLength >= 0) {
            protocolError(c, 400, "invalid", "both Content-Length and Transfer-Encoding");
            return;
        }
        int bodyStart = headEnd + 4;
        byte[] body;
        int end;
        if (chunked) {
            long[] framing = chunks(c.in, bodyStart, c.filled);
            if (framing == null) {
                protocolError(c, 400, "invalid", "malformed chunked body");
                return;
            }
            if (framing[1] > maxBody) {
                refuseBody(c);
                return;
            }
            if (framing[0] < 0) {
                sendContinue(c, expectContinue);
                return; // more to come
            }
            end = (int) framing[0];
            body = unchunk(c.in, bodyStart, (int) framing[1]);
        } else {
            long length = Math.max(contentLength, 0);
            if (length > maxBody) {
                refuseBody(c);
                return;
            }
            if (c.filled - bodyStart < length) {
                sendContinue(c, expectContinue);
                return;
            }
            end = bodyStart + (int) length;
            body = java.util.Arrays.copyOfRange(c.in, bodyStart, end);
        }
        // the request is complete: keep what follows it (a next request) at the start of the buffer
        System.arraycopy(c.in, end, c.in, 0, c.filled - end);
        c.filled -= end;
        c.continueSent = false;
        if (c.filled > 0) {
            c.requestStart = System.nanoTime();
        }
        if (c.in.length > 64 * 1024 && c.filled < 4096) {
            c.in = java.util.Arrays.copyOf(c.in, 4096); // give back a large body's buffer
        }
        c.busy = true;
        c.closeAfter = close;
        c.key.interestOps(0); // a pipelined next request waits until this one is answered
        String target = requestLine[1];
        int q = target.indexOf('?');
        Exchange ex = new Exchange(this, c, requestLine[0], q < 0 ? target : target.substring(0, q),
                q < 0 ? null : target.substring(q + 1), headers, body);
        try {
            handler.handle(ex);
        } catch (RuntimeException e) {
            LOG.error("handler failed: {}", e.getClass().getName());
            ex.respond(500, "application/json", errors.of(500, "internal", "internal error"));
        }
    }

    private void sendContinue(Conn c, boolean expectContinue) throws IOException {
        if (expectContinue && !c.continueSent) {
            c.continueSent = true;
            c.channel.write(ByteBuffer.wrap(CONTINUE)); // 25 bytes into an empty socket buffer
        }
    }

    /** 413, then read and drop what the client still sends, so that it gets to read the answer. */
    private void refuseBody(Conn c) throws IOException {
        c.closeAfter = true;
        c.busy = true;
        c.filled = 0;
        c.draining = DRAIN_BYTES;
        c.drainUntil = System.nanoTime() + DRAIN_NANOS;
        send(c, response(413, "application/json", errors.of(413, "too_large", "request body larger than " + maxBody
                + " bytes"), true));
    }

    private void protocolError(Conn c, int status, String code, String message) throws IOException {
        c.busy = true;
        c.filled = 0;
        c.closeAfter = true;
        send(c, response(status, "application/json", errors.of(status, code, message), true));
    }

    private void drain(Conn c) throws IOException {
        ByteBuffer sink = ByteBuffer.wrap(c.in);
        int n = c.channel.read(sink);
        c.draining -= Math.max(n, 0);
        if (n < 0 || c.draining < 0 || System.nanoTime() > c.drainUntil) {
            close(c);
        }
    }

    // ------------------------------------------------------------------ answers

    private void answer(Conn c, byte[] bytes) {
        if (Thread.currentThread() == loop) {
            try {
                send(c, bytes);
            } catch (IOException e) {
                close(c);
            }
            return;
        }
        answers.add(new Answer(c, bytes));
        if (wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    private void send(Conn c, byte[] bytes) throws IOException {
        if (!c.channel.isOpen()) {
            return;
        }
        c.out = ByteBuffer.wrap(bytes);
        c.lastActive = System.nanoTime();
        flush(c);
    }

    private void flush(Conn c) throws IOException {
        c.channel.write(c.out);
        if (c.out.hasRemaining()) {
            c.key.interestOps(SelectionKey.OP_WRITE);
            return;
        }
        c.out = null;
        if (c.draining >= 0) {
            c.channel.shutdownOutput();
            c.key.interestOps(SelectionKey.OP_READ);
            return;
        }
        if (c.closeAfter) {
            close(c);
            return;
        }
        c.busy = false;
        c.key.interestOps(SelectionKey.OP_READ);
        c.lastActive = System.nanoTime();
        parse(c); // a request that arrived while this one was being served
    }

    static byte[] response(int status, String contentType, byte[] content, boolean close, String... extra) {
        StringBuilder h = new StringBuilder(160);
        h.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        if (contentType != null) {
            h.append("Content-Type: ").append(contentType).append("\r\n");
        }
        h.append("Content-Length: ").append(content.length).append("\r\n");
        for (int i = 0; i + 1 < extra.length; i += 2) {
            h.append(extra[i]).append(": ").append(extra[i + 1]).append("\r\n");
        }
        if (close) {
            h.append("Connection: close\r\n");
        }
        h.append("\r\n");
        byte[] head = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = java.util.Arrays.copyOf(head, head.length + content.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        return all;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    // ------------------------------------------------------------------ housekeeping

    /** Closes idle connections and requests that do not arrive in time. */
    private void sweep(long now) {
        for (Conn c : new ArrayList<>(conns)) {
            if (c.busy || c.out != null) {
                if (c.draining >= 0 && now > c.drainUntil) {
                    close(c);
                }
                continue;
            }
            if (c.filled > 0 && now - c.requestStart > REQUEST_NANOS) {
                try {
                    protocolError(c, 408, "timeout", "the request did not arrive within "
                            + REQUEST_NANOS / 1_000_000_000L + " s");
                } catch (IOException e) {
                    close(c);
                }
            } else if (c.filled == 0 && now - c.lastActive > IDLE_NANOS) {
                close(c);
            }
        }
    }

    private void close(Conn c) {
        conns.remove(c);
        try {
            c.channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            loop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            for (SelectionKey k : selector.keys()) {
                k.channel().close();
            }
            selector.close();
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    // ------------------------------------------------------------------ framing helpers

    /** Where "\r\n\r\n" starts in b[from, limit), or -1. */
    private static int indexOf(byte[] b, int limit, int from) {
        for (int i = from; i + 3 < limit; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Walks a chunked body in b[from, limit): {end of the body's framing or -1 while incomplete,
     * data bytes seen so far}, or {@code null} when malformed. Trailers are not accepted.
     */
    static long[] chunks(byte[] b, int from, int limit) {
        int p = from;
        long data = 0;
        while (true) {
            int eol = -1;
            for (int i = p; i + 1 < limit; i++) {
                if (b[i] == '\r' && b[i + 1] == '\n') {
                    eol = i;
                    break;
                }
            }
            if (eol < 0) {
                return limit - p > 1024 ? null : new long[] {-1, data};
            }
            String sizeText = new String(b, p, eol - p, StandardCharsets.ISO_8859_1);
            int semi = sizeText.indexOf(';');
            long size = hex((semi < 0 ? sizeText : sizeText.substring(0, semi)).trim());
            if (size < 0) {
                return null;
            }
            data += size;
            if (data > Integer.MAX_VALUE / 2) {
                return new long[] {-1, data};
            }
            long next = eol + 2L + size + 2;
            if (size == 0) {
                // last chunk: then an empty line (no trailers)
                if (limit < eol + 4) {
                    return new long[] {-1, data};
                }
                return b[eol + 2] == '\r' && b[eol + 3] == '\n' ? new long[] {eol + 4, data} : null;
            }
            if (next > limit) {
                return new long[] {-1, data};
            }
            if (b[(int) next - 2] != '\r' || b[(int) next - 1] != '\n') {
                return null;
            }
            p = (int) next;
        }
    }

    /** The data of a complete, well-formed chunked body of {@code length} data bytes. */
    private static byte[] unchunk(byte[] b, int from, int length) {
        byte[] out = new byte[length];
        int o = 0;
        int p = from;
        while (o < length) {
            int eol = p;
            while (b[eol] != '\r') {
                eol++;
            }
            String sizeText = new String(b, p, eol - p, StandardCharsets.ISO_8859_1);
            int semi = sizeText.indexOf(';');
            int size = (int) hex((semi < 0 ? sizeText : sizeText.substring(0, semi)).trim());
            System.arraycopy(b, eol + 2, out, o, size);
            o += size;
            p = eol + 2 + size + 2;
        }
        return out;
    }

    private static long hex(String s) {
        if (s.isEmpty() || s.length() > 8) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    private static long digits(String s) {
        if (s.isEmpty() || s.length() > 12) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }

    /** An HTTP token (method, header name): visible ASCII but separators. */
    private static boolean token(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch <= ' ' || ch >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(ch) >= 0) {
                return false;
            }
        }
        return true;
    }
}
