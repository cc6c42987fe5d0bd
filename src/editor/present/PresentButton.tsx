import { usePresentation } from './presentStore';
import './present.css';

export function PresentButton() {
  const enter = usePresentation((s) => s.enter);
  return (
    <button type="button" className="lc-present-button" data-testid="present" onClick={enter} title="Present: full screen, the canvas with one panel, large type, editing locked (P; Esc leaves)">
      ▶ Present
    </button>
  );
}
