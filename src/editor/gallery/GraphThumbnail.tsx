// A small picture of a graph for the gallery: node boxes coloured by family, edges as lines.
import { useMemo } from 'react';
import { getSpec } from '../../nodes/registry';
import { thumbnail, thumbnailInput } from './thumbnail';

const familyOf = (kind: string) => getSpec(kind)?.family ?? 'unknown';

export function GraphThumbnail({ text, label }: { text: string; label: string }) {
  const pic = useMemo(() => {
    const { nodes, edges } = thumbnailInput(text);
    return thumbnail(nodes, edges, familyOf);
  }, [text]);
  return (
    <svg className="gallery-thumb" viewBox={`0 0 ${pic.width} ${pic.height}`} width={pic.width} height={pic.height} role="img" aria-label={label} data-testid="gallery-thumb" data-node-count={pic.boxes.length}>
      {pic.lines.map((l, i) => (
        <line key={i} x1={l.x1} y1={l.y1} x2={l.x2} y2={l.y2} />
      ))}
      {pic.boxes.map((b) => (
        <rect key={b.id} className={`family-${b.family}`} x={b.x} y={b.y} width={b.w} height={b.h} rx={Math.min(2, b.h / 4)} />
      ))}
    </svg>
  );
}
