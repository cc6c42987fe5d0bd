// The Recent list: the last autosaved graphs (title, when, how many nodes); a click reopens
// one. The one this tab shows is marked; one another tab holds opens as a copy.
import { useEffect, useState } from 'react';
import { listRecent, reopenSession, useRecent, useTabSession } from '../../persist/tabSession';
import type { SessionMeta } from '../../persist/sessionDb';
import { useAutosave } from '../../persist/autosave';
import { Modal } from '../Modal';
import './recent.css';

type Listing = { state: 'loading' } | { state: 'ready'; sessions: SessionMeta[]; held: Set<string> } | { state: 'failed'; message: string };

function when(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

export function RecentPanel({ onClose }: { onClose: () => void }) {
  const [listing, setListing] = useState<Listing>({ state: 'loading' });
  const current = useTabSession((s) => s.id);
  const version = useRecent((s) => s.version);
  const savedAt = useAutosave((s) => s.savedAt);

  useEffect(() => {
    let live = true;
    listRecent().then(
      (r) => live && setListing({ state: 'ready', ...r }),
      (e: unknown) => live && setListing({ state: 'failed', message: `The Recent list could not be read from this browser's storage (${e instanceof Error ? e.message : String(e)}).` }),
    );
    return () => {
      live = false;
    };
  }, [version, savedAt]);

  return (
    <Modal title="Recent" className="recent" testId="recent-panel" onClose={onClose}>
      {listing.state === 'loading' ? <p>Reading the graphs saved in this browser…</p> : null}
      {listing.state === 'failed' ? <p className="recent-error">{listing.message}</p> : null}
      {listing.state === 'ready' && listing.sessions.length === 0 ? <p>Nothing is saved in this browser yet: your graph is autosaved as soon as you change it.</p> : null}
      {listing.state === 'ready' ? (
        <ul>
          {listing.sessions.map((m) => {
            const here = m.id === current;
            const elsewhere = !here && listing.held.has(m.id);
            return (
              <li key={m.id}>
                <button
                  type="button"
                  className="recent-item"
                  data-testid="recent-item"
                  data-session={m.id}
                  data-current={here ? 'true' : 'false'}
                  disabled={here}
                  title={here ? 'This is the graph open in this tab' : elsewhere ? 'Open in another tab: this opens a copy' : 'Reopen this graph with its runs and trained weights'}
                  onClick={() => {
                    onClose();
                    void reopenSession(m);
                  }}
                >
                  <strong className="recent-title">{m.title || 'Untitled graph'}</strong>
                  <span className="recent-detail">
                    {when(m.savedAt)} · {m.nodeCount} node{m.nodeCount === 1 ? '' : 's'}
                    {here ? ' · this tab' : elsewhere ? ' · open in another tab' : ''}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </Modal>
  );
}
