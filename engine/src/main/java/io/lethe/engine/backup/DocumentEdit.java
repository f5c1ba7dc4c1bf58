package io.lethe.engine.backup;

import org.bson.Document;

/**
 * A change to archived documents, applied by {@link Backups#rewrite}: return the document itself to
 * keep it unchanged, a new document to replace it, or {@code null} to remove it.
 */
@FunctionalInterface
public interface DocumentEdit {

    Document apply(String collection, Document document);
}
