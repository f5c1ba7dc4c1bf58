package io.lethe.purge.api;

import io.lethe.engine.job.JobRuns;
import io.lethe.engine.job.Retention;
import io.lethe.engine.job.RetentionPolicy;
import io.lethe.engine.model.Models;
import io.lethe.http.ApiRouter;
import io.lethe.http.Blocking;
import io.lethe.http.Blocking.Reply;
import io.lethe.http.JsonBody;
import io.lethe.http.auth.CurrentUser;
import io.lethe.http.auth.Role;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/retention}: how long each store keeps what piles up with use, who last changed it, which models keep
 * their instances for a limited time, and what the retention jobs last did. Admins change it; everyone signed in reads it.
 */
public final class RetentionApi {

    private static final Set<String> FIELDS = Set.of("deactivatedDays", "executionDays", "logDays", "traceDays", "backupsKept");
    /** The most daily backup archives an admin may keep (about three years). */
    static final long MAX_BACKUPS = 1_000;

    private final RetentionPolicy policy;
    private final Models models;
    private final JobRuns jobRuns;
    private final List<String> jobs;

    /** @param jobs the retention jobs whose last run is shown (their names in {@code job_runs}) */
    public RetentionApi(RetentionPolicy policy, Models models, JobRuns jobRuns, List<String> jobs) {
        this.policy = policy;
        this.models = models;
        this.jobRuns = jobRuns;
        this.jobs = List.copyOf(jobs);
    }

    public void mount(ApiRouter api, Blocking blocking) {
        String tag = "Retention";
        api.route(HttpMethod.GET, "/api/retention", tag, "How long each store keeps its data, per-model retention, the jobs' last runs",
                Role.ADMIN, Role.DESIGNER, Role.SUPPORT).handler(blocking.handler(ctx -> Reply.ok(describe())));
        api.route(HttpMethod.PUT, "/api/retention", tag,
                "Set {deactivatedDays, executionDays, logDays, traceDays} (whole days, 1 to 36500) and backupsKept (1 to 1000);"
                        + " the jobs use it from their next run",
                Role.ADMIN).handler(blocking.handler(this::set));
    }

    private Reply set(RoutingContext ctx) {
        JsonBody body = JsonBody.of(ctx, FIELDS);
        long deactivated = body.requiredWholeNumber("deactivatedDays", 1, RetentionPolicy.MAX_DAYS);
        long executions = body.requiredWholeNumber("executionDays", 1, RetentionPolicy.MAX_DAYS);
        long logs = body.requiredWholeNumber("logDays", 1, RetentionPolicy.MAX_DAYS);
        long traces = body.requiredWholeNumber("traceDays", 1, RetentionPolicy.MAX_DAYS);
        long backups = body.requiredWholeNumber("backupsKept", 1, MAX_BACKUPS);
        body.validate();
        policy.set(new Retention(Duration.ofDays(deactivated), Duration.ofDays(executions), Duration.ofDays(logs),
                Duration.ofDays(traces), (int) backups), CurrentUser.of(ctx).username());
        return Reply.ok(describe());
    }

    private Map<String, Object> describe() {
        Map<String, Object> answer = days(policy.current());
        answer.put("defaults", days(policy.defaults()));
        List<RetentionPolicy.Change> history = policy.history();
        history.stream().findFirst().ifPresent(change -> {
            answer.put("updatedBy", change.by());
            answer.put("updatedAt", change.at().toString());
        });
        answer.put("history", history.stream().map(change -> {
            Map<String, Object> entry = days(change.retention());
            entry.put("by", change.by());
            entry.put("at", change.at().toString());
            return entry;
        }).toList());
        answer.put("models", models.list().stream().filter(m -> m.retentionDays() != null)
                .map(m -> Map.of("model", m.name(), "retentionDays", m.retentionDays())).toList());
        answer.put("jobs", jobs.stream().map(this::lastRun).toList());
        return answer;
    }

    private Map<String, Object> lastRun(String job) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("job", job);
        jobRuns.latest(job, 1).forEach(last -> {
            run.put("finishedAt", last.finishedAt().toString());
            run.put("counts", last.counts());
        });
        return run;
    }

    private static Map<String, Object> days(Retention retention) {
        Map<String, Object> days = new LinkedHashMap<>();
        days.put("deactivatedDays", retention.deactivated().toDays());
        days.put("executionDays", retention.executions().toDays());
        days.put("logDays", retention.logs().toDays());
        days.put("traceDays", retention.traces().toDays());
        days.put("backupsKept", retention.backups());
        return days;
    }
}
