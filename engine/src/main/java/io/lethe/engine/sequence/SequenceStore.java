package io.lethe.engine.sequence;

import java.util.List;
import java.util.Optional;

/** The current definition of every sequence. (Its history lives in the version store.) */
public interface SequenceStore {

    Optional<Sequence> find(String name);

    List<Sequence> list();

    /** Saves and returns the sequence with its version: as given when positive, else previous + 1. */
    Sequence save(Sequence sequence);

    boolean delete(String name);
}
