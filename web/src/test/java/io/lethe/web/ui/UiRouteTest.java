package io.lethe.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lethe.web.testkit.TestServer;
import io.lethe.web.testkit.TestServer.Response;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiRouteTest {

    @TempDir
    static Path data;
    static TestServer server;

    @BeforeAll
    static void start() {
        assumeTrue(UiRouteTest.class.getClassLoader().getResource("webroot/index.html") != null,
                "the web UI was not built (-Dlethe.ui.skip): nothing to serve");
        server = TestServer.start(data);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldServeTheAppAtTheRoot() {
        Response r = server.get("/", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/html");
        assertThat(r.body()).contains("<div id=\"root\">");
        assertThat(r.header("Content-Security-Policy")).contains("script-src 'self'").contains("frame-ancestors 'none'");
        assertThat(r.header("Cache-Control")).as("after an upgrade the next visit must get the new asset names").isEqualTo("no-cache");
        Response byName = server.get("/index.html", null);
        assertThat(byName.status()).isEqualTo(200);
        assertThat(byName.body()).isEqualTo(r.body());
        assertThat(byName.header("Cache-Control")).isEqualTo("no-cache");
    }

    @Test
    void shouldAnswerTheAppForAPagePathSoAReloadWorks() {
        Response r = server.get("/sequences/signup", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("<div id=\"root\">");
        assertThat(r.header("Cache-Control")).isEqualTo("no-cache");
    }

    @Test
    void shouldAnswerAHeadOfAPageOrAnAssetLikeItsGetWithoutTheBody() { // link checkers and uptime probes ask HEAD
        String script = server.get("/", null).body().replaceAll("(?s).*src=\"(/assets/[^\"]+\\.js)\".*", "$1");

        for (String path : new String[] {"/", "/models/customer", script}) {
            Response get = server.get(path, null);
            Response head = server.send("HEAD", path, null, null);
            assertThat(head.status()).as(path).isEqualTo(200);
            assertThat(head.header("Cache-Control")).as(path).isEqualTo(get.header("Cache-Control"));
            assertThat(head.header("Content-Type")).as(path).isNotNull().isEqualTo(get.header("Content-Type"));
            assertThat(head.body()).as(path).isEmpty();
        }
        assertThat(server.send("HEAD", "/assets/gone.js", null, null).status()).isEqualTo(404);
    }

    @Test
    void shouldServeTheBuiltAssets() {
        String index = server.get("/", null).body();
        String script = index.replaceAll("(?s).*src=\"(/assets/[^\"]+\\.js)\".*", "$1");

        Response r = server.get(script, null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).contains("javascript");
        assertThat(r.header("Cache-Control")).as("hashed names never change content").contains("max-age");
    }

    @Test
    void shouldAnswer404ForAMissingFileNotTheApp() {
        Response r = server.get("/assets/gone.js", null);

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void shouldLeaveApiAndHookPathsToTheServer() {
        assertThat(server.get("/api/models", null).status()).isEqualTo(401);
        assertThat(server.get("/api/no-such-route", server.adminToken()).contentType()).startsWith("application/problem+json");
        assertThat(server.get("/hooks/nothing-here", null).body()).doesNotContain("<div id=\"root\">");
        assertThat(server.get("/health", null).body()).contains("\"status\"");
    }
}
