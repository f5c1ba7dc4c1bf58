import { useCallback, useRef, useState } from 'react';
import type { BlockDefinition, Sequence } from '../../api/types';
import { autoLayout, type Positions } from './graph/layout';

export const EMPTY_SEQUENCE: Sequence = {
  name: '', description: '', entry: '', blocks: [], triggers: [], settings: { record: 'summary', timeoutMs: 30000 },
};

const STARTER_CONFIG: Record<string, Record<string, unknown>> = {
  script: { source: 'return input;' },
};

/** The sequence being edited, its block positions on the canvas, and the edits the editor offers. */
export function useSequenceDraft() {
  const [draft, setDraftState] = useState<Sequence>(EMPTY_SEQUENCE);
  const [positions, setPositions] = useState<Positions>({});
  const [dirty, setDirty] = useState(false);
  const current = useRef(draft);
  current.current = draft;

  const edit = useCallback((change: (s: Sequence) => Sequence) => {
    setDraftState(change);
    setDirty(true);
  }, []);

  const reset = useCallback((s: Sequence) => {
    setDraftState(s);
    setPositions((old) => ({ ...autoLayout(s.blocks, s.entry), ...keep(old, s.blocks) }));
    setDirty(false);
  }, []);

  const addBlock = useCallback((type: string, at?: { x: number; y: number }): string => {
    const created = freeId(current.current.blocks, type);
    const block: BlockDefinition = { id: created, type, config: { ...(STARTER_CONFIG[type] ?? {}) }, next: {} };
    current.current = { ...current.current, blocks: [...current.current.blocks, block], entry: current.current.entry || created };
    setDraftState(current.current);
    setPositions((p) => ({ ...p, [created]: at ?? { x: 60 + Object.keys(p).length * 40, y: 60 + Object.keys(p).length * 40 } }));
    setDirty(true);
    return created;
  }, []);

  const removeBlock = useCallback((id: string) => edit((s) => {
    const blocks = s.blocks.filter((b) => b.id !== id).map((b) => ({ ...b, next: without(b.next, id) }));
    return { ...s, blocks, entry: s.entry === id ? blocks[0]?.id ?? '' : s.entry };
  }), [edit]);

  const renameBlock = useCallback((from: string, to: string) => {
    edit((s) => ({
      ...s,
      entry: s.entry === from ? to : s.entry,
      blocks: s.blocks.map((b) => ({
        ...b,
        id: b.id === from ? to : b.id,
        next: Object.fromEntries(Object.entries(b.next ?? {}).map(([o, t]) => [o, t === from ? to : t])),
      })),
    }));
    setPositions((p) => ({ ...p, [to]: p[from] ?? { x: 40, y: 40 } }));
  }, [edit]);

  const wire = useCallback((source: string, outcome: string, target: string | null) => edit((s) => ({
    ...s,
    blocks: s.blocks.map((b) => {
      if (b.id !== source) return b;
      const next = { ...(b.next ?? {}) };
      if (target) next[outcome] = target;
      else delete next[outcome];
      return { ...b, next };
    }),
  })), [edit]);

  const updateBlock = useCallback((index: number, block: BlockDefinition) =>
    edit((s) => ({ ...s, blocks: s.blocks.map((b, i) => (i === index ? block : b)) })), [edit]);

  return { draft, positions, dirty, setPositions, edit, reset, addBlock, removeBlock, renameBlock, wire, updateBlock };
}

function freeId(blocks: BlockDefinition[], type: string): string {
  const stem = type.replace(/[^A-Za-z0-9]+/g, '_');
  for (let n = 1; ; n++) {
    const id = `${stem}${n}`;
    if (!blocks.some((b) => b.id === id)) return id;
  }
}

function without(next: Record<string, string> | undefined, id: string): Record<string, string> {
  return Object.fromEntries(Object.entries(next ?? {}).filter(([, t]) => t !== id));
}

function keep(positions: Positions, blocks: BlockDefinition[]): Positions {
  return Object.fromEntries(Object.entries(positions).filter(([id]) => blocks.some((b) => b.id === id)));
}
