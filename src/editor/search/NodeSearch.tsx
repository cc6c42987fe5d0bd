// The node search: a box at the pointer that lists node kinds and the graph's blocks,
// filtered as one types. Arrow keys move, Enter (or a click) adds the highlighted entry at
// the pointer, Escape or a click elsewhere closes it. Opened from a dropped connection, it
// lists only what fits that port, and the new node is connected to it.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useGraphStore } from '../../store';
import { viewDoc } from '../../store/blockView';
import { inputPortOf, outputPortOf } from '../../graph/blocks/ports';
import { nodeSpecs } from '../../nodes/registry';
import { filterEntries, searchEntries, type PortFit } from './searchFilter';
import { closeSearch, useSearchBox, type SearchFrom } from './searchState';
import { addFromSearch } from './addFromSearch';
import './search.css';

const BOX = { width: 280, height: 320 };

function portFit(from: SearchFrom | undefined): PortFit | undefined {
  if (!from) return undefined;
  const doc = viewDoc(useGraphStore.getState());
  const node = doc.nodes.find((n) => n.id === from.nodeId);
  const port = node && (from.side === 'output' ? outputPortOf(doc.blocks, node, from.port) : inputPortOf(doc.blocks, node, from.port));
  return port ? { side: from.side, kind: port.kind } : undefined;
}

export function NodeSearch() {
  const { at, from } = useSearchBox();
  if (!at) return null;
  return <SearchBox key={`${at.x},${at.y},${from?.nodeId ?? ''}`} at={at} from={from} />;
}

function SearchBox({ at, from }: { at: { x: number; y: number }; from: SearchFrom | undefined }) {
  const { screenToFlowPosition } = useReactFlow();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  const all = useMemo(() => searchEntries(nodeSpecs.values(), useGraphStore.getState().doc.blocks, portFit(from)), [from]);
  const shown = useMemo(() => filterEntries(all, query), [all, query]);
  const current = Math.min(active, Math.max(0, shown.length - 1));

  useEffect(() => {
    const onDown = (e: PointerEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) closeSearch();
    };
    document.addEventListener('pointerdown', onDown, true);
    return () => document.removeEventListener('pointerdown', onDown, true);
  }, []);

  useEffect(() => {
    box.current?.querySelector<HTMLElement>(`[data-index="${current}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const pick = (i: number) => {
    const entry = shown[i];
    if (!entry) return;
    closeSearch();
    addFromSearch(entry, screenToFlowPosition(at), from);
  };

  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') setActive((current + 1) % Math.max(1, shown.length));
    else if (e.key === 'ArrowUp') setActive((current - 1 + shown.length) % Math.max(1, shown.length));
    else if (e.key === 'Enter') pick(current);
    else if (e.key === 'Escape') closeSearch();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  // Kept inside the window, so a box opened near an edge is whole.
  const left = Math.max(4, Math.min(at.x, window.innerWidth - BOX.width - 4));
  const top = Math.max(4, Math.min(at.y, window.innerHeight - BOX.height - 4));
  return (
    <div ref={box} className="node-search" data-testid="node-search" role="dialog" aria-label="Add a node" style={{ left, top, width: BOX.width, maxHeight: BOX.height }}>
      <input
        autoFocus
        className="node-search-input"
        data-testid="node-search-input"
        placeholder={from ? 'Add a node that fits this port…' : 'Add a node or block…'}
        aria-label="Search node kinds and blocks"
        aria-controls="node-search-list"
        aria-activedescendant={shown.length ? `node-search-${current}` : undefined}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKey}
      />
      <ul id="node-search-list" className="node-search-list" role="listbox">
        {shown.length === 0 ? <li className="node-search-empty">{all.length ? 'Nothing matches.' : 'No node kind fits this port.'}</li> : null}
        {shown.map((e, i) => (
          <li
            key={e.key}
            id={`node-search-${i}`}
            role="option"
            aria-selected={i === current}
            data-index={i}
            data-testid={`node-search-${e.key}`}
            className={`node-search-item${i === current ? ' is-active' : ''}`}
            title={e.doc}
            onPointerMove={() => setActive(i)}
            onClick={() => pick(i)}
          >
            <span className="node-search-title">{e.title}</span>
            <span className="node-search-family">{e.family}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
