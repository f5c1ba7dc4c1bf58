package io.lethe.web;

import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import com.mongodb.MongoException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Renders a logged exception as its class names and stack frames, without the messages: a message is text
 * Lethe does not control (a database's duplicate-key error quotes the key's value, a parser quotes the input it
 * refused) and would carry personal data into the console and the log segments, past the redaction rules.
 * A MongoDB error keeps its numeric code. Used for the console ({@code %exNoMessage} in logback.xml) and for
 * the {@code stack_trace} of the JSON segments ({@link LogSetup}).
 */
public final class MessageFreeThrowableConverter extends ThrowableHandlingConverter {

    static final String WITHHELD = "(message withheld: it may hold personal data)";

    @Override
    public String convert(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        append(out, thrown, "", "", Collections.newSetFromMap(new IdentityHashMap<>()));
        return out.toString();
    }

    private static void append(StringBuilder out, IThrowableProxy thrown, String prefix, String indent, Set<IThrowableProxy> seen) {
        if (!seen.add(thrown)) {
            out.append(indent).append(prefix).append("[circular reference: ").append(thrown.getClassName()).append("]\n");
            return;
        }
        out.append(indent).append(prefix).append(thrown.getClassName()).append(' ').append(code(thrown)).append(WITHHELD).append('\n');
        StackTraceElementProxy[] frames = thrown.getStackTraceElementProxyArray();
        int shown = frames.length - thrown.getCommonFrames();
        for (int i = 0; i < shown; i++) {
            out.append(indent).append("\tat ").append(frames[i].getStackTraceElement()).append('\n');
        }
        if (thrown.getCommonFrames() > 0) {
            out.append(indent).append("\t... ").append(thrown.getCommonFrames()).append(" common frames omitted\n");
        }
        for (IThrowableProxy suppressed : thrown.getSuppressed()) {
            append(out, suppressed, "Suppressed: ", indent + "\t", seen);
        }
        if (thrown.getCause() != null) {
            append(out, thrown.getCause(), "Caused by: ", indent, seen);
        }
    }

    private static String code(IThrowableProxy thrown) {
        return thrown instanceof ThrowableProxy proxy && proxy.getThrowable() instanceof MongoException mongo
                ? "(code " + mongo.getCode() + ") "
                : "";
    }
}
