package io.lethe.engine.model;

import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.failure.NotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Saving and finding models: every save is validated first; indexed attributes get their indexes. */
public final class Models {

    private final ModelStore store;
    private final Consumer<Model> indexer;

    public Models(ModelStore store, Consumer<Model> indexer) {
        this.store = store;
        this.indexer = indexer;
    }

    public Model save(Model model) {
        var errors = ModelValidator.validate(model, name -> store.find(name).isPresent());
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        store.save(model);
        indexer.accept(model);
        return model;
    }

    public Optional<Model> find(String name) {
        return store.find(name);
    }

    public Model get(String name) {
        return find(name).orElseThrow(() -> new NotFoundException("no model '" + name + "'"));
    }

    public List<Model> list() {
        return store.list();
    }

    public boolean exists(String name) {
        return store.find(name).isPresent();
    }

    public void delete(String name) {
        if (!store.delete(name)) {
            throw new NotFoundException("no model '" + name + "'");
        }
    }

    public ModelStore store() {
        return store;
    }
}
