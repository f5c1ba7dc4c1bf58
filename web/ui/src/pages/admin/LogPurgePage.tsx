import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ErrorBox, isNotFound, Loading, NotAvailable } from '../../components/Status';

/** Support's log purge: only a notice until the server serves /api/logs. */
export function LogPurgePage() {
  const probe = useQuery({ queryKey: ['logs-probe'], queryFn: () => api<unknown>('/api/logs/segments') });
  return (
    <section>
      <h1>Log purge</h1>
      {probe.isPending && <Loading />}
      {isNotFound(probe.error) ? <NotAvailable what="Log purge" /> : <ErrorBox error={probe.error} />}
      {probe.data !== undefined && <p className="muted">The log API answers; this page's preview and run forms are still to come.</p>}
    </section>
  );
}
