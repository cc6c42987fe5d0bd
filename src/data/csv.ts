import Papa from 'papaparse';
import type { Dataset } from './dataset';

/** The largest finite float32: data are stored and trained as float32. */
const FLOAT32_MAX = 3.4028234663852886e38;

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
  return Number(s);
}

/** "1,5", "-0,25", "1.234,5": a number written with a decimal comma (a European export). */
const DECIMAL_COMMA = /^[+-]?(\d{1,3}(\.\d{3})+|\d+),\d+$/;

/** Why a cell is not a value, as the end of a sentence that starts with its line and column. */
function cellProblem(cell: string): string {
  const s = cell.trim();
  if (DECIMAL_COMMA.test(s)) {
    return `"${cell}" is written with a decimal comma; write decimals with a point (${s.replace(/\./g, '').replace(',', '.')}), or export the file with "." as the decimal separator`;
  }
  return `"${cell}" is not a number`;
}

/** A decimal comma still marks a row of numbers, so a header is recognised above one. */
function isNumericRow(cells: string[]): boolean {
  return cells.every((c) => parseCell(c) !== undefined || DECIMAL_COMMA.test(c.trim()));
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
 * Files with decimal commas separate fields with ';', and papaparse's guess can then pick
 * the comma (it splits "1,5;2" into "1" and "5;2"). The same number of semicolons on every
 * one of the first lines settles it.
 */
function semicolonSeparated(text: string): boolean {
  const lines = text.split(/\r\n|\n|\r/, 50).filter((l) => l.trim() !== '');
  if (lines.length === 0) return false;
  const count = (l: string) => l.split(';').length - 1;
  const first = count(lines[0]);
  return first > 0 && lines.every((l) => count(l) === first);
}

/**
 * A UTF-16 file read as UTF-8 (file.text(), readFileSync 'utf8') turns its byte-order mark
 * into two U+FFFD and puts a NUL beside every ASCII character; a NUL is never in a text CSV.
 */
function utf16Problem(text: string): string | undefined {
  const head = text.slice(0, 4096);
  const bom = head.startsWith('\uFFFD\uFFFD') || head.startsWith('\u00FF\u00FE') || head.startsWith('\u00FE\u00FF');
  const nuls = (head.match(/\u0000/g) ?? []).length;
  if (bom || nuls > 0) return 'the file is UTF-16 text (a spreadsheet\'s "Unicode text" export); save it as UTF-8 (for Excel: "CSV UTF-8") and load it again';
  return undefined;
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
    ...(semicolonSeparated(text) ? { delimiter: ';' } : { delimitersToGuess: [',', '\t', ';', '|'] }),
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
  const utf16 = utf16Problem(body);
  if (utf16) return { ok: false, error: `${fileName}: ${utf16}` };
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
        return { ok: false, error: `${fileName} line ${line}, column ${j + 1}: ${cellProblem(cells[j])}` };
      }
      if (!(Math.abs(v) <= FLOAT32_MAX)) {
        return { ok: false, error: `${fileName} line ${line}, column ${j + 1}: ${cells[j].trim()} is beyond float32's range (±3.4e38), the precision the model trains in; rescale the column (divide it by a power of ten) and load it again` };
      }
      x[i * d + j] = v;
    }
  }
  return { ok: true, data: { x, n, d, name: fileName }, hasHeader };
}

let rangeCache: { text: string; range: { min: number; max: number } | undefined } | undefined;

/**
 * The smallest and largest value of a CSV, for the likelihood checks; undefined when it
 * does not parse. One entry is kept: the editor asks on every analysis of the same text.
 */
export function csvValueRange(text: string): { min: number; max: number } | undefined {
  if (rangeCache?.text === text) return rangeCache.range;
  const parsed = text.trim() === '' ? undefined : parseCsv(text, 'data.csv');
  let range: { min: number; max: number } | undefined;
  if (parsed?.ok) {
    let min = Infinity;
    let max = -Infinity;
    for (const v of parsed.data.x) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    range = { min, max };
  }
  rangeCache = { text, range };
  return range;
}

/** Numeric column count of a CSV (what the data node records as `columns`); 0 if it does not parse. */
export function countCsvColumns(text: string): number {
  const parsed = parseCsv(text, 'data.csv');
  return parsed.ok ? parsed.data.d : 0;
}
