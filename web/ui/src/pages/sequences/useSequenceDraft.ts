import { useCallback, useMemo, useRef, useState } from 'react';
import type { BlockDefinition, Sequence } from '../../api/types';
import { belowAll, placed, type Positions } from './graph/layout';

export const EMPTY_SEQUENCE: Sequence = {
  name: '', description: '', entry: '', blocks: [], triggers: [], settings: { record: 'summary', timeoutMs: 30000 },
};

const STARTER_CONFIG: Record<string, Record<string, unknown>> = {
  script: { source: 'return input;' },
};

/**
 * The sequence being edited, where its blocks are drawn, and the edits the editor offers. Block
 * positions are part of the sequence (saved with it); blocks never placed are laid out automatically.
 */
export function useSequenceDraft() {
  const [draft, setDraftState] = useState<Sequence>(EMPTY_SEQUENCE);
  const [dirty, setDirty] = useState(false);
  const current = useRef(draft);
  current.current = draft;
  const positions = useMemo(() => placed(draft.blocks, draft.entry), [draft.blocks, draft.entry]);

  const edit = useCallback((change: (s: Sequence) => Sequence) => {
    setDraftState(change);
    setDirty(true);
  }, []);

  const reset = useCallback((s: Sequence) => {
    setDraftState(s);
    setDirty(false);
  }, []);

  /**
   * Blocks moved on the canvas (dragged, or arranged). Every block listed is pinned where it is
   * drawn, so blocks that were laid out automatically stay put once the designer arranges others.
   */
  const setPositions = useCallback((moved: Positions) => edit((s) => ({
    ...s,
    blocks: s.blocks.map((b) => (moved[b.id] ? { ...b, position: whole(moved[b.id]!) } : b)),
  })), [edit]);

  const addBlock = useCallback((type: string, at?: { x: number; y: number }): string => {
    const blocks = current.current.blocks;
    const created = freeId(blocks, type);
    const position = whole(at ?? belowAll(placed(blocks, current.current.entry)));
    const block: BlockDefinition = { id: created, type, config: { ...(STARTER_CONFIG[type] ?? {}) }, next: {}, position };
    current.current = { ...current.current, blocks: [...blocks, block], entry: current.current.entry || created };
    setDraftState(current.current);
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
        config: renamedBody(renamed(b.config, from, to) as Record<string, unknown>, from, to),
        next: Object.fromEntries(Object.entries(b.next ?? {}).map(([o, t]) => [o, t === from ? to : t])),
      })),
    }));
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

/** Whole canvas units: sub-pixel drag positions would only add noise to saved versions and their diffs. */
function whole(p: { x: number; y: number }): { x: number; y: number } {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}

/** A loop's `body` (the block it runs per item) naming `to` where it named `from`. */
function renamedBody(config: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  return config.body === from ? { ...config, body: to } : config;
}

/** A block config with its references to block `from` ({{steps.from...}}, steps.from in a script) naming `to` instead. */
function renamed(value: unknown, from: string, to: string): unknown {
  if (typeof value === 'string') {
    const id = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return value.replace(new RegExp(`\\bsteps\\.${id}(?![\\w$-])`, 'g'), `steps.${to}`)
      .replace(new RegExp(`\\bsteps\\[(['"])${id}\\1\\]`, 'g'), `steps[$1${to}$1]`);
  }
  if (Array.isArray(value)) return value.map((v) => renamed(v, from, to));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renamed(v, from, to)]));
  }
  return value;
}
