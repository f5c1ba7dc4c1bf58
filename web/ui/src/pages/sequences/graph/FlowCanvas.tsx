import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background, ControlButton, Controls, MarkerType, ReactFlow, useReactFlow,
  type Connection, type Edge, type EdgeChange, type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { FieldError } from '../../../api/client';
import type { BlockDefinition, BlockType } from '../../../api/types';
import { BlockNode, type BlockNodeType } from './BlockNode';
import { autoLayout, type Positions } from './layout';

export const DRAG_TYPE = 'application/x-lethe-block-type';
const nodeTypes = { block: BlockNode };
/** About the size a block is drawn at (for bringing one into view). */
const NODE_WIDTH = 180;
const NODE_HEIGHT = 80;

interface Props {
  blocks: BlockDefinition[];
  entry: string;
  types: BlockType[];
  positions: Positions;
  selected: string | null;
  errors: FieldError[];
  ranPath: string[];
  stepping: string | null;
  onPositions: (positions: Positions) => void;
  onSelect: (id: string | null) => void;
  onWire: (source: string, outcome: string, target: string | null) => void;
  onRemove: (id: string) => void;
  onDropType: (type: string, position: { x: number; y: number }) => void;
}

/** The sequence graph: blocks as nodes, outcome wires as edges. Blocks are the source of truth. */
export function FlowCanvas(props: Props) {
  const { blocks, entry, types, positions, selected, errors, ranPath, stepping } = props;
  const { screenToFlowPosition, fitView, setCenter, getZoom } = useReactFlow();
  const tidy = () => {
    props.onPositions(autoLayout(blocks, entry));
    requestAnimationFrame(() => fitView({ maxZoom: 1, duration: 200 }));
  };
  // The `fitView` prop fits only what is there when the canvas mounts; blocks that arrive later
  // (the sequence loading after a save or a navigation) would be left out of view.
  const hadBlocks = useRef(blocks.length > 0);
  useEffect(() => {
    if (blocks.length > 0 && !hadBlocks.current) {
      requestAnimationFrame(() => fitView({ maxZoom: 1 }));
    }
    hadBlocks.current = blocks.length > 0;
  }, [blocks.length, fitView]);

  // A block added by a click on the palette goes below the others: bring it into view if it is out of it.
  const canvas = useRef<HTMLDivElement>(null);
  const count = useRef(blocks.length);
  useEffect(() => {
    const added = blocks.length > count.current;
    count.current = blocks.length;
    const at = selected ? positions[selected] : undefined;
    const box = canvas.current?.getBoundingClientRect();
    if (!added || !at || !box) return;
    const from = screenToFlowPosition({ x: box.left, y: box.top });
    const to = screenToFlowPosition({ x: box.right, y: box.bottom });
    if (at.x < from.x || at.y < from.y || at.x + NODE_WIDTH > to.x || at.y + NODE_HEIGHT > to.y) {
      setCenter(at.x + NODE_WIDTH / 2, at.y + NODE_HEIGHT / 2, { zoom: getZoom(), duration: 200 });
    }
  }, [blocks.length, selected, positions, screenToFlowPosition, setCenter, getZoom]);

  // Sizes React Flow measured, handed back on every node it is given: a node given without one is hidden until it is
  // measured again, and when new nodes arrive while one is still being measured (a busy browser, right after a save)
  // React Flow does not measure it again, so the block stayed hidden for good.
  const [sizes, setSizes] = useState<Record<string, { width: number; height: number }>>({});
  const nodes = useMemo<BlockNodeType[]>(() => blocks.map((b, i) => {
    const mine = errors.filter((e) => e.pointer === `/blocks/${i}` || e.pointer.startsWith(`/blocks/${i}/`));
    return {
      id: b.id,
      type: 'block',
      position: positions[b.id] ?? { x: 40, y: 40 },
      measured: sizes[b.id],
      selected: b.id === selected,
      data: {
        blockId: b.id,
        type: b.type,
        outcomes: [...(types.find((t) => t.type === b.type)?.outcomes ?? []), 'error'],
        entry: b.id === entry,
        errorCount: mine.length,
        firstError: mine[0]?.message,
        ran: ranPath.includes(b.id),
        stepping: b.id === stepping,
      },
    };
  }), [blocks, entry, types, positions, sizes, selected, errors, ranPath, stepping]);

  const edges = useMemo<Edge[]>(() => blocks.flatMap((b) => Object.entries(b.next ?? {})
    .filter(([, target]) => blocks.some((x) => x.id === target))
    .map(([outcome, target]) => ({
      id: `${b.id}:${outcome}`,
      source: b.id,
      sourceHandle: outcome,
      target,
      label: outcome === 'next' ? undefined : outcome,
      className: outcome === 'error' ? 'edge-error' : undefined,
      markerEnd: { type: MarkerType.ArrowClosed },
    }))), [blocks]);

  const onNodesChange = useCallback((changes: NodeChange<BlockNodeType>[]) => {
    let moved: Positions | null = null;
    const measured: typeof sizes = {};
    for (const c of changes) {
      if (c.type === 'dimensions' && c.dimensions) {
        const was = sizes[c.id];
        if (was?.width !== c.dimensions.width || was.height !== c.dimensions.height) measured[c.id] = c.dimensions;
      } else if (c.type === 'position' && c.position) {
        moved = { ...(moved ?? positions), [c.id]: c.position };
      } else if (c.type === 'select' && c.selected) {
        props.onSelect(c.id);
      } else if (c.type === 'remove') {
        props.onRemove(c.id);
      }
    }
    if (Object.keys(measured).length) setSizes((all) => ({ ...all, ...measured }));
    if (moved) props.onPositions(moved);
  }, [positions, sizes, props]);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    for (const c of changes) {
      if (c.type === 'remove') {
        const [source, outcome] = c.id.split(':');
        props.onWire(source!, outcome!, null);
      }
    }
  }, [props]);

  const onConnect = useCallback((c: Connection) => {
    if (c.source && c.target && c.sourceHandle && c.source !== c.target) props.onWire(c.source, c.sourceHandle, c.target);
  }, [props]);

  const onDrop = useCallback((event: DragEvent) => {
    const type = event.dataTransfer.getData(DRAG_TYPE);
    if (!type) return;
    event.preventDefault();
    props.onDropType(type, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
  }, [props, screenToFlowPosition]);

  return (
    <div className="canvas" ref={canvas} onDrop={onDrop} onDragOver={(e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'move'; }}
      aria-label="Sequence graph">
      <ReactFlow nodes={nodes} edges={edges} nodeTypes={nodeTypes} onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange} onConnect={onConnect} onPaneClick={() => props.onSelect(null)}
        onNodeClick={(_, node) => props.onSelect(node.id)}
        fitView fitViewOptions={{ maxZoom: 1 }} deleteKeyCode={["Delete"]}>
        <Background />
        <Controls>
          <ControlButton onClick={tidy} title="Arrange the blocks from the entry" aria-label="Arrange the blocks">⇶</ControlButton>
        </Controls>
      </ReactFlow>
    </div>
  );
}
