package io.lethe.web;

import io.lethe.engine.backup.Backups;
import io.lethe.http.ApiRouter;
import io.lethe.http.Blocking;
import io.lethe.http.Blocking.Reply;
import io.lethe.http.auth.Role;
import io.vertx.core.http.HttpMethod;

/**
 * {@code /api/backups} (admins): list the archives, take one now, verify one. Restoring is a command for a stopped
 * server ({@code ./lethe backup restore}), never an HTTP call: nothing may serve data while it is replaced.
 */
final class BackupRoutes {

    private final Backups backups;

    BackupRoutes(Backups backups) {
        this.backups = backups;
    }

    void mount(ApiRouter api, Blocking blocking) {
        api.route(HttpMethod.GET, "/api/backups", "Backups", "List backup archives, newest first, with sizes and times", Role.ADMIN)
                .handler(blocking.handler(ctx -> Reply.ok(backups.list())));
        api.action("/api/backups", "Backups", "Take a backup now (every collection but the purge ledger and purge requests)",
                Role.ADMIN).handler(blocking.handler(ctx -> Reply.created(backups.create())));
        api.route(HttpMethod.GET, "/api/backups/:id/verify", "Backups",
                "Check every part of an archive against its manifest's checksums (problems name parts, never content)", Role.ADMIN)
                .handler(blocking.handler(ctx -> Reply.ok(backups.verify(ctx.pathParam("id")))));
    }
}
