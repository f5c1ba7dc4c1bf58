import { useLocation } from 'react-router';
import { ApiError, type FieldError } from '../api/client';

export function Loading({ what = 'Loading' }: { what?: string }) {
  return <p className="muted" role="status" aria-live="polite">{what}…</p>;
}

/** An error from the API or the network, with every field error listed. */
export function ErrorBox({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const fields = error instanceof ApiError ? error.fieldErrors : [];
  return (
    <div className="error-box" role="alert">
      <strong>{title ?? (error instanceof ApiError && error.status === 409 ? 'Conflict' : 'Error')}</strong>
      <span> {message}</span>
      {fields.length > 1 && (
        <ul>
          {fields.map((f, i) => (
            <li key={i}><code>{f.pointer}</code> {f.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Field errors whose pointer starts with the prefix, e.g. /attributes/0. */
export function errorsAt(errors: FieldError[], prefix: string): FieldError[] {
  return errors.filter((e) => e.pointer === prefix || e.pointer.startsWith(prefix + '/'));
}

export function FieldMessages({ errors, id }: { errors: FieldError[]; id?: string }) {
  if (errors.length === 0) return null;
  return (
    <div className="field-error" id={id} role="alert">
      {errors.map((e, i) => <div key={i}>{e.message}</div>)}
    </div>
  );
}

/** A part of the API this server does not serve (a 404 from it), with the server's reason. */
export function NotAvailable({ what, error }: { what: string; error: unknown }) {
  const why = error instanceof Error ? error.message : '';
  return (
    <div className="notice" role="status">
      <strong>{what} is not available on this server.</strong>{why && ` The server says: ${why}.`}
    </div>
  );
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/** What the page before did, passed with the navigation to this one (e.g. "Sequence x deleted."). */
export function DoneNotice() {
  const done = (useLocation().state as { done?: string } | null)?.done;
  return done ? <p className="notice" role="status">{done}</p> : null;
}
