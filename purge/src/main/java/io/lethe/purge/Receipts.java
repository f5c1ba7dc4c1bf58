package io.lethe.purge;

import io.lethe.engine.json.Json;
import io.lethe.engine.retention.PurgeScope;
import io.lethe.engine.transfer.ExportEntry;
import io.lethe.engine.transfer.ExportRegister;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The proof a purge leaves: who asked, who approved, when, what (described without values, plus a
 * keyed hash of the scope so the same value can later be shown to have been purged), per-target
 * counts, bytes reclaimed, and the exports made before the purge that may still hold copies.
 */
final class Receipts {

    private Receipts() {
    }

    static Map<String, Object> of(PurgeRequest r, ExportRegister exports, Function<Object, String> hmac) {
        Map<String, Object> receipt = new LinkedHashMap<>();
        receipt.put("requestId", r.id());
        receipt.put("status", r.status().label());
        receipt.put("requestedBy", r.requestedBy());
        receipt.put("approvedBy", r.approvedBy());
        receipt.put("createdAt", String.valueOf(r.createdAt()));
        receipt.put("approvedAt", String.valueOf(r.approvedAt()));
        receipt.put("startedAt", String.valueOf(r.startedAt()));
        receipt.put("finishedAt", String.valueOf(r.finishedAt()));
        receipt.put("scope", r.description());
        receipt.put("scopeHash", hmac.apply(Json.canonical(r.scope()))); // the scope is already hashed
        receipt.put("targets", r.targets().stream().filter(TargetResult::applicable).map(t -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", t.target());
            m.put("status", t.status());
            m.put("planned", t.planned());
            m.put("changed", t.changed());
            m.put("removed", t.removed());
            m.put("remaining", t.remaining());
            if (t.error() != null) {
                m.put("error", t.error());
            }
            return m;
        }).toList());
        receipt.put("bytesReclaimed", r.bytesReclaimed());
        receipt.put("exportsThatMayHoldCopies", copies(r, exports));
        Map<String, Object> replay = replay(r.scope());
        if (replay != null) {
            receipt.put("replay", replay);
        }
        return receipt;
    }

    /**
     * What a restore needs to execute this purge again, holding no personal data: a subject's model,
     * strategies and resolved instance ids (ids are not personal; the filter values are dropped) and the keyed
     * hashes of the values it forgot everywhere, a value's keyed hash (the scope is already forgotten), the
     * ids of the versions a version purge removed,
     * the parameters of trace and execution purges. Log and backup purges have nothing to replay: logs and
     * archives are not inside backups.
     */
    static Map<String, Object> replay(PurgeScope forgotten) {
        return switch (forgotten) {
            case PurgeScope.Subject s -> Json.plainMap(new PurgeScope.Subject(s.model(), s.ids(), null,
                    s.ids().isEmpty() && s.all(), s.attributes(), s.everywhere(), s.values()));
            case PurgeScope.Value v -> Json.plainMap(v);
            case PurgeScope.Versions v -> Json.plainMap(v.ids() == null ? v // resolved: the ids it removed, not the value
                    : new PurgeScope.Versions(v.kind(), v.name(), null, null, null, v.ids()));
            case PurgeScope.Traces t -> Json.plainMap(t);
            case PurgeScope.Executions e -> Json.plainMap(e);
            case PurgeScope.Logs l -> null;
            case PurgeScope.Backups b -> null;
        };
    }

    /** Design exports can hold values of designs (value scopes, subjects forgotten everywhere) and old versions; never instance data. */
    private static List<Map<String, Object>> copies(PurgeRequest r, ExportRegister exports) {
        boolean designValues = r.scope() instanceof PurgeScope.Value || r.scope() instanceof PurgeScope.Subject s && s.everywhere();
        if (!designValues && !(r.scope() instanceof PurgeScope.Versions)) {
            return List.of();
        }
        return exports.list(null).stream().filter(e -> e.exportedAt().isBefore(r.startedAt())).map(Receipts::describe).toList();
    }

    private static Map<String, Object> describe(ExportEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exportId", e.id());
        m.put("exportedBy", e.exportedBy());
        m.put("exportedAt", e.exportedAt().toString());
        m.put("sha256", e.sha256());
        return m;
    }
}
