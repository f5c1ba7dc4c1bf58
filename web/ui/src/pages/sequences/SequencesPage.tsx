import { Link } from 'react-router';
import { useSequences } from '../../api/hooks';
import { DoneNotice, ErrorBox, Loading } from '../../components/Status';

export function SequencesPage() {
  const sequences = useSequences();
  return (
    <section>
      <div className="page-head">
        <h1>Sequences</h1>
        <Link className="button primary" to="/sequences/new">New sequence</Link>
      </div>
      <DoneNotice />
      {sequences.isPending && <Loading />}
      <ErrorBox error={sequences.error} />
      {sequences.data?.length === 0 && <p className="muted">No sequences yet.</p>}
      {sequences.data && sequences.data.length > 0 && (
        <table className="grid">
          <thead><tr><th>Name</th><th>Blocks</th><th>Triggers</th><th>Version</th></tr></thead>
          <tbody>
            {sequences.data.map((s) => (
              <tr key={s.name}>
                <td><Link to={`/sequences/${encodeURIComponent(s.name)}`}>{s.name}</Link>
                  {s.description && <div className="muted small">{s.description}</div>}</td>
                <td>{s.blocks.length}</td>
                <td>{s.triggers.map((t, i) => <span key={i} className="badge">{describeTrigger(t)}</span>)}</td>
                <td>{s.version}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function describeTrigger(t: import('../../api/types').Trigger): string {
  switch (t.type) {
    case 'http': return `${t.method} /hooks${t.path}`;
    case 'schedule': return `cron ${t.cron}${t.zone ? ` (${t.zone})` : ''}`;
    case 'instance': return `${t.model}: ${t.events.join(', ')}`;
  }
}
