/**
 * CSV files as Excel and other tools save them: the encoding (UTF-8 with or without BOM, UTF-16,
 * Windows-1252), the delimiter (comma, semicolon, tab) and the ="…" cells exports write, read as
 * Excel reads them.
 */
import { parse as parseCsv } from "csv-parse/sync";

/**
 * A CSV file's cells: `grid` as Excel reads them, and `raw` as written when some differ (the
 * `="00123"` idiom), so that a CSV copy keeps the user's cells. Throws csv-parse's error on text it
 * cannot read (an unclosed quote).
 */
export function parseCsvFile(bytes: Uint8Array): { grid: string[][]; raw?: string[][]; delimiter: string } {
  const text = decodeCsv(bytes);
  const delimiter = csvDelimiter(text);
  // relax_quotes: a quote inside an unquoted field is text (="00123", which exports write to keep
  // leading zeros), not a parse error that refuses the whole file.
  const raw = parseCsv(text, {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  }) as string[][];
  const grid = raw.map((cells) => (cells.some((c) => textFormulaValue(c) !== c) ? cells.map(textFormulaValue) : cells));
  return grid.some((cells, i) => cells !== raw[i]) ? { grid, raw, delimiter } : { grid, delimiter };
}

const TEXT_FORMULA = /^="((?:[^"]|"")*)"$/;

/**
 * A CSV cell as Excel reads it: `="00123"` (how exports keep leading zeros and long numbers as text;
 * Excel opening the file shows 00123) is the text inside, `""` an escaped quote; any other cell as it is.
 */
export function textFormulaValue(cell: string): string {
  const m = cell.charCodeAt(0) === 61 ? TEXT_FORMULA.exec(cell) : null;
  return m === null ? cell : (m[1] as string).replace(/""/g, '"');
}

/**
 * A CSV file's text: UTF-8 (with or without BOM), UTF-16 LE or BE (with BOM), else Windows-1252
 * (Excel's "CSV" on a Windows PC in the US) when the bytes are not valid UTF-8.
 */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    // not UTF-8: the bytes are Windows-1252 text (every byte is a character there)
    return new TextDecoder("windows-1252").decode(body);
  }
}

/** The delimiter of the header line: comma, semicolon (European Excel) or tab, whichever it has most of outside quotes. */
export function csvDelimiter(text: string): string {
  const end = text.indexOf("\n");
  const line = end < 0 ? text : text.slice(0, end);
  const counts = new Map([",", ";", "\t"].map((d) => [d, 0]));
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) as number) + 1);
  }
  let best = ",";
  for (const [d, n] of counts) if (n > (counts.get(best) as number)) best = d;
  return best;
}

/**
 * The rows below the header (grid index `headerIndex`) with more fields than the header line, as
 * grid indexes. A program that saves a CSV writes as many fields on every line (Excel fills short
 * lines out with empty ones), so such a row is one where a value holding the delimiter ("U8, GQ")
 * was not put in quotes: its values after that one sit in the wrong columns. The extra field may
 * well be empty: an outreach line's TAR, its last value, usually is.
 */
export function overfullRows(grid: readonly (readonly string[])[], headerIndex: number): number[] {
  const width = grid[headerIndex]?.length ?? 0;
  const rows: number[] = [];
  for (let r = headerIndex + 1; r < grid.length; r++) if ((grid[r] as readonly string[]).length > width) rows.push(r);
  return rows;
}
