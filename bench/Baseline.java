import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Value;

/**
 * The enrich flow written by hand, with nothing of a platform around it: one Vert.x event loop per
 * two cores, each with its own GraalJS context running the enrich sequence's script on the loop; or,
 * given a thread count, one event loop handing each script run to a pool of that many platform
 * threads with a context each (Lethe's arrangement). It tells what this machine can do at all.
 * Usage: {@code Baseline PORT SEQUENCE-JSON [POOL-THREADS]}.
 */
public class Baseline {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String source = new ObjectMapper().readTree(Path.of(args[1]).toFile())
                .at("/blocks/0/config/source").asText();
        int poolThreads = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        int loops = poolThreads > 0 ? 1 : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        Engine engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
        ThreadLocal<Value> scripts = ThreadLocal.withInitial(() -> script(engine, source));
        ExecutorService pool = poolThreads > 0 ? Executors.newFixedThreadPool(poolThreads) : null;
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        for (int i = 0; i < loops; i++) {
            vertx.deployVerticle(new VerticleBase() {
                @Override
                public Future<?> start() {
                    return vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
                        if (pool == null) {
                            request.response().putHeader("Content-Type", "application/json")
                                    .end(scripts.get().execute(body.toString()).asString());
                            return;
                        }
                        var loop = vertx.getOrCreateContext();
                        pool.execute(() -> {
                            String out = scripts.get().execute(body.toString()).asString();
                            loop.runOnContext(v -> request.response().putHeader("Content-Type", "application/json").end(out));
                        });
                    })).listen(port);
                }
            }).await();
        }
        System.out.println("baseline listening on " + port);
    }

    /** The user's script in a fresh context, as a function from the body text to the answer text. */
    private static Value script(Engine engine, String source) {
        Context js = Context.newBuilder("js").engine(engine).build();
        Value user = js.eval("js", "(function (source) { return Function('input', source); })").execute(source);
        return js.eval("js", "(function (user) { return (body) => JSON.stringify(user({ body: JSON.parse(body) })); })")
                .execute(user);
    }
}
