package io.lethe.designer;

import io.lethe.designer.connector.ConnectorRoutes;
import io.lethe.designer.execution.ExecutionRoutes;
import io.lethe.designer.instance.InstanceRoutes;
import io.lethe.designer.model.ModelRoutes;
import io.lethe.designer.sequence.SequenceRoutes;
import io.lethe.designer.transfer.TransferRoutes;
import io.lethe.designer.version.VersionedSaves;
import io.lethe.engine.Engine;
import io.lethe.http.ApiRouter;
import io.lethe.http.Blocking;
import java.time.Clock;

/** The designer REST API: every route group of this module, mounted on the documented router. */
public final class DesignerApi {

    private final ModelRoutes models;
    private final InstanceRoutes instances;
    private final SequenceRoutes sequences;
    private final ConnectorRoutes connectors;
    private final ExecutionRoutes executions;
    private final TransferRoutes transfer;

    public DesignerApi(Engine engine, Clock clock) {
        VersionedSaves saves = new VersionedSaves(engine.versions(), clock);
        this.models = new ModelRoutes(engine, saves);
        this.instances = new InstanceRoutes(engine.instances(), () -> engine.retention().current().deactivated());
        this.sequences = new SequenceRoutes(engine, saves);
        this.connectors = new ConnectorRoutes(engine.connectors(), () -> engine.sequences().list(), saves);
        this.executions = new ExecutionRoutes(engine);
        this.transfer = new TransferRoutes(engine, saves, clock);
    }

    public void mount(ApiRouter api, Blocking blocking) {
        models.mount(api, blocking);
        instances.mount(api, blocking);
        sequences.mount(api, blocking);
        connectors.mount(api, blocking);
        executions.mount(api, blocking);
        transfer.mount(api, blocking);
    }
}
