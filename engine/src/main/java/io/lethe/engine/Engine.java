package io.lethe.engine;

import io.lethe.engine.block.ConditionBlock;
import io.lethe.engine.block.FlowBlocks;
import io.lethe.engine.block.HttpRequestBlock;
import io.lethe.engine.block.InstanceBlocks;
import io.lethe.engine.block.PurgeAttributesBlock;
import io.lethe.engine.block.RequestPurgeBlock;
import io.lethe.engine.block.ScriptBlock;
import io.lethe.engine.block.TokenBlocks;
import io.lethe.engine.connector.ConnectorAccount;
import io.lethe.engine.connector.ConnectorStore;
import io.lethe.engine.connector.MongoConnectorStore;
import io.lethe.engine.execution.ExecutionPurgeTarget;
import io.lethe.engine.execution.ExecutionRecord;
import io.lethe.engine.execution.ExecutionRecorder;
import io.lethe.engine.execution.ExecutionResult;
import io.lethe.engine.execution.ExecutionStats;
import io.lethe.engine.execution.ExecutionStore;
import io.lethe.engine.execution.MongoExecutionStore;
import io.lethe.engine.execution.Responder;
import io.lethe.engine.execution.SequenceRunner;
import io.lethe.engine.execution.TriggerInfo;
import io.lethe.engine.failure.NotFoundException;
import io.lethe.engine.instance.InstanceEvents;
import io.lethe.engine.instance.Instances;
import io.lethe.engine.instance.MongoInstanceStore;
import io.lethe.engine.job.Housekeeping;
import io.lethe.engine.job.JobRuns;
import io.lethe.engine.job.Retention;
import io.lethe.engine.job.RetentionPolicy;
import io.lethe.engine.json.Json;
import io.lethe.engine.model.Attribute;
import io.lethe.engine.model.Model;
import io.lethe.engine.model.Models;
import io.lethe.engine.model.MongoModelStore;
import io.lethe.engine.redact.KeyedHash;
import io.lethe.engine.redact.RedactionRules;
import io.lethe.engine.retention.AttributePurge;
import io.lethe.engine.retention.InstancePurgeTarget;
import io.lethe.engine.retention.NameReferencesTarget;
import io.lethe.engine.retention.PurgeRequests;
import io.lethe.engine.retention.PurgeTarget;
import io.lethe.engine.retention.ValuePurgeTarget;
import io.lethe.engine.retention.Vocabulary;
import io.lethe.engine.retention.VersionPurgeTarget;
import io.lethe.engine.script.ScriptEngine;
import io.lethe.engine.script.ScriptSettings;
import io.lethe.engine.secret.SealedTokens;
import io.lethe.engine.secret.ServerSecrets;
import io.lethe.engine.sequence.Block;
import io.lethe.engine.sequence.BlockRegistry;
import io.lethe.engine.sequence.CompiledSequence;
import io.lethe.engine.sequence.MongoSequenceStore;
import io.lethe.engine.sequence.Sequence;
import io.lethe.engine.sequence.SequenceCompiler;
import io.lethe.engine.sequence.Sequences;
import io.lethe.engine.store.Database;
import io.lethe.engine.transfer.ExportRegister;
import io.lethe.engine.trigger.HookKeys;
import io.lethe.engine.trigger.HttpTriggers;
import io.lethe.engine.trigger.InstanceTriggers;
import io.lethe.engine.trigger.ScheduleTriggers;
import io.lethe.engine.version.MongoVersionStore;
import io.lethe.engine.version.Version;
import io.lethe.engine.version.VersionStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine assembled: stores, services, the block registry with every built-in block, the
 * runner and the triggers, over one {@link Database}. Built by the composition root; tests build
 * it directly. Nothing here knows HTTP: the HTTP trigger index is consulted by the web layer.
 */
