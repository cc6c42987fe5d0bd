// One port: a React Flow handle (id = port name) with its label, coloured by port kind.
import { Handle, Position } from '@xyflow/react';
import type { PortSpec } from '../../nodes/types';

const KIND_WORDS = { tensor: 'tensor [S, B, D]', dist: 'distribution', term: 'term [S, B], one per sample', objective: 'loss' } as const;

/** `connectable`: the canvas's nodesConnectable (off while view-only), which React Flow leaves to the node to pass on. */
export function PortHandle({ port, side, connectable = true }: { port: PortSpec; side: 'in' | 'out'; connectable?: boolean }) {
  const tip = [`${port.label}: ${KIND_WORDS[port.kind]}${port.optional ? ' (optional)' : ''}`, port.doc].filter(Boolean).join('\n');
  return (
    <div className={`port port-${side} port-${port.kind}`} title={tip}>
      <Handle
        type={side === 'in' ? 'target' : 'source'}
        position={side === 'in' ? Position.Left : Position.Right}
        id={port.name}
        className={`handle-${port.kind}`}
        isConnectable={connectable}
      />
      <span className="port-label">
        {port.label}
        {port.optional ? <span className="port-optional">?</span> : null}
      </span>
    </div>
  );
}
