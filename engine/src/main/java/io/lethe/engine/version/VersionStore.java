package io.lethe.engine.version;

import java.util.List;
import java.util.Optional;

/** The append-only history of models, sequences and connector accounts. */
public interface VersionStore {

    /**
     * Appends a version. Fails with {@link io.lethe.engine.failure.ConflictException} when that
     * number exists already (a concurrent save won): the caller's save is then stale.
     */
    void append(Version version);

    /** The newest version number, 0 when there is none. */
    int latest(String kind, String name);

    Optional<Version> find(String kind, String name, int number);

    /** Newest first. */
    List<Version> list(String kind, String name);

    /** Removes every version of an artefact (when it is deleted for good). */
    long deleteAll(String kind, String name);
}
