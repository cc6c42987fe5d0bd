import Papa from 'papaparse';
import type { Dataset } from './dataset';

export type CsvParseResult =
  | { ok: true; data: Dataset; hasHeader: boolean }
  | { ok: false; error: string };

/** One non-blank record of the file and the 1-based file line it starts on (for error messages). */
interface CsvRecord {
  cells: string[];
  line: number;
}

/**
 * Plain decimal numbers only. Number() alone would also accept "", "0x1F", "Infinity" and
 * treat whitespace as 0, which would silently turn a broken cell into data.
 */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function parseCell(cell: string): number | undefined {
  const s = cell.trim();
  if (!DECIMAL.test(s)) return undefined;
  const v = Number(s);
  // Overflowing exponents ("1e999") parse to Infinity; they are not usable data either.
  return Number.isFinite(v) ? v : undefined;
}

function isNumericRow(cells: string[]): boolean {
  return cells.every((c) => parseCell(c) !== undefined);
}

function isBlank(cells: string[]): boolean {
  return cells.length === 1 && cells[0].trim() === '';
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) count++; // \n
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) count++; // lone \r (a \r\n counts at its \n)
  }
  return count;
}

/**
 * Splits the text into records with papaparse and tags each with the line it starts on.
 * The step callback is used because only it reports where each record ends (meta.cursor),
 * which is what lets errors name real file lines even when blank lines were skipped.
 */
function readRecords(text: string): { records: CsvRecord[]; quoteError?: { line: number; message: string } } {
  const records: CsvRecord[] = [];
  let quoteError: { line: number; message: string } | undefined;
  let start = 0;
  let line = 1;
  Papa.parse<string[]>(text, {
    delimitersToGuess: [',', '\t', ';', '|'],
    step: (result, parser) => {
      const quoteProblem = result.errors.find((e) => e.type === 'Quotes');
      if (quoteProblem) {
        quoteError = { line, message: quoteProblem.message };
        parser.abort();
        return;
      }
      if (!isBlank(result.data)) records.push({ cells: result.data, line });
      const end = result.meta.cursor;
      line += countLineBreaks(text, start, end);
      start = end;
    },
  });
  return { records, quoteError };
}

/**
 * Parses a CSV of numeric columns into a Dataset. An optional header row is recognised when
 * the first record has a non-numeric cell but the second is all numeric; every error names
 * the file and the 1-based line (and column) so the user can fix the file directly.
 */
export function parseCsv(text: string, fileName: string): CsvParseResult {
  // Spreadsheet exports often start with a byte-order mark that would spoil the first cell.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const { records, quoteError } = readRecords(body);
  if (quoteError) return { ok: false, error: `${fileName} line ${quoteError.line}: ${quoteError.message}` };
  if (records.length === 0) return { ok: false, error: `${fileName} has no data rows` };

  const first = records[0];
  const firstIsNumeric = isNumericRow(first.cells);
  // A lone non-numeric row is read as a header: the file is then "only a header".
  const hasHeader = !firstIsNumeric && (records.length === 1 || isNumericRow(records[1].cells));
  const dataRecords = hasHeader ? records.slice(1) : records;
  if (dataRecords.length === 0) return { ok: false, error: `${fileName} has no data rows` };

  const d = dataRecords[0].cells.length;
  const n = dataRecords.length;
  const x = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const { cells, line } = dataRecords[i];
    if (cells.length !== d) {
      return { ok: false, error: `${fileName} line ${line}: expected ${d} columns, found ${cells.length}` };
    }
    for (let j = 0; j < d; j++) {
      const v = parseCell(cells[j]);
      if (v === undefined) {
        return { ok: false, error: `${fileName} line ${line}, column ${j + 1}: "${cells[j]}" is not a number` };
      }
      x[i * d + j] = v;
    }
  }
  return { ok: true, data: { x, n, d, name: fileName }, hasHeader };
}

/** Numeric column count of a CSV (what the data node records as `columns`); 0 if it does not parse. */
export function countCsvColumns(text: string): number {
  const parsed = parseCsv(text, 'data.csv');
  return parsed.ok ? parsed.data.d : 0;
}
