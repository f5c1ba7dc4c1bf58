import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { ErrorBox, errorsAt, FieldMessages } from '../components/Status';

/** The signed-in user's own account: change the password (every other session is signed out). */
export function AccountPage() {
  const { user, changePassword } = useAuth();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const change = useMutation({
    mutationFn: () => changePassword(current, next),
    onSuccess: () => { setCurrent(''); setNext(''); setRepeat(''); },
  });
  const errors = change.error instanceof ApiError ? change.error.fieldErrors : [];
  const differs = repeat !== '' && repeat !== next;
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!differs) change.mutate();
  }
  return (
    <section>
      <h1>Your account</h1>
      <p className="muted">Signed in as <strong>{user?.username}</strong> ({user?.roles.join(', ')}).</p>
      <form className="card" onSubmit={submit} aria-labelledby="password-title">
        <h2 id="password-title">Change your password</h2>
        <div className="form-grid">
          <label>Current password<input name="current-password" type="password" autoComplete="current-password" required
            value={current} onChange={(e) => setCurrent(e.target.value)} />
            <FieldMessages errors={errorsAt(errors, '/currentPassword')} /></label>
          <label>New password<input name="new-password" type="password" autoComplete="new-password" required
            value={next} onChange={(e) => setNext(e.target.value)} />
            <FieldMessages errors={errorsAt(errors, '/newPassword')} /></label>
          <label>New password again<input name="repeat-password" type="password" autoComplete="new-password" required
            value={repeat} onChange={(e) => setRepeat(e.target.value)} />
            {differs && <div className="field-error" role="alert">differs from the new password</div>}</label>
        </div>
        {errors.length === 0 && <ErrorBox error={change.error} title="Password not changed" />}
        {change.isSuccess && <p className="ok" role="status">Password changed. Your other sessions are signed out.</p>}
        <button type="submit" className="primary" disabled={change.isPending || differs}>Change password</button>
      </form>
    </section>
  );
}
