// Share ▸ Copy embed snippet: an <iframe> of the embed view (`?embed`) with the open graph
// in its link, copied to the clipboard and shown in a box to copy by hand where that fails.
import { useEffect, useRef } from 'react';
import type { Viewport } from '@xyflow/react';
import { useGraphStore } from '../../store';
import { makeShareUrl } from '../../share/shareLink';
import { embedSnippet } from './snippetText';

export interface SnippetState {
  html: string;
  copied: boolean;
}

/** Makes the snippet for the open graph (null, with the reason on the status line, if it cannot be a link). */
export async function copyEmbedSnippet(viewport: Viewport): Promise<SnippetState | null> {
  const s = useGraphStore.getState();
  const r = makeShareUrl({ ...s.doc, viewport }, window.location.href);
  if (!r.ok) {
    s.showStatus(r.message, 'error');
    return null;
  }
  const html = embedSnippet(r.url, s.doc.meta.title);
  let copied = false;
  try {
    await navigator.clipboard.writeText(html);
    copied = true;
  } catch {
    // no permission, or not a secure context: the box has it
  }
  s.showStatus(copied ? 'Embed snippet copied: paste it into a web page to show this graph, with Train.' : 'Here is the embed snippet: copy it from the box.');
  return { html, copied };
}

export function EmbedSnippetPopover({ snippet, onClose }: { snippet: SnippetState; onClose: () => void }) {
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    box.current?.select();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="lc-popover" role="dialog" aria-label="Embed snippet" data-testid="embed-popover">
      <header>
        <strong>{snippet.copied ? 'Embed snippet copied' : 'Copy this snippet'}</strong>
        <button type="button" className="close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      <textarea ref={box} readOnly rows={5} className="lc-embed-snippet" value={snippet.html} data-testid="embed-snippet" aria-label="Embed snippet" onFocus={(e) => e.currentTarget.select()} />
      <p className="lc-hint">
        An 800 × 500 read-only view of this graph (canvas, objective, Train and the loss chart) for any web page; the graph travels in the link. Training uses threads only when the
        page embedding it is cross-origin isolated.
      </p>
    </div>
  );
}
