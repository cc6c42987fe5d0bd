import { FileButtons } from './FileButtons';
import { HistoryButtons } from './HistoryButtons';
import { TitleInput } from './TitleInput';
import { ShareButtons } from './ShareButtons';
import { AutosaveIndicator, TrainedBadge, WorkerRestart } from './SessionIndicators';
import { RecentButton } from '../recent/RecentButton';
import { GalleryStepper } from '../gallery/GalleryStepper';
import { TidyButton } from '../layout/TidyButton';
import { ViewOnlyBadge } from '../present/ViewOnlyBadge';
import { PresentButton } from '../present/PresentButton';
import './topbar.css';

export function TopBar() {
  return (
    <header className="topbar">
      <span className="brand">Latent Canvas</span>
      <TitleInput />
      <ViewOnlyBadge />
      <GalleryStepper />
      <TrainedBadge />
      <FileButtons />
      <ShareButtons />
      <HistoryButtons />
      <TidyButton />
      <RecentButton />
      <PresentButton />
      <span className="lc-topbar-spacer" />
      <WorkerRestart />
      <AutosaveIndicator />
    </header>
  );
}
