package io.lethe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that connects while Lethe is still starting (a readiness probe, a load balancer) gets an
 * answer. Vert.x creates an HTTP server's metrics only after binding its port; before
 * {@code ServerMetrics}, a request on a connection accepted in between was never answered
 * (about every other start, in this test's arrangement).
 */
class StartupRaceTest {

    static final int STARTS = 3;

    @TempDir
    Path dir;

    @Test
    void everyConnectionAcceptedDuringStartupShouldBeAnswered() throws Exception {
        int unanswered = 0;
        int answered = 0;
        for (int i = 0; i < STARTS; i++) {
            int port = freePort();
            List<Socket> sockets = new ArrayList<>();
            AtomicBoolean starting = new AtomicBoolean(true);
            Thread probe = Thread.ofPlatform().start(() -> {
                while (starting.get()) { // connect as fast as possible until Lethe has started
                    try {
                        Socket socket = new Socket();
                        socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
                        socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                        synchronized (sockets) {
                            sockets.add(socket);
                        }
                    } catch (IOException notListeningYet) {
                        LockSupport.parkNanos(100_000); // not listening yet: retry soon, leave Lethe the cores
                    }
                }
            });
            LetheConfig config = LetheConfig.of("127.0.0.1", port, dir.resolve("data" + i), Optional.empty(),
                    Optional.of("startup-race-password"), false);
            try (Lethe lethe = Lethe.start(config, new PrintStream(PrintStream.nullOutputStream()))) {
                starting.set(false);
                probe.join();
                synchronized (sockets) {
                    for (Socket socket : sockets) {
                        if (answered(socket)) {
                            answered++;
                        } else {
                            unanswered++;
                        }
                    }
                }
            }
        }
        assertThat(answered).as("connections accepted while starting").isPositive();
        assertThat(unanswered).as("connections never answered").isZero();
    }

    private static boolean answered(Socket socket) throws IOException {
        try (socket) {
            socket.setSoTimeout(5_000);
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(8);
            return new String(head, StandardCharsets.US_ASCII).equals("HTTP/1.1");
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
