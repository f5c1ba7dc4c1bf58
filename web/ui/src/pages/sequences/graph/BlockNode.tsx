import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';

export interface BlockNodeData extends Record<string, unknown> {
  blockId: string;
  type: string;
  outcomes: string[];
  entry: boolean;
  errorCount: number;
  firstError?: string;
  ran: boolean;
  stepping: boolean;
}

export type BlockNodeType = Node<BlockNodeData, 'block'>;

/** A block on the canvas: one input on the left, one output handle per outcome (plus `error`) on the right. */
export function BlockNode({ data, selected }: NodeProps<BlockNodeType>) {
  const classes = ['block-node', selected && 'selected', data.errorCount > 0 && 'invalid', data.ran && 'ran', data.stepping && 'stepping', data.entry && 'entry']
    .filter(Boolean).join(' ');
  return (
    <div className={classes} data-block-id={data.blockId} title={data.firstError}>
      <Handle type="target" position={Position.Left} />
      <div className="block-node-title">
        {data.entry && <span className="entry-mark" aria-label="entry">▶</span>}
        <strong>{data.blockId}</strong>
      </div>
      <div className="block-node-type">{data.type}</div>
      {data.errorCount > 0 && (
        <div className="block-node-errors" role="note">{data.errorCount} error{data.errorCount > 1 ? 's' : ''}: {data.firstError}</div>
      )}
      <div className="block-node-outcomes">
        {data.outcomes.map((o) => (
          <div key={o} className={`outcome outcome-${o}`}>
            {o}
            <Handle type="source" id={o} position={Position.Right} data-outcome={o} />
          </div>
        ))}
      </div>
    </div>
  );
}
