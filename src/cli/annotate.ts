/** Writes a copy of the input with the verdict columns (ECM Status, Rules, Message, Expected) added. */
import { writeFile } from "node:fs/promises";
import { extname } from "node:path";
import ExcelJS from "exceljs";
import { stringify } from "csv-stringify/sync";
import { normaliseHeader, isBlank, resultCells, RESULT_HEADERS, STATUS_COLOURS, type Cell, type Status, type Verdict } from "../engine";
import { InputError } from "./input-file";
import { clearOfMerges } from "./merged-cells";
import { writableDate } from "./excel-dates";
import { encodeText, type CsvEncoding } from "./csv-encoding";
import type { LoadedSheet } from "./read";
import { neutralised } from "./report";
import { keepCharactersWritten, xstring } from "./xstring";

/**
 * Zero-based column where the result columns go: where an earlier run of this tool wrote them
 * (the four headings ECM Status, Rules, Message, Expected side by side, and a status column holding
 * only OK, WARN, ERROR or nothing), re-used rather than duplicated; else the first free column
 * right of the data. A column of the user's that is merely headed like a result column ("ECM
 * Status" followed by their own Notes) is never written over.
 */
export function resultColumn(grid: readonly (readonly Cell[])[], headerIndex: number): number {
  const header = grid[headerIndex] ?? [];
  const headed = (c: number, k: number) => {
    const cell = header[c + k];
    return typeof cell === "string" && normaliseHeader(cell) === normaliseHeader(RESULT_HEADERS[k] as string);
  };
  for (let c = 0; c + 4 <= header.length; c++) {
    if (![0, 1, 2, 3].every((k) => headed(c, k))) continue;
    const ours = grid.slice(headerIndex + 1).every((row) => {
      const status = row[c];
      return isBlank(status) || status === "OK" || status === "WARN" || status === "ERROR";
    });
    if (ours) return c;
  }
  let width = 0;
  for (const row of grid) {
    for (let c = row.length - 1; c >= width; c--) {
      if (!isBlank(row[c])) {
        width = c + 1;
        break;
      }
    }
  }
  return width;
}

/**
 * The encoding of a CSV copy: the input's (csv-encoding.ts), so that its accented letters read in
 * Excel as they did, except UTF-16: Excel reads a UTF-16 file as tab-delimited "Unicode Text", so a
 * comma-delimited copy is written as Excel's "CSV UTF-8" (UTF-8 with a byte-order mark). The caller
 * writes UTF-8 with a byte-order mark too when the encoding has no byte for a character of the copy.
 */
function copyEncoding(input: CsvEncoding | undefined): CsvEncoding {
  return input === undefined ? "utf-8" : input === "utf-16le" || input === "utf-16be" ? "utf-8-bom" : input;
}

/** A text NA to be written in quotes (see writeAnnotated). */
const QUOTED_NA = Object.freeze({ quotedText: "NA" });

