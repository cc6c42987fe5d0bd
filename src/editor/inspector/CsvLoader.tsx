// "Load CSV…" for a Data node in CSV mode. The file is parsed before anything changes: a
// bad file shows its error and leaves the node as it was.
import { useRef, useState } from 'react';
import { parseCsv } from '../../data/csv';
import { readFileText } from '../../files/browserFiles';
import { useGraphStore } from '../../store';

export function CsvLoader({ nodeId, csvName, columns }: { nodeId: string; csvName: string; columns: number }) {
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);

  async function load(file: File) {
    const s = useGraphStore.getState();
    const text = await readFileText(file);
    const r = parseCsv(text, file.name);
    if (!r.ok) {
      setError(r.error);
      s.showStatus(`Could not load ${file.name}.`, 'error');
      return;
    }
    const applied = s.updateParams(nodeId, { csvText: text, csvName: file.name, columns: r.data.d });
    if (!applied.ok) {
      setError(`${file.name}: ${Object.values(applied.errors).join(' ')}`);
      return;
    }
    setError(null);
    s.showStatus(`Loaded ${file.name}: ${r.data.n} rows × ${r.data.d} columns${r.hasHeader ? ' (header row skipped)' : ''}.`);
  }

  return (
    <div className="field csv-loader">
      <label>CSV file</label>
      <div className="csv-current" data-testid="csv-current">
        {csvName ? `${csvName} — ${columns} columns` : 'No file loaded yet.'}
      </div>
      <button type="button" data-testid="load-csv" onClick={() => input.current?.click()}>
        Load CSV…
      </button>
      <input
        ref={input}
        type="file"
        accept=".csv,.tsv,.txt,text/csv"
        hidden
        data-testid="csv-file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ''; // so that picking the same file again fires again
          if (file) void load(file);
        }}
      />
      {error ? (
        <div className="field-error" data-testid="csv-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}
