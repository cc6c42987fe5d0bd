// A straight line in latent space between the encodings of two test digits, decoded. The
// indices are test-set positions; Interpolate asks the worker for the strip.
import { useState } from 'react';
import type { ModelViews } from '../../training/protocol';
import { refreshViews } from '../session/modelQueries';
import { useSession } from '../session/sessionStore';
import { ImageGridCanvas } from './ImageGridCanvas';

function IndexInput({ label, value, onChange, testId }: { label: string; value: string; onChange: (v: string) => void; testId: string }) {
  return (
    <label className="lc-inline-field">
      {label}
      <input type="number" min={0} step={1} value={value} data-testid={testId} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

export function InterpolationView({ view }: { view?: ModelViews['interpolation'] }) {
  const [from, to] = useSession((s) => s.interpolate);
  const [a, setA] = useState(String(from));
  const [b, setB] = useState(String(to));
  const i = Number(a);
  const j = Number(b);
  const valid = [i, j].every((v) => Number.isInteger(v) && v >= 0) && a.trim() !== '' && b.trim() !== '';
  return (
    <figure className="lc-view lc-view-wide">
      <figcaption>Interpolation between two test digits</figcaption>
      <form
        className="lc-interp-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) void refreshViews({ interpolate: [i, j] });
        }}
      >
        <IndexInput label="from #" value={a} onChange={setA} testId="interp-from" />
        <IndexInput label="to #" value={b} onChange={setB} testId="interp-to" />
        <button type="submit" disabled={!valid} data-testid="interp-button">
          Interpolate
        </button>
      </form>
      {view ? (
        <>
          <ImageGridCanvas grid={view} cols={view.count} maxWidth={560} testId="view-interpolation" label={`Interpolation from test digit ${view.from} to ${view.to}`} />
          <div className="lc-caption">
            test #{view.from} → test #{view.to}, {view.count} steps along the line between their encodings
          </div>
        </>
      ) : (
        <div className="lc-caption">No interpolation in the current views.</div>
      )}
    </figure>
  );
}
