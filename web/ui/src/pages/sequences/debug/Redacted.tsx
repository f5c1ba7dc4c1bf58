const MARKER = /(\[redacted(?::hmac:[A-Za-z0-9_-]+)?\])/g;

/** JSON with every redaction marker shown as a badge, so a reader sees what was withheld. */
export function RedactedJson({ value }: { value: unknown }) {
  const text = value === undefined ? '(none)' : JSON.stringify(value, null, 2);
  const parts = text.split(MARKER);
  return (
    <pre className="output">
      {parts.map((part, i) => (i % 2 === 1
        ? <mark key={i} className="redacted" title="redacted at capture (equal values give equal markers)">{part}</mark>
        : part))}
    </pre>
  );
}
