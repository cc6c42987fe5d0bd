// A document title turned into a file name every OS accepts.
export function graphFileName(title: string): string {
  const safe = title
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 120);
  return `${safe || 'graph'}.json`;
}

/** `graphs/ppca.json` → `ppca`: the id a gallery entry is known by. */
export function baseName(path: string): string {
  const file = path.split('/').pop() ?? path;
  return file.replace(/\.json$/i, '');
}
