/**
 * CSV files as Excel and other tools save them: the encoding (UTF-8 with or without BOM, UTF-16,
 * Windows-1252, Mac OS Roman: csv-encoding.ts), the delimiter (comma, semicolon, tab) and the ="…" cells exports write, read as
 * Excel reads them.
 */
import { parse as parseCsv } from "csv-parse/sync";
import { columnLetters } from "../shared/columns";
import { decodeText, type CsvEncoding } from "./csv-encoding";

/** Where a CSV file writes R's missing value: how many cells, and the first (grid row and column indexes). */
export interface MissingCells {
  count: number;
  row: number;
  column: number;
}

/**
 * A CSV file's cells: `grid` as Excel reads them, and `raw` as written when some differ (the
 * `="00123"` idiom, an unquoted NA), so that a CSV copy keeps the user's cells. Throws csv-parse's
 * error on text it cannot read (an unclosed quote).
 */
export function parseCsvFile(bytes: Uint8Array): {
  grid: string[][];
  raw?: string[][];
  delimiter: string;
  encoding: CsvEncoding;
  lineEnd: LineEnd;
  missing?: MissingCells;
} {
  const { text, encoding } = decodeText(bytes);
  const delimiter = csvDelimiter(text);
  const lineEnd = lineEndOf(text);
  // relax_quotes: a quote inside an unquoted field is text (="00123", which exports write to keep
  // leading zeros), not a parse error that refuses the whole file.
  const options = { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false };
  // R's NA (below). Whether an NA field was quoted is asked only of a file that has a quoted one, and
  // then from the raw text of each record holding one (csv-parse's cast option, which would tell for
  // every field, took 10 s instead of 0.5 s to parse 200,000 rows).
  const mayHaveNa = NA_FIELD.test(text);
  const withRaw =
    mayHaveNa && QUOTED_NA_FIELD.test(text)
      ? (parseCsv(text, { ...options, raw: true }) as unknown as { record: string[]; raw: string }[])
      : undefined;
  const records = withRaw?.map((r) => r.record) ?? (parseCsv(text, options) as string[][]);
  const grid: string[][] = [];
  let missing: MissingCells | undefined;
  for (let r = 0; r < records.length; r++) {
    const cells = records[r] as string[];
    const na = mayHaveNa ? cells.indexOf("NA") : -1;
    let read = cells;
    if (na >= 0) {
      const line = withRaw?.[r]?.raw;
      const quoted = line?.includes('"NA"') === true ? quotedFields(line, delimiter) : undefined;
      read = cells.slice();
      for (let c = na; c < cells.length; c++) {
        if (cells[c] !== "NA" || quoted?.[c] === true) continue;
        read[c] = "";
        if (missing === undefined) missing = { count: 0, row: r, column: c };
        missing.count++;
      }
    }
    grid.push(read.some((c) => textFormulaValue(c) !== c) ? read.map(textFormulaValue) : read);
  }
  const differs = grid.some((cells, i) => cells !== records[i]);
  return { grid, delimiter, encoding, lineEnd, ...(differs ? { raw: records } : {}), ...(missing === undefined ? {} : { missing }) };
}

/** A CSV file's line ends: Windows' (Excel on a PC), Unix's, or the classic Mac's CR (Excel 2011 for Mac). */
export type LineEnd = "\r\n" | "\n" | "\r";

/** The line end of a text: its first line break's (one in a quoted value is rare before the header's end). */
export function lineEndOf(text: string): LineEnd {
  const at = text.search(/[\r\n]/);
  if (at < 0 || text[at] === "\n") return "\n";
  return text[at + 1] === "\n" ? "\r\n" : "\r";
}

