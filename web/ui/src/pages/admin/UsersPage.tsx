import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { api, ApiError, enc } from '../../api/client';
import type { Role, User } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { ErrorBox, errorsAt, FieldMessages, Loading } from '../../components/Status';

const ROLES: Role[] = ['designer', 'admin', 'support'];

export function UsersPage() {
  const users = useQuery({ queryKey: ['users'], queryFn: () => api<User[]>('/api/users') });
  const grants = useQuery({ queryKey: ['reveal-grants'], queryFn: () => api<Grant[]>('/api/debug/reveal-grants') });
  const { user: me } = useAuth();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['users'] });
  const update = useMutation({
    mutationFn: ({ username, roles }: { username: string; roles: Role[] }) =>
      api(`/api/users/${enc(username)}`, { method: 'PATCH', body: { roles } }),
    onSuccess: (_, { username, roles }) => {
      // Your own admin role gone: this page is no longer yours; start again with the roles you have now.
      if (username === me?.username && !roles.includes('admin')) window.location.assign('/');
      else refresh();
    },
  });
  const setRole = (u: User, role: Role, on: boolean) => {
    if (!on && role === 'admin' && u.username === me?.username
        && !window.confirm('Remove your own admin role? You will no longer see this page or any other admin page.')) return;
    update.mutate({ username: u.username, roles: on ? [...u.roles, role] : u.roles.filter((x) => x !== role) });
  };
  const [removed, setRemoved] = useState<string>();
  const remove = useMutation({
    mutationFn: (username: string) => api(`/api/users/${enc(username)}`, { method: 'DELETE' }),
    onSuccess: (_, username) => { setRemoved(username); void refresh(); },
  });

  return (
    <section>
      <h1>Users and roles</h1>
      {users.isPending && <Loading />}
      <ErrorBox error={users.error} />
      <ErrorBox error={update.error} title="Roles not changed" />
      <ErrorBox error={remove.error} title="Not deleted" />
      {removed && (
        <p className="notice" role="status">
          User {removed} deleted. The username still names what they did: versions they saved, hook keys, exports,
          debug windows, retention changes.{' '}
          <Link to="/purge/new" state={{ value: removed }}>Forget {removed} in those records…</Link>
        </p>
      )}
      {users.data && (
        <table className="grid" aria-label="Users">
          <thead><tr><th>User</th>{ROLES.map((r) => <th key={r}>{r}</th>)}<th>Debug reveal</th><th>Created</th><th /></tr></thead>
          <tbody>
            {users.data.map((u) => (
              <tr key={u.username}>
                <td>{u.username}{u.username === me?.username && <span className="muted small"> (you)</span>}</td>
                {ROLES.map((r) => (
                  <td key={r} className="center">
                    <input type="checkbox" aria-label={`${u.username} has role ${r}`} checked={u.roles.includes(r)} disabled={update.isPending}
                      onChange={(e) => setRole(u, r, e.target.checked)} />
                  </td>
                ))}
                <td className="center">{u.roles.includes('designer') ? <RevealGrant username={u.username} grants={grants} /> : <span className="muted small">designers only</span>}</td>
                <td className="small">{u.createdAt && new Date(u.createdAt).toLocaleString()}</td>
                <td>
                  <SetPassword username={u.username} />
                  <button type="button" className="link danger" disabled={u.username === me?.username || remove.isPending}
                    onClick={() => window.confirm(`Delete user ${u.username}?`) && remove.mutate(u.username)}>Delete</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NewUserForm onCreated={refresh} />
    </section>
  );
}

interface Grant { username: string; reveal: boolean; grantedBy: string; grantedAt: string }

/** Whether a designer may open unredacted debug windows (at most 15 minutes each; server-enforced and audited). */
function RevealGrant({ username, grants }: { username: string; grants: UseQueryResult<Grant[]> }) {
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (on: boolean) => api<Grant | null>(`/api/debug/reveal-grants/${enc(username)}`, { method: on ? 'PUT' : 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reveal-grants'] }),
  });
  if (grants.isPending) return <span className="muted small">…</span>;
  if (grants.error) return <span className="danger small" role="alert">{(grants.error as Error).message}</span>;
  const grant = grants.data.find((g) => g.username === username);
  return (
    <>
      <input type="checkbox" aria-label={`${username} may reveal unredacted traces`} checked={!!grant} disabled={change.isPending}
        title={grant ? `granted by ${grant.grantedBy}, ${new Date(grant.grantedAt).toLocaleString()}` : undefined}
        onChange={(e) => change.mutate(e.target.checked)} />
      {change.error && <span className="danger small" role="alert"> {(change.error as Error).message}</span>}
    </>
  );
}

/** An admin sets a new password for a user (which signs that user out everywhere). */
function SetPassword({ username }: { username: string }) {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const change = useMutation({
    mutationFn: () => api(`/api/users/${enc(username)}`, { method: 'PATCH', body: { password } }),
    onSuccess: () => { setPassword(''); setOpen(false); },
  });
  const errors = change.error instanceof ApiError ? change.error.fieldErrors : [];
  if (!open) {
    return (
      <>
        <button type="button" className="link" onClick={() => { change.reset(); setOpen(true); }}>Set password</button>
        {change.isSuccess && <span className="ok small" role="status">password changed</span>}
      </>
    );
  }
  return (
    <form className="inline-fields" onSubmit={(e) => { e.preventDefault(); change.mutate(); }}>
      <input type="password" autoComplete="new-password" aria-label={`New password for ${username}`} value={password} required
        onChange={(e) => setPassword(e.target.value)} />
      <button type="submit" disabled={change.isPending}>Set</button>
      <button type="button" className="link" onClick={() => setOpen(false)}>Cancel</button>
      <FieldMessages errors={errorsAt(errors, '/password')} />
      {errors.length === 0 && <ErrorBox error={change.error} />}
    </form>
  );
}

function NewUserForm({ onCreated }: { onCreated: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>(['designer']);
  const create = useMutation({
    mutationFn: () => api('/api/users', { body: { username, password, roles } }),
    onSuccess: () => { setUsername(''); setPassword(''); onCreated(); },
  });
  const errors = create.error instanceof ApiError ? create.error.fieldErrors : [];
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <form className="card" onSubmit={submit} aria-labelledby="new-user-title">
      <h2 id="new-user-title">New user</h2>
      <div className="form-grid">
        <label>Username<input name="new-username" autoComplete="off" value={username} required onChange={(e) => setUsername(e.target.value)} />
          <FieldMessages errors={errorsAt(errors, '/username')} /></label>
        <label>Password<input name="new-password" type="password" autoComplete="new-password" value={password} required
          onChange={(e) => setPassword(e.target.value)} />
          <FieldMessages errors={errorsAt(errors, '/password')} /></label>
      </div>
      <fieldset>
        <legend>Roles</legend>
        {ROLES.map((r) => (
          <label key={r} className="inline">
            <input type="checkbox" checked={roles.includes(r)} onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))} />
            {r}
          </label>
        ))}
        <FieldMessages errors={errorsAt(errors, '/roles')} />
      </fieldset>
      <ErrorBox error={create.error} title="Not created" />
      {create.isSuccess && <p className="ok" role="status">User created.</p>}
      <button type="submit" className="primary" disabled={create.isPending}>Create user</button>
    </form>
  );
}
