package io.lethe.engine.model;

import io.lethe.engine.failure.InvalidInputException;
import io.lethe.engine.failure.NotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Saving and finding models: every save is validated first; indexed attributes get their indexes. */
public final class Models {

    private final ModelStore store;
    private final Consumer<Model> indexer;

    public Models(ModelStore store, Consumer<Model> indexer) {
        this.store = store;
        this.indexer = indexer;
    }

    public Model save(Model model) {
        validate(model, name -> false);
        store.save(model);
        indexer.accept(model);
        return model;
    }

    /** Checks a model as {@link #save} would; {@code alsoExists} names models about to be created (an import). */
    public void validate(Model model, Predicate<String> alsoExists) {
        var errors = ModelValidator.validate(model, name -> alsoExists.test(name) || store.find(name).isPresent());
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
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
