import { useState, type FormEvent } from 'react';
import { Navigate } from 'react-router';
import { SESSION_ENDED, useAuth } from '../auth/AuthContext';
import { ErrorBox } from '../components/Status';
import { homeFor } from '../routes';

export function LoginPage() {
  const { user, login } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [ended] = useState(() => sessionStorage.getItem(SESSION_ENDED) !== null);

  if (user) return <Navigate to={homeFor(user.roles)} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username, password);
      sessionStorage.removeItem(SESSION_ENDED);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form onSubmit={submit} className="card login-card" aria-labelledby="login-title">
        <h1 id="login-title">Sign in to Lethe</h1>
        {ended && (
          <p className="notice" role="status">Your session ended: your password was changed or reset, or the sign-in expired. Sign in again.</p>
        )}
        <label>
          Username
          <input name="username" autoComplete="username" autoFocus required value={username}
            onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required value={password}
            onChange={(e) => setPassword(e.target.value)} />
        </label>
        <ErrorBox error={error} title="Sign-in failed" />
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </main>
  );
}
