import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { keys, useConnectors } from '../../api/hooks';
import type { Connector } from '../../api/types';
import { ErrorBox, Loading } from '../../components/Status';
import { ConnectorForm } from './ConnectorForm';

/** Connector accounts: base URL and secret headers. Secret values are write-only: only their names come back. */
export function ConnectorsPage() {
  const connectors = useConnectors();
  const [editing, setEditing] = useState<Connector | 'new' | null>(null);
  const queryClient = useQueryClient();
  const done = () => { setEditing(null); queryClient.invalidateQueries({ queryKey: keys.connectors }); };
  return (
    <section>
      <div className="page-head">
        <h1>Connector accounts</h1>
        <button type="button" className="primary" onClick={() => setEditing('new')}>New account</button>
      </div>
      {connectors.isPending && <Loading />}
      <ErrorBox error={connectors.error} />
      {connectors.data?.length === 0 && <p className="muted">No connector accounts. HTTP request blocks call out through one.</p>}
      {connectors.data && connectors.data.length > 0 && (
        <table className="grid">
          <thead><tr><th>Name</th><th>Base URL</th><th>Secret headers</th><th>Version</th><th /></tr></thead>
          <tbody>
            {connectors.data.map((c) => (
              <tr key={c.name}>
                <td>{c.name}{c.description && <div className="muted small">{c.description}</div>}</td>
                <td><code>{c.baseUrl}</code></td>
                <td>{c.secretHeaderNames.map((h) => <span key={h} className="badge" title="value stored encrypted, never shown">{h}: ••••</span>)}</td>
                <td>{c.version}</td>
                <td><button type="button" onClick={() => setEditing(c)}>Edit</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && <ConnectorForm key={editing === 'new' ? 'new' : editing.name} existing={editing === 'new' ? null : editing}
        onDone={done} onCancel={() => setEditing(null)} />}
    </section>
  );
}
