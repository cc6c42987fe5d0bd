// Copy link (the graph inside the URL) and Export: the trained decoder or encoder as a
// tfjs layers model (model.json + weights.bin, loadable with tf.loadLayersModel), or the
// whole graph as a self-contained PyTorch project (a zip, written in the worker).
import { useEffect, useRef, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useGraphStore } from '../../store';
import { makeShareUrl, kB, MAX_SHARE_CHARS } from '../../share/shareLink';
import { downloadBlob, downloadText } from '../../files/browserFiles';
import { currentClient, ensureClient } from '../../panels/session/connection';
import type { PyTorchExportResult } from '../../panels/trainerClient';
import type { ExportedModel, WeightsSnapshot } from '../../training/protocol';
import { serializeGraph } from '../../graph/parse';
import { weightsFor } from '../../store/trainedWeights';
import { clearExportProblem, setExportProblem, shownNodeOf } from '../../store/exportProblem';
import { copyEmbedSnippet, EmbedSnippetPopover, type SnippetState } from '../present/EmbedSnippet';

type Part = 'decoder' | 'encoder';
type ExportClient = {
  exportModel?: (part: Part) => Promise<ExportedModel | undefined>;
  exportPyTorch?: (docJson: string, weights?: WeightsSnapshot) => Promise<PyTorchExportResult>;
};

const SHIPPED_TEXT = {
  run: 'with the weights this session trained',
  page: 'with the graph’s trained weights',
  none: 'untrained: it starts from the initial weights this app would use',
} as const;

function messageOf(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.trim() === '' ? 'the training worker gave no reason.' : text;
}

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
  const { getViewport, fitView } = useReactFlow();
  const [link, setLink] = useState<LinkState | null>(null);
  const [snippet, setSnippet] = useState<SnippetState | null>(null);
  const [exporting, setExporting] = useState<Part | 'pytorch' | null>(null);
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

  // The whole graph as a PyTorch project. The worker compiles it (the initial weights are
  // tfjs's), writes the files and zips them; the page only downloads the bytes.
  const exportPyTorch = async () => {
    if (menu.current) menu.current.open = false;
    const s = useGraphStore.getState();
    const doc = s.doc;
    clearExportProblem();
    let docJson: string;
    try {
      docJson = serializeGraph({ ...doc, viewport: getViewport() });
    } catch (e) {
      s.showStatus(`The graph could not be prepared for export: ${messageOf(e)}`, 'error');
      return;
    }
    const client = (currentClient() ?? ensureClient()) as ExportClient;
    if (typeof client.exportPyTorch !== 'function') {
      s.showStatus('Export to PyTorch is not available in this version of the training worker.', 'error');
      return;
    }
    setExporting('pytorch');
    s.showStatus('Exporting the PyTorch project (the model, its weights and the data): this takes a few seconds…');
    try {
      const r = await client.exportPyTorch(docJson, weightsFor(doc)?.snapshot);
      const now = useGraphStore.getState();
      if (!r.ok) {
        if (r.nodeId) {
          setExportProblem(doc, r.nodeId, `PyTorch export: ${r.message}`);
          const shown = now.doc === doc ? shownNodeOf(doc, now.blockPath, r.nodeId) : undefined;
          if (shown) {
            // Selected (the inspector shows it) and brought into view, at the zoom it had.
            now.selectNode(shown);
            void fitView({ nodes: [{ id: shown }], duration: 200, maxZoom: getViewport().zoom, minZoom: getViewport().zoom });
          }
        }
        now.showStatus(`The PyTorch project could not be exported: ${r.message}`, 'error');
        return;
      }
      const name = `${r.fileStem}-pytorch.zip`;
      downloadBlob(name, new Blob([r.zip], { type: 'application/zip' }));
      now.showStatus(`Exported ${name}, ${SHIPPED_TEXT[r.shipped]}. Unzip it and run python train.py; its README.md says more.`);
    } catch (e) {
      useGraphStore.getState().showStatus(`The PyTorch project could not be exported: ${messageOf(e)}`, 'error');
    } finally {
      setExporting(null);
    }
  };

  return (
    <div className="button-group lc-share">
      <button type="button" data-testid="share-link" title="Copy a link that carries this graph" onClick={() => (setSnippet(null), void share())}>
        Copy link
      </button>
      {link ? <SharePopover link={link} onClose={() => setLink(null)} /> : null}
      {snippet ? <EmbedSnippetPopover snippet={snippet} onClose={() => setSnippet(null)} /> : null}
      <details className="lc-topmenu" ref={menu}>
        <summary data-testid="export-menu" title="Export the trained model for TensorFlow.js, or the graph as a PyTorch project" aria-busy={exporting !== null}>
          {exporting === 'pytorch' ? 'Exporting…' : exporting ? `Exporting ${exporting}…` : 'Export ▾'}
        </summary>
        <div className="lc-topmenu-items" role="menu">
          <button type="button" role="menuitem" data-testid="export-decoder" disabled={exporting !== null} onClick={() => void exportPart('decoder')}>
            Export decoder (tfjs)
          </button>
          <button type="button" role="menuitem" data-testid="export-encoder" disabled={exporting !== null} onClick={() => void exportPart('encoder')}>
            Export encoder (tfjs)
          </button>
          <button
            type="button"
            role="menuitem"
            data-testid="export-pytorch"
            title="The graph as a self-contained PyTorch project: model.py, train.py, the weights and the data, in one zip"
            disabled={exporting !== null}
            onClick={() => void exportPyTorch()}
          >
            PyTorch project (.zip)
          </button>
          <button
            type="button"
            role="menuitem"
            data-testid="copy-embed-snippet"
            title="Copy an <iframe> that shows this graph read-only on any web page, with Train and the loss chart"
            onClick={() => {
              if (menu.current) menu.current.open = false;
              setLink(null);
              void copyEmbedSnippet(getViewport()).then(setSnippet);
            }}
          >
            Copy embed snippet
          </button>
        </div>
      </details>
    </div>
  );
}
