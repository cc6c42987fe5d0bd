// Positions for generated long chains: rows of `perRow` nodes that turn back at each end
// (a snake), so every edge of the chain stays short on the canvas.
export function snakePlacer(perRow: number): () => { x: number; y: number } {
  let slot = 0;
  return () => {
    const i = slot++;
    const row = Math.floor(i / perRow);
    const col = row % 2 ? perRow - 1 - (i % perRow) : i % perRow;
    return { x: col * 240, y: row * 180 };
  };
}
