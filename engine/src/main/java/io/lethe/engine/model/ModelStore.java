package io.lethe.engine.model;

import java.util.List;
import java.util.Optional;

/** The current definition of every model. (Its history lives in the version store.) */
public interface ModelStore {

    Optional<Model> find(String name);

    List<Model> list();

    /** Creates or replaces the model of that name. */
    void save(Model model);

    boolean delete(String name);
}
