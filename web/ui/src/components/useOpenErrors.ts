import { useEffect, useState } from 'react';
import { ApiError, type FieldError } from '../api/client';

/**
 * The field errors of a refused save that still apply: an error is dropped once the field it points at
 * (a JSON pointer into the draft that was sent) no longer holds what was refused, so a fixed field stops
 * showing its old message while the others stay until the next save.
 */
export function useOpenErrors(error: unknown, draft: unknown): FieldError[] {
  const [sent, setSent] = useState<unknown>(undefined);
  // the draft as it was when the refusal arrived (nothing can be edited between the click and the answer)
  useEffect(() => setSent(structuredClone(draft)), [error]);
  const all = error instanceof ApiError ? error.fieldErrors : [];
  return all.filter((e) => same(at(sent, e.pointer), at(draft, e.pointer)));
}

function at(value: unknown, pointer: string): unknown {
  let current = value;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
