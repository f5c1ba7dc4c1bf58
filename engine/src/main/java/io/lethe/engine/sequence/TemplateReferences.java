package io.lethe.engine.sequence;

import io.lethe.engine.failure.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks, when a sequence is saved, that every {@code {{...}}} in its blocks' configs names what a run has: its
 * {@code input}, {@code steps.<a block of this sequence>}, a loop's {@code item} and {@code index}, the
 * {@code execution}. A typo ({@code {{inptu.email}}}, a block renamed since) would otherwise be saved and give null
 * at every run.
 */
final class TemplateReferences {

    static final Set<String> ROOTS = Set.of("input", "steps", "item", "index", "execution");

    private TemplateReferences() {
    }

    static void check(Map<String, Object> config, ConfigSchema schema, Set<String> ids, String at, List<FieldError> errors) {
        for (ConfigSchema.Field field : schema.fields()) {
            Object value = config.get(field.name());
            if (value == null || field.kind() == ConfigSchema.Kind.CODE || field.kind() == ConfigSchema.Kind.EXPRESSION) {
                continue;
            }
            paths(Template.compile(value, "", new ArrayList<>())).forEach(path -> {
                String problem = problem(path, ids);
                if (problem != null) {
                    errors.add(new FieldError(at + "/" + field.name(), problem));
                }
            });
        }
    }

    private static String problem(Template.Path path, Set<String> ids) {
        if (!ROOTS.contains(path.root())) {
            return "'{{" + path.source() + "}}' names nothing a run has: an expression starts with "
                    + String.join(", ", ROOTS.stream().sorted().toList());
        }
        if (path.root().equals("steps") && path.steps().size() > 1 && !ids.contains(String.valueOf(path.steps().get(1)))) {
            return "'{{" + path.source() + "}}': this sequence has no block '" + path.steps().get(1) + "'";
        }
        return null;
    }

    private static Stream<Template.Path> paths(Template template) {
        return switch (template) {
            case Template.Path path -> Stream.of(path);
            case Template.Interpolated text -> text.parts().stream().flatMap(TemplateReferences::paths);
            case Template.MapOf map -> map.entries().values().stream().flatMap(TemplateReferences::paths);
            case Template.ListOf list -> list.items().stream().flatMap(TemplateReferences::paths);
            case Template.Encoded encoded -> paths(encoded.value());
            case Template.AllOrNothing text -> paths(text.text());
            case Template.Constant constant -> Stream.empty();
        };
    }
}
