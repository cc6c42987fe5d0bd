// The stem of an exported file's name, from the graph's title: "Linear VAE on the PPCA data"
// → "linear-vae-on-the-ppca-data". Lower-case letters, digits and single dashes; "model"
// when the title has none of them.
export function fileStemOf(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'model'
  );
}
