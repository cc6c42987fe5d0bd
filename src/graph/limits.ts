// Every limit a graph file is held to, in one place, with the numbers stated. Messages
// quote these constants (never a copy of the number), so the docs, the errors and the
// checks cannot drift apart. The node catalogue's own schemas enforce the per-kind caps, and
// each kind states which of its params is held to which limit (`paramLimits` on its spec,
// gathered in src/nodes/paramLimits.ts); src/graph/limits.test.ts checks each is enforced.

export const LIMITS = {
  /** A graph file, in characters of text (≈ bytes for ASCII): 25 million, about 25 MB. */
  fileChars: 25_000_000,
  /** Nesting of arrays and objects; a real graph nests 4 deep, junk nests thousands. */
  depth: 64,
  nodes: 2000,
  edges: 10_000,
  /** Node ids, node kinds and port names. */
  idChars: 64,
  edgeIdChars: 300,
  labelChars: 200,
  titleChars: 200,
  descriptionChars: 20_000,
  /** meta.notes: the instructor's notes (markdown). */
  notesChars: 100_000,
  /** The header's `source` (which app wrote the file) and other short strings. */
  shortChars: 200,
  /** Any object key anywhere in the file. */
  keyChars: 1000,
  /** Canvas coordinates beyond ±1e6 are clamped (see repair.ts). */
  coordinate: 1_000_000,
  /** Viewport zoom must lie in (0, 100]. */
  zoom: 100,

  // Node parameters (enforced by each kind's zod schema in src/nodes/*/spec.ts).
  /** Units of a dense or linear layer, each hidden layer of an MLP and its output size. */
  layerWidth: 8192,
  hiddenLayers: 16,
  /** The dimension of a Gaussian prior. */
  distributionDim: 4096,
  /** Synthetic data: dimension d, latent factors q, examples n. */
  dataDim: 4096,
  dataFactors: 512,
  dataExamples: 200_000,
  /** A CSV kept inside the file: 20 million characters, and its number of columns. */
  csvChars: 20_000_000,
  csvColumns: 100_000,
  /** Samples J a sampler draws per example. */
  samples: 10_000,

  // Training settings (document.ts).
  batchSize: 65_536,
  epochs: 100_000,
  evalSamples: 100_000,

  // The saved weights section (weights.ts).
  /**
   * Total float32 values across all saved variables: 4.5 million. Each value is 5⅓
   * characters of base64, so these take 24 million characters — about all that fits in a
   * file of fileChars. (A larger cap could never be opened; Save with weights checks the
   * whole file against fileChars too, since the graph itself takes room.)
   */
  weightFloats: 4_500_000,
  weightVariables: 10_000,
  /** Dimensions of one saved variable. */
  weightRank: 8,

  // Messages.
  /** Problems listed before "… and N more". */
  problemsListed: 50,
} as const;

export type LimitName = keyof typeof LIMITS;

/** "8192", "20,000,000": numbers as a person reads them. */
export function formatLimit(name: LimitName): string {
  return LIMITS[name].toLocaleString('en-US');
}

/**
 * The one sentence for a file over LIMITS.fileChars, shared by the parser (a file being
 * opened) and the editor (an edit or a save that would write one), so both say the same:
 * "the file is larger than 25 MB (…)", "The graph file would be 25,000,123 characters, larger than …".
 */
export function fileTooLargeText(subject: string, chars?: number): string {
  const size = chars === undefined ? '' : ` ${chars.toLocaleString('en-US')} characters,`;
  return `${subject}${size} larger than ${LIMITS.fileChars / 1e6} MB (${formatLimit('fileChars')} characters), the limit for a graph file.`;
}
