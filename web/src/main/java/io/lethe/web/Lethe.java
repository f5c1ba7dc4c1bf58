package io.lethe.web;

import io.lethe.debugger.Debugger;
import io.lethe.debugger.DebuggerRoutes;
import io.lethe.debugger.DebuggerSettings;
import io.lethe.debugger.trace.TraceRetention;
import io.lethe.debugger.window.RevealGrants;
import io.lethe.designer.DesignerApi;
import io.lethe.engine.Engine;
import io.lethe.engine.backup.BackupArchivesTarget;
import io.lethe.engine.backup.BackupRangeTarget;
import io.lethe.engine.backup.BackupSettings;
import io.lethe.engine.backup.Backups;
import io.lethe.engine.backup.RestoreMark;
import io.lethe.engine.job.Housekeeping;
import io.lethe.engine.log.HourlySegmentAppender;
import io.lethe.engine.log.LogPurgeTarget;
import io.lethe.engine.log.LogPurger;
import io.lethe.engine.log.LogRetention;
import io.lethe.engine.log.SegmentLock;
import io.lethe.engine.retention.PurgeTarget;
import io.lethe.engine.script.ScriptSettings;
import io.lethe.engine.sequence.Sequence;
import io.lethe.engine.store.Database;
import io.lethe.engine.store.DatabaseUnavailableException;
import io.lethe.http.ApiHeaders;
import io.lethe.http.ApiRouter;
import io.lethe.http.Blocking;
import io.lethe.http.CorrelationId;
import io.lethe.http.OpenApi;
import io.lethe.http.Problems;
import io.lethe.http.auth.CurrentUser;
import io.lethe.purge.api.RetentionApi;
import io.lethe.web.auth.AuthRoutes;
import io.lethe.web.auth.BootstrapAdmin;
import io.lethe.web.auth.LoginThrottle;
import io.lethe.web.auth.MongoUserStore;
import io.lethe.web.auth.PasswordHasher;
import io.lethe.web.auth.TokenService;
import io.lethe.web.auth.UserRoutes;
import io.lethe.web.auth.UserStore;
import io.lethe.web.hooks.HookRoute;
import io.lethe.web.ui.UiRoute;
import io.lethe.web.http.HealthRoute;
import io.lethe.web.http.LatencyBuckets;
import io.lethe.web.http.ServerMetrics;
import io.lethe.web.http.HttpVerticle;
import io.lethe.web.http.Version;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsCommandListener;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.JWTAuthHandler;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of Lethe with explicit constructor calls, starts the
 * HTTP server, and stops everything in reverse order. The only place that knows all modules.
 */
