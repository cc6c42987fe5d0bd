import { FileButtons } from './FileButtons';
import { HistoryButtons } from './HistoryButtons';
import { TitleInput } from './TitleInput';

export function TopBar() {
  return (
    <header className="topbar">
      <span className="brand">Latent Canvas</span>
      <TitleInput />
      <FileButtons />
      <HistoryButtons />
    </header>
  );
}
