package io.lethe.engine.retention;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.lethe.engine.json.Json;
import io.lethe.engine.script.JsBuiltins;
import io.lethe.engine.sequence.Block;
import io.lethe.engine.sequence.ConfigSchema;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The words that are language, not data: Lethe's own (the fields of what it stores, block and trigger types, their
 * settings and choices, outcomes, enum labels: {@code type}, {@code name}, {@code script}, {@code POST}) and
 * JavaScript's ({@link JsBuiltins}: {@code Math}, {@code max}, {@code keys}). A value purge leaves such a word, spelled
 * exactly, wherever it is a name (a key, a whole name, an identifier in code: see {@link ValueRedactor}): renaming the
 * key {@code type} of every stored block because a person is called "Type" would make every design unreadable, and
 * renaming {@code max} in a model but not in {@code Math.max} would break the scripts that read it.
 *
 * <p>The engine teaches it its stored types and blocks when it starts ({@link #learnTypes}, {@link #learnBlocks}); a
 * module storing other documents teaches it theirs.
 */
public final class Vocabulary {

    private static final Set<String> WORDS = ConcurrentHashMap.newKeySet();
    private static final Set<String> CODE_FIELDS = ConcurrentHashMap.newKeySet(); // "<block type>/<config field>"
    private static final Set<Type> SEEN = ConcurrentHashMap.newKeySet();

    private Vocabulary() {
    }

    /** Whether {@code word}, exactly as spelled, is Lethe's or JavaScript's. */
    public static boolean isLanguage(String word) {
        return WORDS.contains(word) || JsBuiltins.globals().contains(word) || JsBuiltins.members().contains(word);
    }

    /** Whether a block's config field holds JavaScript (a script's source, a condition's expression). */
    static boolean isCode(Object blockType, String field) {
        return CODE_FIELDS.contains(blockType + "/" + field);
    }

    /**
     * Learns the field names of stored types (records, their components' types, the subtypes of sealed types) and the
     * labels of their enums and subtypes, as they are written.
     */
    public static void learnTypes(Type... roots) {
        for (Type root : roots) {
            learnType(root);
        }
    }

    /** Learns words a store writes its documents with (keys it builds by hand). */
    public static void learnWords(Collection<String> words) {
        WORDS.addAll(words);
    }

    /** Learns the blocks' types, config fields, choices and outcomes, and which fields hold JavaScript. */
    public static void learnBlocks(Collection<Block<?>> blocks) {
        for (Block<?> block : blocks) {
            WORDS.add(block.type());
            WORDS.addAll(block.outcomes());
            for (ConfigSchema.Field field : block.schema().fields()) {
                WORDS.add(field.name());
                WORDS.addAll(field.choices());
                if (field.kind() == ConfigSchema.Kind.CODE || field.kind() == ConfigSchema.Kind.EXPRESSION) {
                    CODE_FIELDS.add(block.type() + "/" + field.name());
                }
            }
        }
    }

    private static void learnType(Type type) {
        if (!SEEN.add(type)) {
            return;
        }
        if (type instanceof ParameterizedType p) {
            learnTypes(p.getActualTypeArguments());
            return;
        }
        if (!(type instanceof Class<?> c) || c.getName().startsWith("java.")) {
            return;
        }
        if (c.isEnum()) {
            for (Object constant : c.getEnumConstants()) {
                WORDS.add(((Enum<?>) constant).name());
                WORDS.add(Json.write(constant).replace("\"", ""));
            }
        }
        if (c.getAnnotation(JsonTypeInfo.class) instanceof JsonTypeInfo info) {
            WORDS.add(info.property());
        }
        if (c.getAnnotation(JsonSubTypes.class) instanceof JsonSubTypes subtypes) {
            for (JsonSubTypes.Type subtype : subtypes.value()) {
                WORDS.add(subtype.name());
                learnType(subtype.value());
            }
        }
        if (c.isSealed()) {
            learnTypes(c.getPermittedSubclasses());
        }
        if (c.isRecord()) {
            for (RecordComponent component : c.getRecordComponents()) {
                WORDS.add(component.getName());
                learnType(component.getGenericType());
            }
        }
    }
}