export async function writeAnnotated(out: string, input: LoadedSheet, headerRow: number, verdicts: Iterable<Verdict>): Promise<void> {
  const ext = extname(out).toLowerCase();
  const headerIndex = headerRow - 1;
  // Right of the data, and of any merged range the result cells would fall in (merged-cells.ts).
  const col = clearOfMerges(resultColumn(input.grid, headerIndex), RESULT_HEADERS.length, input.merges ?? [], headerIndex);
  const byRow = new Map(Array.from(verdicts, (v) => [v.row, v]));

  if (ext === ".csv") {
    // Only the header and the rows with a verdict are widened to the result columns: a stray cell
    // far right must not make a million blank rows thousands of cells wide.
    // In a file with R's missing value (an unquoted NA, csv.ts), a text NA was quoted: it is written
    // quoted again, so that the copy reads back as the file did.
    const textNa = input.missing !== undefined;
    // A semicolon file (Excel under a European regional format) is copied with semicolons, and its
    // expected amounts with a decimal comma when it writes amounts so, as that Excel reads them.
    const delimiter = input.delimiter === ";" ? ";" : ",";
    const amount = (v: unknown): unknown => (input.decimalComma === true && typeof v === "number" ? String(v).replace(".", ",") : v);
    const rows = (input.raw ?? input.grid).map((cells, i) => {
      const extra =
        i === headerIndex ? [...RESULT_HEADERS] : i > headerIndex && byRow.has(i + 1) ? resultCells(byRow.get(i + 1)) : undefined;
      const row = cells.map((c, k): unknown =>
        c instanceof Date ? c.toISOString().slice(0, 10) : textNa && c === "NA" && input.grid[i]?.[k] === "NA" ? QUOTED_NA : c,
      );
      if (extra === undefined) return row; // rows above the header and blank rows stay exactly as they are
      while (row.length < col) row.push(null);
      row.splice(col, 4, ...extra.map((v) => (typeof v === "string" ? neutralised(v) : amount(v)))); // its own cells only
      return row;
    });
    const text = stringify(rows, {
      delimiter,
      record_delimiter: input.lineEnd ?? "\n", // as the input ends its lines
      cast: { object: (o) => (o === QUOTED_NA ? { value: "NA", quoted: true } : JSON.stringify(o)) },
    });
    await writeFile(out, encodeText(text, copyEncoding(input.encoding)) ?? (encodeText(text, "utf-8-bom") as Uint8Array));
    return;
  }
  if (ext !== ".xlsx") throw new InputError(`--out must end in .xlsx or .csv, not "${ext || "(none)"}"`);
  if (col + 4 > XLSX_COLUMNS) {
    throw new InputError(
      `the sheet has cells up to column XFD, Excel's last: no room for the four result columns; remove the stray cells right of the claims, or write a CSV copy (--out copy.csv)`,
    );
  }

  keepCharactersWritten(); // ExcelJS's writer drops control characters and DEL (xstring.ts)
  if (input.workbook !== undefined) await writeFullModel(out, input.workbook, input, headerRow, col, byRow);
  else await writeStreamed(out, input, headerRow, col, byRow);
}

/** Rows written between turns of the event loop in a streamed copy. */
const DRAIN_ROWS = 2_000;

/** Columns of an Excel sheet (A..XFD). */
const XLSX_COLUMNS = 16_384;

/** "#FFC7CE" → "FFFFC7CE" (opaque ARGB, as .xlsx files spell colours). */
const argb = (hex: string): string => `FF${hex.replace("#", "").toUpperCase()}`;

/**
 * Shared style objects: ExcelJS caches a style's id by object identity, so one object per kind of
 * cell (not one per cell) keeps large copies fast.
 */
const STATUS_STYLE_OBJECT = Object.fromEntries(
  Object.entries(STATUS_COLOURS).map(([status, s]) => [
    status,
    { fill: { type: "pattern", pattern: "solid", fgColor: { argb: argb(s.fill) } }, font: { color: { argb: argb(s.font) }, bold: true } },
  ]),
) as Record<Status, Partial<ExcelJS.Style>>;
const MONEY_STYLE: Partial<ExcelJS.Style> = { numFmt: '"$"#,##0.00' };
const DATE_STYLE: Partial<ExcelJS.Style> = { numFmt: "yyyy-mm-dd" };
const PLAIN_STYLE: Partial<ExcelJS.Style> = {};
const HEADING_STYLE: Partial<ExcelJS.Style> = { font: { bold: true } };

/** Sets the four result cells of one row (values, status colours, money format); empty ones stay empty. */
function putResults(row: ExcelJS.Row, col: number, v: Verdict | undefined): void {
  const values = resultCells(v);
  for (let k = 0; k < 4; k++) {
    const value = values[k];
    if (value === "") {
      const old = row.findCell(col + 1 + k); // a result of an earlier run
      if (old !== undefined) old.value = null;
      continue;
    }
    const cell = row.getCell(col + 1 + k);
    cell.value = (typeof value === "string" ? xstring(value) : value) as ExcelJS.CellValue;
    if (v !== undefined && k === 0) cell.style = STATUS_STYLE_OBJECT[v.status];
    else if (v !== undefined && k === 3) cell.style = MONEY_STYLE;
    else cell.style = PLAIN_STYLE; // shared: see writeStreamed
  }
}

