package io.lethe.engine.instance;

import java.util.List;

/** A page of results; {@code nextCursor} is null on the last page. */
public record Page(List<Instance> items, String nextCursor) {
}
