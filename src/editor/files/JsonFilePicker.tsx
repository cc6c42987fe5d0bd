// A button that opens the browser's file picker for a JSON file and hands over its text.
// The input is cleared after each pick, so picking the same file again fires again.
import { useRef, type ReactNode } from 'react';
import { readFileText } from '../../files/browserFiles';

interface Props {
  onText(text: string, fileName: string): void;
  children: ReactNode;
  title: string;
  buttonTestId: string;
  inputTestId: string;
  className?: string;
}

export function JsonFilePicker({ onText, children, title, buttonTestId, inputTestId, className }: Props) {
  const picker = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className={className} data-testid={buttonTestId} title={title} onClick={() => picker.current?.click()}>
        {children}
      </button>
      <input
        ref={picker}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid={inputTestId}
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onText(await readFileText(file), file.name);
        }}
      />
    </>
  );
}
