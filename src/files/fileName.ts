/** A title as a file name every OS accepts, with `fallback` for an empty one and the given ending. */
export function titleFileName(title: string, fallback: string, ending: string): string {
  const safe = title
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 120);
  return `${safe || fallback}${ending}`;
}

// A document title turned into a file name every OS accepts.
export function graphFileName(title: string): string {
  return titleFileName(title, 'graph', '.json');
}

/** `graphs/ppca.json` → `ppca`: the id a gallery entry is known by. */
export function baseName(path: string): string {
  const file = path.split('/').pop() ?? path;
  return file.replace(/\.json$/i, '');
}