public final class Engine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    private final ServerSecrets secrets;
    private final Models models;
    private final Instances instances;
    private final ConnectorStore connectors;
    private final RedactionRules redaction;
    private final CompletableFuture<ScriptEngine> scripts;
    private final BlockRegistry blocks = new BlockRegistry();
    private volatile PurgeRequests purgeRequests = PurgeRequests.NONE;
    private final Sequences sequences;
    private final ExecutionStore executions;
    private final ExecutionRecorder recorder;
    private final SequenceRunner runner;
    private final HttpTriggers httpTriggers = new HttpTriggers();
    private final HookKeys hookKeys;
    private final ScheduleTriggers scheduleTriggers;
    private final InstanceTriggers instanceTriggers;
    private final AttributePurge attributePurge;
    private final JobRuns jobRuns;
    private final VersionStore versions;
    private final List<PurgeTarget> purgeTargets;
    private final ExportRegister exports;
    private final Housekeeping housekeeping;
    private final RetentionPolicy retention;
    private final ExecutorService background = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("lethe-triggered-", 0).factory());

    public Engine(Database database, Clock clock, ScriptSettings scriptSettings) {
        this(database, clock, scriptSettings, Retention.DEFAULTS);
    }

    /** @param retention how long what piles up is kept until an admin changes it ({@link RetentionPolicy}) */
    public Engine(Database database, Clock clock, ScriptSettings scriptSettings, Retention retention) {
        this.retention = new RetentionPolicy(database, retention, clock);
        this.secrets = new ServerSecrets(database);
        var instanceStore = new MongoInstanceStore(database);
        var modelStore = new MongoModelStore(database);
        var connectorStore = new MongoConnectorStore(database, secrets);
        this.connectors = connectorStore;
        // One set of rules for log lines and debug traces: personal, sensitive and secret values become
        // keyed-hash markers, the same marker for a value in both.
        this.redaction = new RedactionRules(modelStore::list, connectors::list, RedactionRules.DEFAULT_SECRET_KEYS,
                new KeyedHash(secrets.key("trace-redaction")));
        connectorStore.onChange(redaction::invalidate); // a saved account's secrets are redacted from the next line on
        this.models = new Models(modelStore, model -> {
            instanceStore.ensureIndexes(model.name(),
                    model.attributes().stream().filter(Attribute::indexed).map(Attribute::name).toList());
            redaction.invalidate(); // an attribute may have become personal: log lines redact it at once
        });
        this.instances = new Instances(modelStore, instanceStore, new InstanceEvents(), clock);
        // GraalJS takes over a second to start: start it beside the rest; the first compile waits for it.
        this.scripts = CompletableFuture.supplyAsync(() -> {
            ScriptEngine started = new ScriptEngine(scriptSettings);
            log.atInfo().addKeyValue("scriptEngine", started.implementationName()).log("script engine ready");
            return started;
        }, r -> Thread.ofPlatform().daemon().name("lethe-script-engine-start").start(r));
        this.attributePurge = new AttributePurge(instances, secrets);
        blocks.register(new ScriptBlock());
        InstanceBlocks.all(instances).forEach(blocks::register);
        blocks.register(new ConditionBlock());
        FlowBlocks.all().forEach(blocks::register);
        blocks.register(new HttpRequestBlock(connectors));
        blocks.register(new PurgeAttributesBlock(attributePurge));
        blocks.register(new RequestPurgeBlock(() -> purgeRequests, instances::model));
        TokenBlocks.all(new SealedTokens(secrets.key("sealed-tokens"), clock), clock).forEach(blocks::register);
        Vocabulary.learnBlocks(blocks.all()); // words a value purge leaves: see ValueRedactor
        Vocabulary.learnTypes(Model.class, Sequence.class, ConnectorAccount.class, ExecutionRecord.class);
        var lookups = new SequenceCompiler.Lookups(models::exists, this::sequenceExists, n -> connectors.find(n).isPresent());
        this.sequences = new Sequences(new MongoSequenceStore(database), new SequenceCompiler(blocks, this::scripts), lookups);
        this.executions = new MongoExecutionStore(database);
        ExecutionStats stats = new ExecutionStats(database);
        this.recorder = new ExecutionRecorder(executions, stats, 50_000,
                ExecutionRecorder.DEFAULT_SAMPLE_PER_SECOND);
        this.runner = new SequenceRunner(sequences::compiled, recorder, redaction, clock);
        this.scheduleTriggers = new ScheduleTriggers(database, clock,
                (name, tick) -> runInBackground(name, new TriggerInfo("schedule", tick.toString()), Map.of("tick", tick.toString())));
        this.instanceTriggers = new InstanceTriggers(new InstanceTriggers.Fire() {
            @Override
            public void run(String sequence, Map<String, Object> input, int depth) {
                runInBackground(sequence, instanceTrigger(input), input, depth);
            }

            @Override
            public void refuse(String sequence, Map<String, Object> input) {
                refuseCascade(sequence, instanceTrigger(input));
            }
        });
        instances.events().subscribe(instanceTriggers::on);
        this.jobRuns = new JobRuns(database);
        this.versions = new MongoVersionStore(database);
        this.exports = new ExportRegister(database);
        this.hookKeys = new HookKeys(database, clock);
        this.housekeeping = new Housekeeping(database, instances, executions, stats, scheduleTriggers, jobRuns, clock, this.retention);
        this.purgeTargets = List.of(
                new InstancePurgeTarget(database, instances, attributePurge),
                new VersionPurgeTarget(database, clock),
                new ValuePurgeTarget("models", database.collection(MongoModelStore.COLLECTION),
                        List.of("name", "description", "attributes"), true, ids -> { }),
                new ValuePurgeTarget("sequences", database.collection(MongoSequenceStore.COLLECTION),
                        List.of("name", "description", "entry", "blocks", "triggers"), true,
                        ids -> sequences.reloaded(ids.stream().map(String::valueOf).toList())),
                new ValuePurgeTarget("connectors", database.collection(MongoConnectorStore.COLLECTION),
                        List.of("description", "baseUrl"), true, ids -> { }),
                new ExecutionPurgeTarget(database, executions, this::writeQueuedRecords),
                new NameReferencesTarget("name-references", database, Map.of(HookKeys.COLLECTION, List.of("createdBy"),
                        ExecutionStats.COLLECTION, List.of("sequence"), ScheduleTriggers.LEASES, List.of(),
                        ExportRegister.COLLECTION, List.of("models", "sequences", "connectors", "exportedBy")), this::writeQueuedRecords),
                // who changed the retention, and when: a former staff member's name goes as any value does
                new ValuePurgeTarget("settings", database.collection(RetentionPolicy.COLLECTION), List.of("history"), false, ids -> { }));
        sequences.onChange(all -> {
            httpTriggers.rebuild(all);
            scheduleTriggers.rebuild(all);
            instanceTriggers.rebuild(all);
        });
    }

    /** Writes the execution records and run counts still queued: a purge scans them after. */
    private void writeQueuedRecords() {
        recorder.flush(Duration.ofSeconds(10));
    }

    private boolean sequenceExists(String name) {
        return sequences != null && sequences.exists(name);
    }

    /** Starts the schedule ticker and hourly housekeeping. */
    public void start() {
        scheduleTriggers.start();
        housekeeping.start();
    }

    public Housekeeping housekeeping() {
        return housekeeping;
    }

    /** How long deactivated instances, execution records, logs and debug traces are kept. */
    public RetentionPolicy retention() {
        return retention;
    }

    public VersionStore versions() {
        return versions;
    }

    public ExportRegister exports() {
        return exports;
    }

    /** The purge targets of every store the engine owns (instances, versions, designs, connectors, executions). */
    public List<PurgeTarget> purgeTargets() {
        return purgeTargets;
    }

    public JobRuns jobRuns() {
        return jobRuns;
    }

    /**
     * Whether the current version of the sequence is known to be CPU work only (see
     * {@link Block#waitsOnIo}). Never blocks: a sequence not compiled yet
     * counts as not CPU-only (its first run compiles it), so callers may ask on an event loop.
     */
    public boolean cpuOnly(String sequence) {
        return sequences.ifCompiled(sequence).map(CompiledSequence::cpuOnly).orElse(false);
    }

    /** Runs a sequence now on the caller's thread (manual runs, HTTP hooks). */
    public ExecutionResult run(String sequence, TriggerInfo trigger, Object input) {
        return runner.run(sequence, trigger, input);
    }

    /** Runs a sequence now on the caller's thread, handing its HTTP answer to {@code responder} as soon as it is given. */
    public ExecutionResult run(String sequence, TriggerInfo trigger, Object input, Responder responder) {
        return runner.run(sequence, trigger, input, responder);
    }

    /**
     * Runs a saved version of a sequence (not necessarily the current one), e.g. to replay a trace
     * against the version that produced it.
     */
    public ExecutionResult runVersion(String sequence, int version, TriggerInfo trigger, Object input) {
        var saved = versions.find(Version.SEQUENCE, sequence, version)
                .orElseThrow(() -> new NotFoundException("no version " + version + " of sequence '" + sequence + "'"));
        var definition = Json.parse(saved.document(), Sequence.class).withVersion(version);
        try (var compiled = sequences.compileDetached(definition)) {
            return runner.run(compiled, trigger, input);
        }
    }

    private void runInBackground(String sequence, TriggerInfo trigger, Object input) {
        runInBackground(sequence, trigger, input, 0);
    }

    /** @param cascade how many instance events in a row led to this run (0: none) */
    private void runInBackground(String sequence, TriggerInfo trigger, Object input, int cascade) {
        background.execute(InstanceTriggers.atDepth(cascade, () -> {
            try {
                runner.run(sequence, trigger, input);
            } catch (RuntimeException e) {
                log.atError().setCause(e).addKeyValue("sequence", sequence).log("triggered run could not start");
            }
        }));
    }

    private static TriggerInfo instanceTrigger(Map<String, Object> input) {
        return new TriggerInfo("instance", input.get("model") + " " + input.get("event"));
    }

    /** An instance event too deep in a cascade: no run, a failed record and a warning say why. */
    private void refuseCascade(String sequence, TriggerInfo trigger) {
        String reason = "not run: instance events triggered runs " + InstanceTriggers.MAX_CASCADE
                + " deep in a row (does a sequence change the instances that trigger it?)";
        log.atWarn().addKeyValue("sequence", sequence).addKeyValue("trigger", trigger.detail()).log(reason);
        try {
            runner.refuse(sequence, trigger, reason);
        } catch (RuntimeException e) {
            log.atError().setCause(e).addKeyValue("sequence", sequence).log("refused run could not be recorded");
        }
    }

    public Models models() {
        return models;
    }

    public Instances instances() {
        return instances;
    }

    public ConnectorStore connectors() {
        return connectors;
    }

    /** What log lines, failed runs' errors and debug traces must not hold in clear. */
    public RedactionRules redaction() {
        return redaction;
    }

    public Sequences sequences() {
        return sequences;
    }

    /** Where {@code request-purge} blocks file their requests: the purge subsystem, wired by the composition root. */
    public void purgeRequests(PurgeRequests requests) {
        this.purgeRequests = requests;
    }

    public BlockRegistry blocks() {
        return blocks;
    }

    public SequenceRunner runner() {
        return runner;
    }

    public ExecutionStore executions() {
        return executions;
    }

    public ExecutionRecorder recorder() {
        return recorder;
    }

    public HttpTriggers httpTriggers() {
        return httpTriggers;
    }

    /** The keys of hooks whose trigger requires one. */
    public HookKeys hookKeys() {
        return hookKeys;
    }

    public ScheduleTriggers scheduleTriggers() {
        return scheduleTriggers;
    }

    /** The script engine, waiting for it if it is still starting. */
    public ScriptEngine scripts() {
        return scripts.join();
    }

    public ServerSecrets secrets() {
        return secrets;
    }

    public AttributePurge attributePurge() {
        return attributePurge;
    }

    /** Stops triggers, lets triggered runs finish (up to 10 s), writes queued records, frees scripts. */
    @Override
    public void close() {
        scheduleTriggers.close();
        housekeeping.close();
        background.shutdown();
        try {
            background.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        recorder.close();
        scripts.join().close();
    }
}
