// Shapes of the debugger API (/api/debug/...), as documented by the debugger module.

export interface DebugWindow {
  sequence: string;
  on: boolean;
  reveal: boolean;
  remainingSeconds: number;
  openedBy?: string;
  openedAt?: string;
  expiresAt?: string;
  droppedTraces?: number;
}

export interface TraceBlock {
  id?: string;
  block?: string;
  blockId?: string;
  type?: string;
  frame?: string;
  inputs?: unknown;
  output?: unknown;
  error?: string | null;
  outcome?: string | null;
  startedAt?: string;
  durationMs?: number;
  console?: string[];
  /** Paths of the values kept only as a preview. */
  truncated?: string[] | boolean;
  call?: Trace;
}

export interface Trace {
  executionId: string;
  sequence: string;
  version?: number;
  /** The server sends {type, detail}; a plain string is accepted too. */
  trigger?: string | { type: string; detail?: string | null };
  startedAt: string;
  status: string;
  error?: string | null;
  durationMs?: number;
  redacted?: boolean;
  truncated?: boolean;
  replayable?: boolean;
  replayRefusal?: string;
  input?: unknown;
  blocks?: TraceBlock[];
}

export function blockIdOf(b: TraceBlock): string {
  return b.id ?? b.blockId ?? b.block ?? '?';
}

export function triggerText(t: Trace['trigger']): string {
  if (!t) return '';
  return typeof t === 'string' ? t : t.detail ? `${t.type} (${t.detail})` : t.type;
}
