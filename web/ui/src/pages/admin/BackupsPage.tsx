import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ErrorBox, Loading } from '../../components/Status';
import { bytes, when } from '../../format';

/** One archive as the server lists it. */
interface Backup {
  id: string;
  createdAt: string;
  bytes: number;
  documents: number;
  collections: number;
  /** How many purges have rewritten it since it was taken. */
  generation: number;
  rewrittenAt: string | null;
}

interface Verification {
  id: string;
  intact: boolean;
  parts: number;
  problems: string[];
}

/** Backups: the archives, taking one now, and checking one against its checksums. Restoring is a command. */
export function BackupsPage() {
  const queryClient = useQueryClient();
  const backups = useQuery({ queryKey: ['backups'], queryFn: () => api<Backup[]>('/api/backups') });
  const create = useMutation({
    mutationFn: () => api<Backup>('/api/backups', { method: 'POST', body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['backups'] }),
  });
  const items = backups.data ?? [];
  return (
    <section>
      <div className="page-head">
        <h1>Backups</h1>
        <button type="button" className="primary" disabled={create.isPending || !backups.isSuccess} onClick={() => create.mutate()}>
          {create.isPending ? 'Taking a backup…' : 'Take a backup now'}
        </button>
      </div>
      <p className="muted small">
        Every collection but the purge requests and their ledger, as of one instant. A purge also rewrites the archives that hold
        what it removes. To restore one, stop the server and run <code>./lethe backup restore &lt;id&gt;</code>: the purges that
        finished after the backup was taken are executed again.
      </p>
      <ErrorBox error={create.error} title="No backup taken" />
      {create.isSuccess && <p className="ok" role="status">Backup {create.data.id} taken.</p>}
      {backups.isPending && <Loading />}
      <ErrorBox error={backups.error} />
      {backups.isSuccess && items.length === 0 && <p className="muted">No backups yet.</p>}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="grid" aria-label="Backups">
            <thead>
              <tr>
                <th>Taken</th><th>Id</th><th className="num">Size</th><th className="num">Documents</th>
                <th className="num">Collections</th><th>Rewritten by purges</th><th>Integrity</th>
              </tr>
            </thead>
            <tbody>{items.map((b) => <BackupRow key={b.id} backup={b} />)}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function BackupRow({ backup: b }: { backup: Backup }) {
  const [checked, setChecked] = useState<Verification | null>(null);
  const verify = useMutation({
    mutationFn: () => api<Verification>(`/api/backups/${encodeURIComponent(b.id)}/verify`),
    onSuccess: setChecked,
  });
  return (
    <tr>
      <td className="small">{when(b.createdAt)}</td>
      <td className="small"><code>{b.id}</code></td>
      <td className="num">{bytes(b.bytes)}</td>
      <td className="num">{b.documents}</td>
      <td className="num">{b.collections}</td>
      <td className="small">{b.generation === 0 ? 'never' : `${b.generation}×, last ${when(b.rewrittenAt)}`}</td>
      <td className="small">
        {checked ? <Integrity result={checked} /> : (
          <button type="button" disabled={verify.isPending} onClick={() => verify.mutate()} aria-label={`Verify backup ${b.id}`}>
            {verify.isPending ? 'Verifying…' : 'Verify'}
          </button>
        )}
        <ErrorBox error={verify.error} title="Not verified" />
      </td>
    </tr>
  );
}

function Integrity({ result }: { result: Verification }) {
  if (result.intact) return <span className="badge status-succeeded">intact: {result.parts} parts match</span>;
  return (
    <div role="alert">
      <span className="badge status-failed">damaged</span>
      <ul className="small">{result.problems.map((p) => <li key={p}>{p}</li>)}</ul>
    </div>
  );
}
