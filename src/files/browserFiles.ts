// The browser's side of files: a download for Save, reading a picked or dropped File.
// DOM code, kept out of src/graph so the document code stays host-neutral.

export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  downloadBlob(fileName, new Blob([text], { type }));
}

export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start the download only after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function readFileText(file: File): Promise<string> {
  return file.text();
}

/** The first file of a drop whose name ends with one of the extensions, if any. */
export function droppedFile(dt: DataTransfer, extensions: string[]): File | undefined {
  return Array.from(dt.files).find((f) => extensions.some((ext) => f.name.toLowerCase().endsWith(ext)));
}
