// Safe mode: the last start with this graph never came up (it crashed or hung). The graph
// is not rendered; it is offered — download it, open it anyway, or discard it.
import { useState } from 'react';
import { downloadText } from '../../files/browserFiles';
import { graphFileName } from '../../files/fileName';
import type { SafeModeChoice, SafeModeOffer } from '../../persist/boot';
import './safemode.css';

export function SafeMode({ offer, onChoice }: { offer: SafeModeOffer; onChoice: (choice: SafeModeChoice) => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [error, setError] = useState<string>();
  const choose = (choice: SafeModeChoice) => {
    setBusy(true);
    onChoice(choice).catch((e: unknown) => {
      setBusy(false);
      setError(`That did not work: ${e instanceof Error ? e.message : String(e)}. Download the graph to keep it.`);
    });
  };
  const saved = offer.savedAt ? new Date(offer.savedAt).toLocaleString() : undefined;
  return (
    <main className="safe-mode" data-testid="safe-mode" role="alertdialog" aria-labelledby="safe-mode-title">
      <h1 id="safe-mode-title">Latent Canvas opened in safe mode</h1>
      <p>
        The last time this graph was opened, the editor stopped before it came up. So that it does not happen again, your autosaved graph{' '}
        <strong data-testid="safe-mode-title">“{offer.title}”</strong>
        {saved ? ` (saved ${saved})` : ''} is not shown this time. Nothing is lost yet.
      </p>
      <div className="safe-mode-actions">
        <button type="button" data-testid="safe-mode-download" disabled={busy} onClick={() => downloadText(graphFileName(offer.title), offer.text)}>
          Download it
        </button>
        <button type="button" data-testid="safe-mode-open" disabled={busy} onClick={() => choose('open')}>
          Open it anyway
        </button>
        {confirmDiscard ? (
          <button type="button" className="danger" data-testid="safe-mode-discard-confirm" disabled={busy} onClick={() => choose('discard')}>
            Yes, delete it from this browser
          </button>
        ) : (
          <button type="button" data-testid="safe-mode-discard" disabled={busy} onClick={() => setConfirmDiscard(true)}>
            Discard it…
          </button>
        )}
      </div>
      {confirmDiscard ? <p className="safe-mode-hint">Discarding deletes this graph, its runs and its weights from this browser and opens the startup graph. Download it first to keep a copy.</p> : null}
      {error ? <p className="safe-mode-error">{error}</p> : null}
    </main>
  );
}
