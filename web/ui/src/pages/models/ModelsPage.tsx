import { Link } from 'react-router';
import { useModels } from '../../api/hooks';
import { DoneNotice, ErrorBox, Loading } from '../../components/Status';
import { SensitivityBadge } from './SensitivityBadge';

export function ModelsPage() {
  const models = useModels();
  return (
    <section>
      <div className="page-head">
        <h1>Models</h1>
        <Link className="button primary" to="/models/new">New model</Link>
      </div>
      <DoneNotice />
      {models.isPending && <Loading />}
      <ErrorBox error={models.error} />
      {models.data && models.data.length === 0 && <p className="muted">No models yet. Create one to store data.</p>}
      {models.data && models.data.length > 0 && (
        <table className="grid">
          <thead>
            <tr><th>Name</th><th>Attributes</th><th>Version</th><th /></tr>
          </thead>
          <tbody>
            {models.data.map((m) => (
              <tr key={m.name}>
                <td><Link to={`/models/${encodeURIComponent(m.name)}`}>{m.name}</Link>
                  {m.description && <div className="muted small">{m.description}</div>}</td>
                <td>
                  {m.attributes.map((a) => (
                    <span key={a.name} className="attr-chip">{a.name}<SensitivityBadge value={a.sensitivity} /></span>
                  ))}
                </td>
                <td>{m.version}</td>
                <td><Link to={`/models/${encodeURIComponent(m.name)}/instances`}>Instances</Link></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
