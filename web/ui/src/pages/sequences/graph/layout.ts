import type { BlockDefinition } from '../../../api/types';

export type Positions = Record<string, { x: number; y: number }>;

/** Where each block is drawn: where the designer put it, or where the automatic layout puts it if never placed. */
export function placed(blocks: BlockDefinition[], entry: string): Positions {
  const auto = blocks.every((b) => b.position) ? {} : autoLayout(blocks, entry);
  return Object.fromEntries(blocks.map((b) => [b.id, b.position ?? auto[b.id]!]));
}

/** Where a block added without a place (a click on the palette) is drawn: at the left, below every block, so none overlap. */
export function belowAll(positions: Positions): { x: number; y: number } {
  const ys = Object.values(positions).map((p) => p.y);
  return { x: 40, y: ys.length ? Math.max(...ys) + 170 : 40 };
}

/** Columns by distance from the entry block (breadth first); unreachable blocks go in a last column. */
export function autoLayout(blocks: BlockDefinition[], entry: string): Positions {
  const depth = new Map<string, number>();
  const queue = blocks.some((b) => b.id === entry) ? [entry] : [];
  if (queue.length) depth.set(entry, 0);
  while (queue.length) {
    const id = queue.shift()!;
    const block = blocks.find((b) => b.id === id);
    for (const target of Object.values(block?.next ?? {})) {
      if (!depth.has(target) && blocks.some((b) => b.id === target)) {
        depth.set(target, depth.get(id)! + 1);
        queue.push(target);
      }
    }
  }
  const last = Math.max(-1, ...depth.values()) + 1;
  const rows = new Map<number, number>();
  const positions: Positions = {};
  for (const b of blocks) {
    const col = depth.get(b.id) ?? last;
    const row = rows.get(col) ?? 0;
    rows.set(col, row + 1);
    positions[b.id] = { x: 40 + col * 260, y: 40 + row * 170 };
  }
  return positions;
}
