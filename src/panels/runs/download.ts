// Saves text as a file through a temporary Blob link (no server, no dependency).
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start reading the Blob only after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
