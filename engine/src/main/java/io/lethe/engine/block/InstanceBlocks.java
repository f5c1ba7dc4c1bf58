package io.lethe.engine.block;

import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.instance.Conditions;
import io.lethe.engine.instance.InstanceQuery;
import io.lethe.engine.instance.Instances;
import io.lethe.engine.sequence.Block;
import io.lethe.engine.sequence.BlockConfig;
import io.lethe.engine.sequence.BlockRun;
import io.lethe.engine.sequence.ConfigSchema;
import io.lethe.engine.sequence.ConfigSchema.Kind;
import io.lethe.engine.sequence.Outcome;
import io.lethe.engine.sequence.Template;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The blocks that create, update, query, deactivate and delete instances. */
public final class InstanceBlocks {

    private InstanceBlocks() {
    }

    /** All instance blocks over {@code instances}. */
    public static List<Block<?>> all(Instances instances) {
        return List.of(new Create(instances), new Update(instances), new Query(instances),
                new Deactivate(instances), new Delete(instances));
    }

    record Target(String model, Template id, Template values) {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw InvalidInputException.of("/" + what, "must resolve to an object");
    }

    static final class Create implements Block<Target> {
        private final Instances instances;

        Create(Instances instances) {
            this.instances = instances;
        }

        public String type() {
            return "create-instance";
        }

        public String description() {
            return "Create an instance of a model";
        }

        public ConfigSchema schema() {
            return ConfigSchema.builder()
                    .required("model", Kind.MODEL, "the model")
                    .required("values", Kind.MAP, "attribute values, e.g. {\"email\": \"{{input.email}}\"}")
                    .build();
        }

        public Target compile(BlockConfig c) {
            return new Target(c.text("model", null), null, c.template("values"));
        }

        public Outcome execute(Target t, BlockRun run) {
            return Outcome.next(instances.create(t.model(), map(run.input("values", t.values()), "values")).toPlain());
        }
    }

    static final class Update implements Block<Target> {
        private final Instances instances;

        Update(Instances instances) {
            this.instances = instances;
        }

        public String type() {
            return "update-instance";
        }

        public String description() {
            return "Set attributes of an instance";
        }

        public ConfigSchema schema() {
            return ConfigSchema.builder()
                    .required("model", Kind.MODEL, "the model")
                    .required("id", Kind.TEXT, "the instance id, e.g. {{steps.find.output[0].id}}")
                    .required("values", Kind.MAP, "attributes to set")
                    .build();
        }

        public Target compile(BlockConfig c) {
            return new Target(c.text("model", null), c.template("id"), c.template("values"));
        }

        public Outcome execute(Target t, BlockRun run) {
            String id = String.valueOf(run.input("id", t.id()));
            return Outcome.next(instances.update(t.model(), id, map(run.input("values", t.values()), "values")).toPlain());
        }
    }

    record QueryConfig(String model, Template where, String sortBy, boolean descending, int limit) {
    }

    static final class Query implements Block<QueryConfig> {
        private final Instances instances;

        Query(Instances instances) {
            this.instances = instances;
        }

        public String type() {
            return "query-instances";
        }

        public String description() {
            return "Find active instances of a model";
        }

        public ConfigSchema schema() {
            return ConfigSchema.builder()
                    .required("model", Kind.MODEL, "the model")
                    .optional("where", Kind.MAP, "{attr: value} or {attr: {op: value}}, op: eq, in, gt, gte, lt, lte, regex")
                    .optional("sortBy", Kind.TEXT, "attribute to sort by")
                    .optionalFixed("descending", Kind.BOOLEAN, "sort descending")
                    .optionalFixed("limit", Kind.NUMBER, "at most this many (default 100, max 1000)")
                    .build();
        }

        public QueryConfig compile(BlockConfig c) {
            return new QueryConfig(c.text("model", null), Template.allOrNothing(c.template("where")), c.text("sortBy", null),
                    c.flag("descending"), (int) c.number("limit", 100, 1, InstanceQuery.MAX_LIMIT));
        }

        public Outcome execute(QueryConfig q, BlockRun run) {
            Object where = run.input("where", q.where());
            Optional<String> missing = missing(q.where(), where);
            if (missing.isPresent()) {
                return Outcome.failed("nothing queried: " + missing.get());
            }
            var query = new InstanceQuery(q.model(), Conditions.parse(where), q.sortBy(), q.descending(), q.limit(), null, false);
            return Outcome.next(instances.query(query).items().stream().map(i -> (Object) i.toPlain()).toList());
        }

        /**
         * A filter value written as an expression that found nothing ({@code {"email": "{{input.email}}"}} called
         * without an address): "equals null" would match every instance without one, e.g. hand every customer
         * without an address to whoever called the hook. A null written in the design still finds those.
         */
        static Optional<String> missing(Template template, Object resolved) {
            if (template instanceof Template.Path whole && resolved == null) {
                return Optional.of("the filter ({{" + whole.source() + "}}) resolved to nothing, which would match every instance");
            }
            if (!(template instanceof Template.MapOf written) || !(resolved instanceof Map<?, ?> values)) {
                return Optional.empty();
            }
            for (var entry : written.entries().entrySet()) {
                Object value = values.get(entry.getKey());
                Optional<String> expression = entry.getValue() instanceof Template.MapOf operators && value instanceof Map<?, ?> ops
                        ? emptyExpression(operators, ops)
                        : emptyExpression(entry.getValue(), value);
                if (expression.isPresent()) {
                    return Optional.of("the filter's value for '" + entry.getKey() + "' ({{" + expression.get()
                            + "}}) resolved to nothing, which would match every instance without one (write null to find those)");
                }
            }
            return Optional.empty();
        }

        private static Optional<String> emptyExpression(Template.MapOf operators, Map<?, ?> values) {
            for (var operator : operators.entries().entrySet()) {
                Optional<String> expression = emptyExpression(operator.getValue(), values.get(operator.getKey()));
                if (expression.isPresent()) {
                    return expression;
                }
            }
            return Optional.empty();
        }

        private static Optional<String> emptyExpression(Template written, Object value) {
            return value != null ? Optional.empty() : switch (written) {
                case Template.Path path -> Optional.of(path.source());
                case Template.AllOrNothing text -> Optional.of(text.source());
                default -> Optional.empty();
            };
        }
    }

    /** A block acting on one instance named by model and id. */
    abstract static class ById implements Block<Target> {
        final Instances instances;

        ById(Instances instances) {
            this.instances = instances;
        }

        public ConfigSchema schema() {
            return ConfigSchema.builder()
                    .required("model", Kind.MODEL, "the model")
                    .required("id", Kind.TEXT, "the instance id")
                    .build();
        }

        public Target compile(BlockConfig c) {
            return new Target(c.text("model", null), c.template("id"), null);
        }

        public Outcome execute(Target t, BlockRun run) {
            return Outcome.next(act(t.model(), String.valueOf(run.input("id", t.id()))));
        }

        abstract Object act(String model, String id);
    }

    static final class Deactivate extends ById {
        Deactivate(Instances instances) {
            super(instances);
        }

        public String type() {
            return "deactivate-instance";
        }

        public String description() {
            return "Hide an instance (its data stays stored until deleted or collected)";
        }

        Object act(String model, String id) {
            return instances.deactivate(model, id).toPlain();
        }
    }

    static final class Delete extends ById {
        Delete(Instances instances) {
            super(instances);
        }

        public String type() {
            return "delete-instance";
        }

        public String description() {
            return "Delete an instance for good";
        }

        Object act(String model, String id) {
            instances.delete(model, id);
            return Map.of("id", id, "deleted", true);
        }
    }
}
