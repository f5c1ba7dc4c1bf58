import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, enc } from '../../api/client';
import { ErrorBox } from '../../components/Status';

interface HookKeyInfo { sequence: string; made: boolean; createdBy?: string; createdAt?: string }
interface MadeKey extends HookKeyInfo { key: string; header: string }

/** The key callers send to this sequence's hooks that require one: made anew (shown once), removed. */
export function HookKeyPanel({ sequence }: { sequence: string }) {
  const path = `/api/sequences/${enc(sequence)}/hook-key`;
  const queryClient = useQueryClient();
  const info = useQuery({
    queryKey: ['hook-key', sequence],
    queryFn: () => api<HookKeyInfo>(path),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['hook-key', sequence] });
  const make = useMutation({ mutationFn: () => api<MadeKey>(path, { method: 'POST' }), onSuccess: refresh });
  const remove = useMutation({ mutationFn: () => api(path, { method: 'DELETE' }), onSuccess: () => { make.reset(); return refresh(); } });
  return (
    <div className="hook-key" aria-label="Hook key" role="group">
      <strong>Hook key</strong>{' '}
      {info.data && !info.data.made && <span className="muted">none yet: hooks that require it refuse every call</span>}
      {info.data?.made && <span className="muted">made by {info.data.createdBy}, {new Date(info.data.createdAt!).toLocaleString()}</span>}
      {make.data && (
        <div className="ok" role="status">
          Callers send it in the <code>{make.data.header}</code> header. Copy it now, it is not shown again:{' '}
          <code data-testid="hook-key">{make.data.key}</code>
        </div>
      )}
      <ErrorBox error={info.error ?? make.error ?? remove.error} title="Hook key" />
      <div className="row-actions">
        <button type="button" onClick={() => make.mutate()} disabled={make.isPending}>{info.data?.made ? 'Make a new key' : 'Make a key'}</button>
        {info.data?.made && <button type="button" className="link danger" onClick={() => remove.mutate()}>Remove the key</button>}
      </div>
    </div>
  );
}
