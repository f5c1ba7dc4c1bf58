/** A stored instant in the reader's local time; empty when there is none. */
export const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '');

/** A size in bytes as people read it (B, KiB, MiB, GiB). */
export function bytes(n: number | null | undefined): string {
  if (n == null) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GiB`;
}
