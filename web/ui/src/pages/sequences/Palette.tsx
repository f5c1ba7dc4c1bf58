import type { BlockType } from '../../api/types';
import { DRAG_TYPE } from './graph/FlowCanvas';

/** Block types to drag onto the canvas, or to add with a click / Enter. */
export function Palette({ types, onAdd }: { types: BlockType[]; onAdd: (type: string) => void }) {
  return (
    <nav className="palette" aria-label="Block palette">
      <h2>Blocks</h2>
      <ul>
        {types.map((t) => (
          <li key={t.type}>
            <button type="button" draggable title={t.description} data-block-type={t.type}
              onDragStart={(e) => { e.dataTransfer.setData(DRAG_TYPE, t.type); e.dataTransfer.effectAllowed = 'move'; }}
              onClick={() => onAdd(t.type)}>
              {t.type}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