public final class Lethe implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Lethe.class);
    static final int MAX_BODY_BYTES = 1024 * 1024;
    /**
     * HTTP server instances (event loops): half the cores. The loops only parse HTTP and hand the
     * work over (sequence runs and API calls run elsewhere); measured on 2 cores, one loop serves the
     * enrich benchmark 8 % faster than two, as fewer threads contend for the cores.
     */
    static final int EVENT_LOOPS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    private final Database database;
    private final Engine engine;
    private final Purges purges;
    private final Debugger debugger;
    private final Backups backups;
    private final Vertx vertx;
    private final Blocking blocking;
    private final Blocking hookThreads;
    private final int port;
    private final boolean fileLogs;
    private final Optional<LogRetention> logRetention;
    private final Router router;

    private Lethe(Database database, Engine engine, Purges purges, Debugger debugger, Backups backups, Vertx vertx,
            Blocking blocking, Blocking hookThreads, int port, boolean fileLogs, Optional<LogRetention> logRetention, Router router) {
        this.logRetention = logRetention;
        this.hookThreads = hookThreads;
        this.backups = backups;
        this.debugger = debugger;
        this.purges = purges;
        this.router = router;
        this.database = database;
        this.engine = engine;
        this.vertx = vertx;
        this.blocking = blocking;
        this.port = port;
        this.fileLogs = fileLogs;
    }

    /**
     * Starts Lethe and returns once it serves HTTP.
     *
     * @throws StartupException              when the port cannot be bound
     * @throws DatabaseUnavailableException  when the database cannot be reached
     */
    public static Lethe start(LetheConfig config, PrintStream console) {
        Instant started = Instant.now();
        Optional<HourlySegmentAppender> segments = config.fileLogs() ? Optional.of(LogSetup.start(config.logsDir())) : Optional.empty();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new LatencyBuckets());
        Database database = Database.open(config.databaseOptions()
                .withCommandListeners(List.of(new MongoMetricsCommandListener(registry))));
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new ServerMetrics(new MicrometerMetricsFactory(registry), registry))
                .build();
        Blocking blocking = new Blocking();
        // Hook runs of CPU-only sequences execute on platform threads, one per core, where their
        // scripts run in place (no second hand-off, few pooled script contexts); the others on
        // virtual threads, as they wait on the database or the network. A fixed pool: an idle run thread
        // is woken only when work arrives at an empty queue, and then takes what came in meanwhile (a
        // transfer queue woke one per run, a sixth of the event loop's time: bench/NOTES.md).
        int cores = Runtime.getRuntime().availableProcessors();
        Blocking hookThreads = new Blocking(Executors.newFixedThreadPool(cores,
                Thread.ofPlatform().daemon().name("lethe-run-", 0).factory()));
        Engine engine = null;
        Purges purges = null;
        Debugger debugger = null;
        Backups backups = null;
        try {
            // Times stored (and so answered) to the millisecond, as the database keeps them: an answer gives the
            // same time as a later read. The engine keeps the precise clock for run timings (sub-millisecond).
            Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
            Optional<String> restoring = RestoreMark.unfinished(database);
            if (restoring.isPresent()) {
                throw new StartupException("a restore of backup " + restoring.get() + " did not finish, so purges made since that"
                        + " backup may not be replayed yet: with the server stopped, run `lethe backup restore " + restoring.get()
                        + "` again", null);
            }
            engine = new Engine(database, Clock.systemUTC(), ScriptSettings.defaults(), config.retention());
            ExecutionMetrics executionMetrics = new ExecutionMetrics(registry);
            engine.runner().addListener(executionMetrics);
            engine.sequences().onChange(all -> executionMetrics.forgetAllBut(all.stream().map(Sequence::name).collect(Collectors.toSet())));
            UserStore users = new MongoUserStore(database);
            PasswordHasher hasher = new PasswordHasher();
            // Before it listens, so that a sign-in right after the first answer finds the admin.
            Optional<BootstrapAdmin.Made> madeAdmin = BootstrapAdmin.ensure(users, hasher, config.adminPassword());
            TokenService tokens = new TokenService(vertx, engine.secrets().key("token-signing"));

            Router router = Router.router(vertx);
            router.route().handler(CorrelationId::assign);
            new HealthRoute(database, started).mount(router, blocking);
            router.get("/metrics").handler(ctx -> ctx.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape()));
            // Hooks first: the hot path should not be matched against every API route.
            HookRoute hooks = new HookRoute(engine, hookThreads, blocking, MAX_BODY_BYTES);
            hooks.mount(router);
            ApiRouter api = new ApiRouter(router);
            api.nameInLogs("/api/*"); // a refused request's path may hold personal data: logged by its route's pattern
            router.route("/api/*").handler(ApiHeaders::set);
            router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
            String version = Version.current();
            api.open(HttpMethod.GET, "/api/openapi.json", "Documentation", "This OpenAPI document")
                    .handler(ctx -> ctx.json(OpenApi.document(version, api.operations())));
            AuthRoutes auth = new AuthRoutes(users, hasher, tokens, new LoginThrottle(clock));
            auth.mountPublic(api, blocking);
            router.route("/api/*").handler(JWTAuthHandler.create(tokens.provider()));
            router.route("/api/*").handler(blocking.filter(ctx -> CurrentUser.set(ctx, auth.resolve(ctx))));
            auth.mount(api, blocking);
            debugger = new Debugger(engine, database, clock, DebuggerSettings.defaults());
            RevealGrants grants = debugger.grants();
            new UserRoutes(users, hasher, grants::revoke).mount(api, blocking);
            new DesignerApi(engine, clock).mount(api, blocking);
            engine.runner().addListener(debugger.recorder());
            new DebuggerRoutes(debugger, users::find).mount(api, blocking);
            Optional<LogPurger> logPurger = segments.map(a -> new LogPurger(a.segments(), SegmentLock.of(a)));
            List<PurgeTarget> targets = new ArrayList<>(engine.purgeTargets());
            targets.addAll(debugger.purgeTargets());
            logPurger.ifPresent(p -> targets.add(new LogPurgeTarget(p)));
            var policy = engine.retention();
            backups = new Backups(database, BackupSettings.under(config.dataDir()), () -> policy.current().backups(),
                    engine.jobRuns(), clock, version);
            targets.add(new BackupArchivesTarget(backups, engine.attributePurge()));
            targets.add(new BackupRangeTarget(backups));
            new BackupRoutes(backups).mount(api, blocking);
            purges = new Purges(engine, database, targets, config.purge(), config.dataDir(), clock);
            engine.housekeeping().deferCompactionWhile(purges.service()::busy); // a compaction closes a running purge's cursors
            engine.purgeRequests(purges.requests());
            purges.api(logPurger, name -> users.find(name).isPresent()).mount(api, blocking);
            new RetentionApi(engine.retention(), engine.models(), engine.jobRuns(),
                    List.of(Housekeeping.JOB, LogRetention.JOB, TraceRetention.JOB, Backups.JOB)).mount(api, blocking);
            new UiRoute().mount(router);
            router.route().failureHandler(Problems::handle);
            router.errorHandler(404, Problems::handle);
            router.errorHandler(405, Problems::handle);

            int port = config.port() == 0 ? freePort() : config.port();
            try {
                deploy(vertx, hooks.ahead(router), config.host(), port);
            } catch (RuntimeException e) {
                madeAdmin.filter(m -> m.generated().isPresent()).ifPresent(m -> users.delete(m.username())); // the next start shows another
                throw e;
            }
            madeAdmin.ifPresent(m -> BootstrapAdmin.announce(m, console)); // shown once it listens
            engine.start();
            debugger.start();
            purges.service().start();
            backups.start();
            var jobRuns = engine.jobRuns();
            Optional<LogRetention> logRetention = logPurger.map(p -> new LogRetention(p, jobRuns, clock, () -> policy.current().logs()));
            logRetention.ifPresent(LogRetention::start);
            Lethe lethe = new Lethe(database, engine, purges, debugger, backups, vertx, blocking, hookThreads, port,
                    config.fileLogs(), logRetention, router);
            log.atInfo().addKeyValue("port", port).addKeyValue("database", database.mode().label())
                    .log("Lethe started in {} ms", Duration.between(started, Instant.now()).toMillis());
            return lethe;
        } catch (RuntimeException e) {
            vertx.close();
            blocking.close();
            hookThreads.close();
            if (purges != null) {
                purges.close();
            }
            if (engine != null) {
                engine.close();
            }
            if (debugger != null) {
                debugger.close();
            }
            if (backups != null) {
                backups.close();
            }
            database.close();
            if (config.fileLogs()) {
                LogSetup.stop();
            }
            throw e;
        }
    }

    private static void deploy(Vertx vertx, Handler<HttpServerRequest> requests, String host, int port) {
        try {
            vertx.deployVerticle(() -> new HttpVerticle(requests, host, port),
                            new DeploymentOptions().setInstances(EVENT_LOOPS))
                    .toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw new StartupException("cannot listen on " + host + ":" + port + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while starting", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StartupException("cannot find a free port: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public Database database() {
        return database;
    }

    /** Method and path of every route with a method (the API surface), e.g. {@code GET /api/models/:name}. */
    public List<String> routes() {
        List<String> routes = new ArrayList<>();
        for (var route : router.getRoutes()) {
            if (route.getPath() != null && route.methods() != null) {
                route.methods().forEach(m -> routes.add(m.name() + " " + route.getPath()));
            }
        }
        return routes;
    }

    public Debugger debugger() {
        return debugger;
    }

    public Backups backups() {
        return backups;
    }

    public Purges purges() {
        return purges;
    }

    public Engine engine() {
        return engine;
    }

    /** Stops taking requests, finishes work in flight, then closes the database (no lost writes). */
    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.warn("error while stopping the HTTP server", e.getCause());
        }
        blocking.close();
        hookThreads.close();
        logRetention.ifPresent(LogRetention::close);
        backups.close();
        purges.close();
        engine.close();
        debugger.close();
        database.close();
        log.info("Lethe stopped");
        if (fileLogs) {
            LogSetup.stop();
        }
    }
}
