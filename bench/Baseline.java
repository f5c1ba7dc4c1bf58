import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Value;

/**
 * The enrich flow written by hand, with nothing of a platform around it: one Vert.x event loop per
 * two cores, each with its own GraalJS context running the enrich sequence's script on the loop.
 * It tells what this machine can do at all. Usage: {@code Baseline PORT SEQUENCE-JSON}.
 */
public class Baseline {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String source = new ObjectMapper().readTree(Path.of(args[1]).toFile())
                .at("/blocks/0/config/source").asText();
        int loops = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        Engine engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        for (int i = 0; i < loops; i++) {
            vertx.deployVerticle(new VerticleBase() {
                @Override
                public Future<?> start() {
                    Context js = Context.newBuilder("js").engine(engine).build();
                    Value user = js.eval("js", "(function (source) { return Function('input', source); })").execute(source);
                    Value run = js.eval("js", "(function (user) { return (body) => JSON.stringify(user({ body: JSON.parse(body) })); })")
                            .execute(user);
                    return vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body ->
                            request.response().putHeader("Content-Type", "application/json")
                                    .end(run.execute(body.toString()).asString()))).listen(port);
                }
            }).await();
        }
        System.out.println("baseline listening on " + port);
    }
}
