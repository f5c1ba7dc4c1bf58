package io.lethe.engine.block;

import io.lethe.engine.failure.ConflictException;
import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.failure.NotFoundException;
import io.lethe.engine.instance.Conditions;
import io.lethe.engine.model.Model;
import io.lethe.engine.retention.PurgeRequests;
import io.lethe.engine.retention.PurgeScope;
import io.lethe.engine.sequence.Block;
import io.lethe.engine.sequence.BlockConfig;
import io.lethe.engine.sequence.BlockRun;
import io.lethe.engine.sequence.ConfigSchema;
import io.lethe.engine.sequence.ConfigSchema.Kind;
import io.lethe.engine.sequence.Outcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Files a subject purge request for admins to approve, instead of purging at once as {@code purge-attributes}
 * does: the request is planned, approved by an admin (the sequence is its requester), run, verified and leaves
 * a receipt. By default the subject's personal values are forgotten everywhere too (when a purged attribute is
 * personal or sensitive). Output: the request id.
 */
public final class RequestPurgeBlock implements Block<RequestPurgeBlock.Config> {

    /** @param everywhere as configured; null: when a purged attribute is personal or sensitive */
    record Config(PurgeAttributesBlock.Config subject, Boolean everywhere) {
    }

    private final Supplier<PurgeRequests> requests;
    private final Function<String, Model> models;

    public RequestPurgeBlock(Supplier<PurgeRequests> requests, Function<String, Model> models) {
        this.requests = requests;
        this.models = models;
    }

    @Override
    public String type() {
        return "request-purge";
    }

    @Override
    public String description() {
        return "File a purge request for the matching instances; an admin approves and runs it";
    }

    @Override
    public ConfigSchema schema() {
        return PurgeAttributesBlock.subjectSchema()
                .optionalFixed("everywhere", Kind.BOOLEAN, "also forget their personal values wherever else they occur"
                        + " (default: when a purged attribute is personal or sensitive)")
                .build();
    }

    @Override
    public Config compile(BlockConfig c) {
        return new Config(PurgeAttributesBlock.subject(c), c.raw("everywhere") == null ? null : c.flag("everywhere"));
    }

    /** As configured, else whether a purged attribute is personal or sensitive (there are values to forget then). */
    private boolean everywhere(Config config) {
        if (config.everywhere() != null) {
            return config.everywhere();
        }
        Model model = models.apply(config.subject().model());
        return config.subject().strategies().keySet().stream()
                .anyMatch(a -> model.attribute(a).map(at -> at.sensitivity().isProtected()).orElse(false));
    }

    @Override
    public Outcome execute(Config config, BlockRun run) {
        Object where = run.input("where", config.subject().where());
        var unselective = PurgeAttributesBlock.unselective(Conditions.parse(where));
        if (unselective.isPresent()) {
            return Outcome.failed("no request filed: " + unselective.get());
        }
        Map<String, Object> filter = new LinkedHashMap<>();
        ((Map<?, ?>) where).forEach((k, v) -> filter.put(String.valueOf(k), v));
        try {
            var scope = new PurgeScope.Subject(config.subject().model(), null, filter, false, config.subject().strategies(),
                    everywhere(config), null);
            return Outcome.next(Map.of("requestId", requests.get().file(scope, "sequence " + run.sequenceName())));
        } catch (InvalidInputException | ConflictException | NotFoundException e) { // refused scope, too many waiting, model gone
            return Outcome.failed("no request filed: " + e.getMessage());
        }
    }
}
