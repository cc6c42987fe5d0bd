// Copy link (the graph inside the URL) and Export (the trained decoder or encoder as a
// tfjs layers model: model.json + weights.bin, loadable with tf.loadLayersModel).
import { useEffect, useRef, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useGraphStore } from '../../store';
import { makeShareUrl, kB, MAX_SHARE_CHARS } from '../../share/shareLink';
import { downloadBlob, downloadText } from '../../files/browserFiles';
import { currentClient, ensureClient } from '../../panels/session/connection';
import type { ExportedModel } from '../../training/protocol';

type Part = 'decoder' | 'encoder';
type ExportClient = { exportModel?: (part: Part) => Promise<ExportedModel | undefined> };

interface LinkState {
  url: string;
  copied: boolean;
  chars: number;
}

async function copyToClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false; // no permission, or not a secure context: the box below has the link
  }
}

function SharePopover({ link, onClose }: { link: LinkState; onClose: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.select();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="lc-popover" role="dialog" aria-label="Share link" data-testid="share-popover">
      <header>
        <strong>{link.copied ? 'Link copied' : 'Copy this link'}</strong>
        <button type="button" className="close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      <input ref={input} readOnly value={link.url} data-testid="share-link-url" aria-label="Link to this graph" onFocus={(e) => e.currentTarget.select()} />
      <p className="lc-hint">
        The graph travels inside the link ({kB(link.chars)} of at most {kB(MAX_SHARE_CHARS)}); nothing is uploaded. Trained weights and large CSV data do not fit in links: use Save with
        weights and send the file.
      </p>
    </div>
  );
}

export function ShareButtons() {
  const { getViewport } = useReactFlow();
  const [link, setLink] = useState<LinkState | null>(null);
  const [exporting, setExporting] = useState<Part | null>(null);
  const menu = useRef<HTMLDetailsElement>(null);

  // The export menu closes on a click elsewhere or on Escape, like any menu.
  useEffect(() => {
    const close = (e: Event) => {
      const m = menu.current;
      if (!m?.open) return;
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !m.contains(e.target as Node)) m.open = false;
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, []);

  const share = async () => {
    const s = useGraphStore.getState();
    const r = makeShareUrl({ ...s.doc, viewport: getViewport() }, window.location.href);
    if (!r.ok) {
      setLink(null);
      s.showStatus(r.message, 'error');
      return;
    }
    const copied = await copyToClipboard(r.url);
    setLink({ url: r.url, copied, chars: r.chars });
    s.showStatus(copied ? 'Link copied: whoever opens it gets this graph.' : 'Here is the link to this graph: copy it from the box.');
  };

  const exportPart = async (part: Part) => {
    if (menu.current) menu.current.open = false;
    const s = useGraphStore.getState();
    const client = (currentClient() ?? ensureClient()) as ExportClient;
    if (typeof client.exportModel !== 'function') {
      s.showStatus('Export is not available in this version of the training worker.', 'error');
      return;
    }
    setExporting(part);
    try {
      const model = await client.exportModel(part);
      if (!model) {
        s.showStatus(`Train the graph first: the ${part} is exported from the model's trained weights, and there are none yet.`, 'error');
        return;
      }
      downloadText(`${model.fileStem}.json`, model.modelJson);
      downloadBlob(`${model.fileStem}.weights.bin`, new Blob([model.weightsBin], { type: 'application/octet-stream' }));
      s.showStatus(`Exported the ${part}: ${model.fileStem}.json and ${model.fileStem}.weights.bin (load with tf.loadLayersModel).`);
    } catch (e) {
      s.showStatus(`The ${part} could not be exported: ${e instanceof Error ? e.message : String(e)}`, 'error');
    } finally {
      setExporting(null);
    }
  };

  return (
    <div className="button-group lc-share">
      <button type="button" data-testid="share-link" title="Copy a link that carries this graph" onClick={() => void share()}>
        Copy link
      </button>
      {link ? <SharePopover link={link} onClose={() => setLink(null)} /> : null}
      <details className="lc-topmenu" ref={menu}>
        <summary data-testid="export-menu" title="Export the trained model for TensorFlow.js">
          {exporting ? `Exporting ${exporting}…` : 'Export ▾'}
        </summary>
        <div className="lc-topmenu-items" role="menu">
          <button type="button" role="menuitem" data-testid="export-decoder" disabled={exporting !== null} onClick={() => void exportPart('decoder')}>
            Export decoder (tfjs)
          </button>
          <button type="button" role="menuitem" data-testid="export-encoder" disabled={exporting !== null} onClick={() => void exportPart('encoder')}>
            Export encoder (tfjs)
          </button>
        </div>
      </details>
    </div>
  );
}
