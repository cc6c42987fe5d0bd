import { FileButtons } from './FileButtons';
import { HistoryButtons } from './HistoryButtons';
import { TitleInput } from './TitleInput';
import { ShareButtons } from './ShareButtons';
import { AutosaveIndicator, RestorePrevious, TrainedBadge, WorkerRestart } from './SessionIndicators';
import './topbar.css';

export function TopBar() {
  return (
    <header className="topbar">
      <span className="brand">Latent Canvas</span>
      <TitleInput />
      <TrainedBadge />
      <FileButtons />
      <ShareButtons />
      <HistoryButtons />
      <RestorePrevious />
      <span className="lc-topbar-spacer" />
      <WorkerRestart />
      <AutosaveIndicator />
    </header>
  );
}