/** Which fields of one CSV record's text are in quotes (a field is quoted when it starts with one). */
export function quotedFields(line: string, delimiter: string): boolean[] {
  const quoted: boolean[] = [];
  let k = 0;
  for (;;) {
    const inQuotes = line.charCodeAt(k) === 34;
    quoted.push(inQuotes);
    if (inQuotes) {
      // to the closing quote: "" inside is an escaped quote
      let end = line.indexOf('"', k + 1);
      while (end >= 0 && line.charCodeAt(end + 1) === 34) end = line.indexOf('"', end + 2);
      if (end < 0) return quoted;
      k = end + 1;
    }
    const next = line.indexOf(delimiter, k);
    if (next < 0) return quoted;
    k = next + delimiter.length;
  }
}

/**
 * R's missing value. write.csv and readr's write_csv write NA, unquoted, where a value is missing
 * (an empty Modifiers or enrollment-date cell: fixtures r-write-csv.csv, readr-write-csv.csv), so an
 * unquoted NA is an empty cell. write.csv puts every text in quotes, a text "NA" too, which is read
 * as written; readr writes a text NA unquoted since 2.1.3 (tidyverse/vroom#436: "the missing value
 * and the string NA are going to be written the same"), and it is then read as empty too, as R
 * itself reads it back. NA_FIELD finds the files that may have one, QUOTED_NA_FIELD those that
 * may also have a quoted one.
 */
const NA_FIELD = /(?:^|[,;\t])NA(?:\r?$|[,;\t])/m;
const QUOTED_NA_FIELD = /(?:^|[,;\t])"NA"(?:\r?$|[,;\t])/m;

/** The report's note on a file's NA cells (file: as the report names it). */
export function missingNote(file: string, missing: MissingCells): string {
  const cells = missing.count === 1 ? "its one such cell" : `its ${missing.count.toLocaleString("en-US")} such cells (the first`;
  const first = `in row ${missing.row + 1}, column ${columnLetters(missing.column)}`;
  return `${file} writes NA, unquoted, where a value is missing, as R's write.csv and readr's write_csv do: ${cells} ${first}${missing.count === 1 ? "" : ")"} ${missing.count === 1 ? "is" : "are"} read as empty. An NA in quotes ("NA") is read as the text NA.`;
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

/** How many non-blank lines `csvDelimiter` looks at: the header is among the first 20 non-blank rows (engine findHeader). */
const DELIMITER_LINES = 20;

/**
 * The delimiter (comma, semicolon as European Excel writes, or tab), from the first 20 non-blank
 * lines: the one that most lines hold equally often outside quotes (a file's lines hold as many as
 * it has columns less one), the higher count winning a tie. A title or notes line above the header
 * (which the header detection allows: "ECM claims, March 2026" above a semicolon header) and a
 * value holding other delimiters ("see note; call back; …" in a comma file) each stand alone.
 */
export function csvDelimiter(text: string): string {
  const DELIMITERS = [",", ";", "\t"];
  const counts = [0, 0, 0];
  /** Per delimiter: how many lines hold it n times (n > 0). */
  const lines = DELIMITERS.map(() => new Map<number, number>());
  let quoted = false;
  let filled = false; // the line has a character other than a space or a delimiter
  let seen = 0;
  for (let k = 0; k <= text.length && seen < DELIMITER_LINES; k++) {
    const ch = k < text.length ? text[k] : "\n";
    if (ch === '"') {
      quoted = !quoted;
      filled = true;
    } else if (ch === "\n" && !quoted) {
      counts.forEach((n, d) => {
        const byCount = lines[d] as Map<number, number>;
        if (n > 0) byCount.set(n, (byCount.get(n) ?? 0) + 1);
      });
      if (filled) seen++;
      counts.fill(0);
      filled = false;
    } else if (!quoted) {
      const d = DELIMITERS.indexOf(ch as string);
      if (d >= 0) counts[d] = (counts[d] as number) + 1;
      else if (ch !== " " && ch !== "\r") filled = true;
    }
  }
  let best = { delimiter: ",", lines: 0, count: 0 };
  lines.forEach((byCount, d) => {
    for (const [count, n] of byCount)
      if (n > best.lines || (n === best.lines && count > best.count)) best = { delimiter: DELIMITERS[d] as string, lines: n, count };
  });
  return best.delimiter;
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
