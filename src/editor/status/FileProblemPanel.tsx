// Why a file did not open: every error the parser found, with the file's name. The open
// graph is untouched, so closing this panel is all there is to do.
import { useGraphStore } from '../../store';

export function FileProblemPanel() {
  const problem = useGraphStore((s) => s.fileProblem);
  if (!problem) return null;
  return (
    <div className="file-error" data-testid="file-error" role="alert">
      <header>
        <strong>Could not open {problem.fileName}</strong>
        <button type="button" className="close" aria-label="Dismiss" onClick={() => useGraphStore.getState().clearFileProblem()}>
          ×
        </button>
      </header>
      <ul>
        {problem.errors.map((m, i) => (
          <li key={i}>{m}</li>
        ))}
      </ul>
      <p className="hint">The graph you had open is unchanged.</p>
    </div>
  );
}