function putHeadings(row: ExcelJS.Row, col: number): void {
  RESULT_HEADERS.forEach((h, k) => {
    const cell = row.getCell(col + 1 + k);
    cell.value = h;
    cell.style = HEADING_STYLE;
  });
}

/** Small workbooks: the loaded model with its formats, plus the result columns. */
async function writeFullModel(
  out: string,
  workbook: ExcelJS.Workbook,
  input: LoadedSheet,
  headerRow: number,
  col: number,
  byRow: Map<number, Verdict>,
): Promise<void> {
  const ws = workbook.getWorksheet(input.sheetName);
  if (ws === undefined) throw new InputError(`sheet "${input.sheetName}" disappeared while writing`);
  putHeadings(ws.getRow(headerRow), col);
  for (let r = headerRow + 1; r <= input.grid.length; r++) putResults(ws.getRow(r), col, byRow.get(r));
  ws.getColumn(col + 3).width = 80;
  await workbook.xlsx.writeFile(out);
}

/**
 * Large workbooks (and CSV input): streamed out with ExcelJS's streaming writer, every sheet's
 * values in order, dates formatted as dates, plus the result columns on the validated sheet.
 * Formats other than dates, money and the status colours are not carried over.
 */
async function writeStreamed(out: string, input: LoadedSheet, headerRow: number, col: number, byRow: Map<number, Verdict>): Promise<void> {
  const sheets = input.sheets ?? [{ name: input.kind === "csv" ? "Claims" : input.sheetName, grid: input.grid }];
  const target = input.sheets === undefined ? sheets[0]?.name : input.sheetName;
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false });
  for (const sheet of sheets) {
    const ws = writer.addWorksheet(sheet.name, { state: sheet.state ?? "visible" });
    const annotate = sheet.name === target;
    if (annotate) ws.getColumn(col + 3).width = 80;
    // Merged ranges first, while none of their rows is written (the streaming writer merges cells
    // of rows it still holds). Rows are then filled by number, not appended.
    for (const range of sheet.merges ?? []) ws.mergeCells(range);
    for (let i = 0; i < sheet.grid.length; i++) {
      // Let the zip stream compress and write what the rows so far gave it: without a turn of the
      // event loop the whole sheet's XML (tens of MB for 200,000 rows) waits in memory until the
      // last row. (The CLI's occasional 1 GB runs are V8 growing its heap: PERFORMANCE.md §2.)
      if (i % DRAIN_ROWS === DRAIN_ROWS - 1) await new Promise((resolve) => setImmediate(resolve));
      const cells = sheet.grid[i] as readonly Cell[];
      const row = ws.getRow(i + 1);
      for (let k = 0; k < cells.length; k++) {
        const c = cells[k];
        if (c === "" || c === undefined || c === null) continue;
        const cell = row.getCell(k + 1);
        // A merged range's other cells: setting one would set the top-left cell, which holds the value.
        if (cell.type === ExcelJS.ValueType.Merge) continue;
        // The file's form of the text read; a date before 1900-03-01 as ExcelJS's writer counts it (excel-dates.ts).
        cell.value = typeof c === "string" ? xstring(c) : c instanceof Date ? writableDate(c) : c;
        // A shared style object: a cell's own style object would be serialised to look its style
        // id up (a third of the write).
        cell.style = c instanceof Date ? DATE_STYLE : PLAIN_STYLE;
      }
      if (annotate && i + 1 === headerRow) putHeadings(row, col);
      else if (annotate && i + 1 > headerRow) putResults(row, col, byRow.get(i + 1));
      row.commit();
    }
    ws.commit();
  }
  await writer.commit();
}
