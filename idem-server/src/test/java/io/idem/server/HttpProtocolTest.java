package io.idem.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's HTTP/1.1 handling, over raw sockets against a real server: what a client library
 * does for you (or gets wrong) is written out here byte by byte. Every malformed request gets a
 * 4xx answer (501 for a transfer coding other than chunked), never a 500, and never a hang.
 */
class HttpProtocolTest {
    private static TestServer s;

    @BeforeAll
    static void start() {
        s = new TestServer(Backend.SQLITE);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    /** One answer read off a socket: status, headers (lower-case names), body. */
    record Answer(int status, String head, String body) {
        String header(String name) {
            Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":\\s*(.*?)\\r?$").matcher(head);
            return m.find() ? m.group(1) : null;
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", s.server.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads one answer framed by its Content-Length. */
    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head.size() + " bytes: " + head);
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(h.substring(9, 12));
        Matcher m = Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(h);
        int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
        byte[] body = in.readNBytes(length);
        return new Answer(status, h, new String(body, StandardCharsets.UTF_8));
    }

    private static String identify(String body, String extraHeaders) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return "POST /v1/identify HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + s.writeKey
                + "\r\nContent-Type: application/json\r\nContent-Length: " + b.length + "\r\n" + extraHeaders + "\r\n" + body;
    }

    @Test
    void keepAliveAndPipelinedRequestsAreAnsweredInOrder() throws IOException {
        try (Socket socket = connect()) {
            // three requests in one write: the second and third wait for the first to be answered
            write(socket, identify("{\"userId\":\"u-pipe-1\",\"messageId\":\"pipe-1\"}", "")
                    + identify("{\"userId\":\"u-pipe-2\",\"messageId\":\"pipe-2\"}", "")
                    + "GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
            InputStream in = socket.getInputStream();
            Answer a = read(in);
            Answer b = read(in);
            Answer c = read(in);
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.body()).contains("\"record_id\":\"pipe-1\"");
            assertThat(b.body()).contains("\"record_id\":\"pipe-2\"");
            assertThat(c.status()).isEqualTo(200);
            assertThat(c.body()).contains("\"status\":\"ok\"");
            // and the connection is still usable
            write(socket, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(read(in).status()).isEqualTo(200);
        }
    }

    @Test
    void aRequestSplitIntoTinyWritesIsReassembled() throws IOException, InterruptedException {
        try (Socket socket = connect()) {
            String request = identify("{\"userId\":\"u-split-1\",\"messageId\":\"split-1\","
                    + "\"traits\":{\"firstName\":\"Ana\"}}", "");
            for (int i = 0; i < request.length(); i += 7) {
                write(socket, request.substring(i, Math.min(request.length(), i + 7)));
                Thread.sleep(1);
            }
            Answer a = read(socket.getInputStream());
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            assertThat(a.body()).contains("split-1");
        }
    }

    @Test
    void chunkedBodiesAreDecoded() throws IOException {
        try (Socket socket = connect()) {
            String body = "{\"userId\":\"u-chunked-1\",\"messageId\":\"chunked-1\",\"traits\":{\"firstName\":\"Bea\"}}";
            String chunked = Integer.toHexString(10) + "\r\n" + body.substring(0, 10) + "\r\n"
                    + Integer.toHexString(body.length() - 10) + ";ext=1\r\n" + body.substring(10) + "\r\n0\r\n\r\n";
            write(socket, "POST /v1/identify HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + s.writeKey
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked);
            Answer a = read(socket.getInputStream());
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            assertThat(a.body()).contains("chunked-1");
        }
    }

    @Test
    void expectContinueGetsAnInterimAnswerBeforeTheBody() throws IOException {
        try (Socket socket = connect()) {
            String body = "{\"userId\":\"u-continue-1\",\"messageId\":\"continue-1\"}";
            write(socket, "POST /v1/identify HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + s.writeKey
                    + "\r\nContent-Length: " + body.length() + "\r\nExpect: 100-continue\r\n\r\n");
            InputStream in = socket.getInputStream();
            Answer interim = read(in);
            assertThat(interim.status()).isEqualTo(100);
            write(socket, body);
            Answer a = read(in);
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.body()).contains("continue-1");
        }
    }

    @Test
    void http10AndConnectionCloseCloseAfterTheAnswer() throws IOException {
        for (String request : List.of("GET /health HTTP/1.0\r\n\r\n",
                "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")) {
            try (Socket socket = connect()) {
                write(socket, request);
                InputStream in = socket.getInputStream();
                Answer a = read(in);
                assertThat(a.status()).isEqualTo(200);
                assertThat(a.header("Connection")).isEqualToIgnoringCase("close");
                assertThat(in.read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void malformedRequestsGetA4xxAndTheConnectionIsClosed() throws IOException {
        List<String> bad = List.of(
                "GARBAGE\r\n\r\n",
                "GET /health\r\n\r\n",
                "GET health HTTP/1.1\r\n\r\n",
                "GET /health HTTP/2.0\r\n\r\n",
                "G(T /health HTTP/1.1\r\n\r\n",
                "GET /health HTTP/1.1\r\nNo colon here\r\n\r\n",
                "POST /v1/identify HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
                "POST /v1/identify HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
                "POST /v1/identify HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
                "POST /v1/identify HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n",
                "POST /v1/identify HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
                "GET /v1/profiles/%zz HTTP/1.1\r\nAuthorization: Bearer " + "x" + "\r\n\r\n");
        List<Integer> statuses = new ArrayList<>();
        for (String request : bad) {
            try (Socket socket = connect()) {
                write(socket, request);
                Answer a = read(socket.getInputStream());
                statuses.add(a.status());
                // 4xx, or 501 for a transfer coding the server does not implement; never a 500
                assertThat(a.status() < 500 || a.status() == 501).as(request + " -> " + a.status()).isTrue();
                assertThat(a.status()).as(request).isGreaterThanOrEqualTo(400);
                assertThat(a.body()).as(request).contains("\"error\"");
            }
        }
        // the last one is well framed: a bad path escape is the API's 400 or an auth 401 first
        assertThat(statuses.subList(0, 8)).containsOnly(400);
        assertThat(statuses.get(8)).isEqualTo(501);
    }

    @Test
    void headersPastTheLimitAre431AndBodiesPastTheLimit413() throws IOException {
        try (Socket socket = connect()) {
            write(socket, "GET /health HTTP/1.1\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
            assertThat(read(socket.getInputStream()).status()).isEqualTo(431);
        }
        try (Socket socket = connect()) {
            write(socket, "POST /v1/identify HTTP/1.1\r\nAuthorization: Bearer " + s.writeKey
                    + "\r\nContent-Length: 2000000\r\n\r\n{\"userId\":");
            Answer a = read(socket.getInputStream());
            assertThat(a.status()).isEqualTo(413);
            assertThat(a.body()).contains("too_large");
        }
    }

    @Test
    void unknownPathsAre404AndKnownPathsWithAnotherMethod405() throws IOException {
        try (Socket socket = connect()) {
            write(socket, "GET /nope HTTP/1.1\r\n\r\nPUT /health HTTP/1.1\r\nContent-Length: 0\r\n\r\n"
                    + "GET //health/ HTTP/1.1\r\n\r\n");
            InputStream in = socket.getInputStream();
            assertThat(read(in).status()).isEqualTo(404);
            assertThat(read(in).status()).isEqualTo(405);
            assertThat(read(in).status()).isEqualTo(200); // repeated and trailing slashes count as one
        }
    }
}
