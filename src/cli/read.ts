/**
 * Reads a .csv or .xlsx file into a grid of engine cells. Workbooks are streamed (ExcelJS's
 * streaming reader: fast, little memory); only a small workbook that is to be copied with its
 * formatting (--out) is loaded as a full model. What the file is, and why it cannot be read when
 * it cannot, is input-file.ts's.
 */
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { findHeader, HEADER_SEARCH_ROWS, looksLikeMembersList, rateBookRateColumn, type Cell } from "../engine";
import { loadCopyModel, type CopyModel } from "./copy-model";
import { inputFile, InputError, unreadable } from "./input-file";
import { hideMergedCells } from "./merged-cells";
import { excelDate, keepSerialsPastLastDay } from "./excel-dates";
import { placeRow } from "./grid-rows";
import { relativeTarget, worksheetsOf } from "./sheet-parts";
import { DamagedPart, patchWorksheetXml, readThroughCentralDirectory, sheetPartOf } from "./xlsx-patch";
import { parseCsvFile, type LineEnd, type MissingCells } from "./csv";
import type { CsvEncoding } from "./csv-encoding";

export type Grid = Cell[][];

/**
 * Whether a sheet's state hides it: "hidden" or "veryHidden" (ECMA-376 Part 1, 18.18.68
 * ST_SheetState). Any other value is the default, visible (a writer in ExcelJS's test data writes
 * state="show"; that sheet was skipped as hidden).
 */
const isHidden = (state: string | undefined): state is "hidden" | "veryHidden" => state === "hidden" || state === "veryHidden";

/** One sheet of a streamed workbook: its values, and its visibility (Excel's sheet states). */
export interface StreamedSheet {
  name: string;
  grid: Grid;
  state?: "visible" | "hidden" | "veryHidden";
  /** Its merged ranges ("A1:C1"). */
  merges?: readonly string[];
}

/** The one row every row a workbook skips is read as; frozen, as many rows share it. */
const NO_CELLS = Object.freeze([]) as unknown as Cell[];

export interface LoadedSheet {
  kind: "csv" | "xlsx";
  sheetName: string;
  grid: Grid;
  /** Small workbooks copied with --out: the full model, so the copy keeps every format. */
  workbook?: ExcelJS.Workbook;
  /** Streamed workbooks copied with --out: every sheet's values, in workbook order, and whether it is hidden. */
  sheets?: StreamedSheet[];
  /** A workbook's sheet names in order, hidden ones marked, for messages that suggest --sheet. */
  sheetNames?: string[];
  /** The sheet's merged ranges ("A2:A4"): only their top-left cell holds the value. */
  merges?: string[];
  /**
   * The workbook's other visible sheets whose first rows hold a claims header (one sheet per month,
   * as analysts keep them): not read, and the report says so.
   */
  otherClaimSheets?: string[];
  /** The workbook's other visible sheets whose first rows hold a members list's header (member ID, enrollment date). */
  membersSheets?: string[];
  /** The workbook's other visible sheets whose first rows hold a rate book's header (HCPCS, Rate, Kind, TAR required). */
  rateBookSheets?: string[];
  /** What an annotated .xlsx copy of this workbook leaves out ("charts", "pivot tables"): the report says so. */
  copyLeavesOut?: string[];
  /**
   * An .xlsx read for a copy but too large to load as a full model (over `fullModelMaxBytes`): the
   * copy is written from the values of every sheet (annotate.ts, writeStreamed), without formats,
   * formulas, comments or Tables (hidden sheets stay hidden, merged ranges merged), and the report says so. `bytes`: the file's size.
   */
  valuesOnlyCopy?: { bytes: number };
  /**
   * A CSV file's cells as written, when some differ from how Excel reads them (`grid`): the
   * `="00123"` idiom. A CSV copy writes these, so the user's cells stay as they were.
   */
  raw?: Grid;
  /** A CSV file whose amounts are written with a decimal comma ("1234,5"), read as amounts (decimal-comma.ts). */
  decimalComma?: boolean;
  /** A CSV file's delimiter (comma, semicolon or tab: csv.ts csvDelimiter). */
  delimiter?: string;
  /** A CSV file's unquoted NA cells (R's missing value), read as empty: csv.ts parseCsvFile. */
  missing?: MissingCells;
  /** A CSV file's character encoding (csv-encoding.ts): a CSV copy is written in it. */
  encoding?: CsvEncoding;
  /** A CSV file's line ends (csv.ts lineEndOf): a CSV copy is written with them. */
  lineEnd?: LineEnd;
}

export interface LoadOptions {
  sheet?: string;
  /** When the workbook has no sheet named `sheet`, read its first sheet instead of failing. */
  orFirstSheet?: boolean;
  /** The caller will write an annotated .xlsx copy: keep what that needs. */
  forCopy?: boolean;
  /** Largest .xlsx loaded as a full model for a copy (default FULL_MODEL_MAX_BYTES). */
  fullModelMaxBytes?: number;
}

/** Up to this size an .xlsx to be copied is loaded as a full model (formats kept); above, streamed. */
export const FULL_MODEL_MAX_BYTES = 2 * 1024 * 1024;

/**
 * A character XML cannot hold is written `_xHHHH_` in a cell's text (ECMA-376 Part 1, 22.9.2.19,
 * ST_Xstring): Excel writes a carriage return as `_x000D_` (a member ID pasted from a Windows text
 * with its line end), and a literal "_x0030_" as "_x005F_x0030_". ExcelJS left them as written, so
 * "90000001A_x000D_" was another member than "90000001A". They read as Excel shows them.
 */
const ESCAPED = /_x([0-9A-Fa-f]{4})_/g;
export const unescapedText = (text: string): string =>
  text.includes("_x") ? text.replace(ESCAPED, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;

/** ExcelJS cell value → engine cell (formulas give their cached result, rich text its text). */
export function excelCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return unescapedText(value);
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return excelDate(value); // serials 0–60 as Excel shows them (./excel-dates)
  if ("richText" in value) return unescapedText(value.richText.map((r) => r.text).join(""));
  if ("error" in value) return value.error;
  if ("result" in value && value.result !== undefined) return excelCell(value.result as ExcelJS.CellValue);
  // A formula saved without its value (openpyxl, some exporters): its text, which the engine
  // reports as a formula without a calculated value; the row is not blank.
  if ("formula" in value && typeof value.formula === "string") return `=${value.formula}`;
  if ("sharedFormula" in value) return `=(formula shared with ${String(value.sharedFormula)})`;
  if ("result" in value) return null;
  if ("text" in value && typeof value.text === "string") return value.text;
  return null;
}

function toRow(values: ExcelJS.CellValue[] | { [key: string]: ExcelJS.CellValue }): Cell[] {
  const list = Array.isArray(values) ? values : [];
  const row: Cell[] = new Array(Math.max(0, list.length - 1));
  for (let c = 1; c < list.length; c++) row[c - 1] = excelCell(list[c]);
  return row;
}

interface StreamedBook {
  model?: { sheets?: { name: string; rId?: string; state?: string }[] };
  workbookRels?: { Id: string; Target: string; Type?: string }[];
}

/**
 * A streamed worksheet's name. ExcelJS's streaming reader names a sheet only when the workbook's
 * relationship target is written relative ("worksheets/sheet1.xml"); openpyxl and pandas write
 * absolute targets ("/xl/worksheets/sheet1.xml"), which it leaves unnamed. Match those too, by the
 * worksheet's part number (sheetPartOf), not its `id`, which is the sheetId once ExcelJS named it.
 */
function streamedName(reader: StreamedBook, ws: { name: string }, part: string | undefined): string {
  const rel = part === undefined ? undefined : reader.workbookRels?.find((r) => relativeTarget(r.Target) === `worksheets/sheet${part}.xml`);
  const named = rel === undefined ? undefined : reader.model?.sheets?.find((s) => s.rId === rel.Id)?.name;
  return named ?? ws.name; // else ExcelJS's own ("Sheet<n>" when it found none either)
}

/** Streams the workbook: the target sheet's grid, and every sheet's when `all`. */
async function streamWorkbook(
  file: string,
  sheet: string | undefined,
  all: boolean,
  orFirst = false,
): Promise<{
  target?: { name: string; grid: Grid; merges: string[] };
  sheets: StreamedSheet[];
  names: string[];
  otherClaimSheets: string[];
  membersSheets: string[];
  rateBookSheets: string[];
  complete: boolean;
}> {
  keepSerialsPastLastDay();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  const merges = new Map<string, string[]>();
  readThroughCentralDirectory(reader, file);
  patchWorksheetXml(reader, (sheetNo, ref) => merges.set(sheetNo, [...(merges.get(sheetNo) ?? []), ref]));
  const mergesOf = new Map<string, string[]>();
  const sheets: StreamedSheet[] = [];
  const names: string[] = [];
  let hidden = new Set<string>();
  let target: { name: string; grid: Grid } | undefined;
  let firstSheet: { name: string; grid: Grid } | undefined;
  /** The first rows of the sheets not kept, where a claims header would be. */
  const heads = new Map<string, Grid>();
  for await (const ws of reader) {
    const book = reader as unknown as StreamedBook;
    const part = sheetPartOf(ws);
    const name = streamedName(book, ws as unknown as { name: string }, part?.number);
    names.push(name);
    // The first visible sheet: hidden sheets (old exports, lookups) are skipped unless named.
    const listed = worksheetsOf(reader as unknown as StreamedBook);
    hidden = new Set(listed.filter((s) => isHidden(s.state)).map((s) => s.name));
    const first = (listed.find((s) => !isHidden(s.state)) ?? listed[0])?.name ?? name;
    const wanted =
      sheet === undefined
        ? first
        : sheetNamed(
            listed.map((s) => s.name),
            sheet,
          );
    const isTarget = target === undefined && name === wanted;
    const keepAsFirst = orFirst && firstSheet === undefined && name === first;
    const keep = all || isTarget || keepAsFirst;
    const grid: Grid = [];
    const head: Grid = [];
    try {
      for await (const row of ws) {
        if (!keep) {
          if (row.number <= HEAD_ROWS) placeRow(head, row.number, toRow(row.values), NO_CELLS);
          continue;
        }
        // Rows the file skips share one empty row: memory follows the rows that exist (a stray cell at
        // row 1,048,576 must not cost a million arrays). A row written in several elements is one row.
        placeRow(grid, row.number, toRow(row.values), NO_CELLS);
      }
    } catch (e) {
      throw new DamagedPart(`${part === undefined ? "" : `${part.name} `}(sheet "${name}")`, e);
    }
    const sheetMerges = (part === undefined ? undefined : merges.get(part.number)) ?? [];
    mergesOf.set(name, sheetMerges);
    if (keep) hideMergedCells(grid, sheetMerges);
    if (isTarget) target = { name, grid };
    if (keepAsFirst) firstSheet = { name, grid };
    const state = listed.find((s) => s.name === name)?.state;
    if (all)
      sheets.push({
        name,
        grid,
        state: isHidden(state) ? state : "visible",
        merges: mergesOf.get(name) ?? [],
      });
    heads.set(name, keep ? grid.slice(0, HEAD_ROWS) : head);
  }
  const chosen = target ?? firstSheet;
  const others = names.filter((n) => n !== chosen?.name && !hidden.has(n));
  const otherClaimSheets = others.filter((n) => findHeader(heads.get(n) ?? []).ok);
  const membersSheets = others.filter((n) => looksLikeMembersList(heads.get(n) ?? []));
  const rateBookSheets = others.filter((n) => !otherClaimSheets.includes(n) && rateBookRateColumn(heads.get(n) ?? []) !== undefined);
  return {
    target: chosen === undefined ? undefined : { ...chosen, merges: mergesOf.get(chosen.name) ?? [] },
    sheets,
    names: names.map((n) => (hidden.has(n) ? `${n} (hidden)` : n)),
    otherClaimSheets,
    membersSheets,
    rateBookSheets,
    // Whether the package has a workbook part (sheet names, date system): it is read before the
    // sheets (readThroughCentralDirectory), so a sheet is never named or dated without it.
    complete: (reader as unknown as StreamedBook).model !== undefined,
  };
}

export async function loadSheet(file: string, options: LoadOptions = {}): Promise<LoadedSheet> {
  const { sheet, forCopy = false, fullModelMaxBytes = FULL_MODEL_MAX_BYTES, orFirstSheet = false } = options;
  const { ext, delimited, size } = await inputFile(file);
  if (delimited) {
    if (sheet !== undefined && !orFirstSheet)
      throw new InputError(`--sheet applies to .xlsx files only; ${file} is a ${ext === ".csv" ? "CSV" : "text"} file`);
    const bytes = await readFile(file);
    try {
      const { grid, raw, delimiter, encoding, lineEnd, missing } = parseCsvFile(bytes);
      return {
        kind: "csv",
        sheetName: "csv",
        grid,
        delimiter,
        encoding,
        lineEnd,
        ...(raw === undefined ? {} : { raw }),
        ...(missing === undefined ? {} : { missing }),
      };
    } catch (e) {
      throw new InputError(`${file} is not valid CSV: ${(e as Error).message}`);
    }
  }
  if (forCopy && size <= fullModelMaxBytes) {
    // One reader semantics: the values always come from the streaming reader; the full model is
    // loaded only to keep the copy's formats, and reads each cell as the workbook wrote it
    // (copy-model.ts: ISO dates, "" formula results, linked numbers, as the streaming reader).
    const values = await streamSheet(file, sheet, false, orFirstSheet, size);
    const model = await loadFullModel(file, sheet, orFirstSheet);
    return {
      ...model,
      grid: values.grid,
      sheetName: values.sheetName,
      sheetNames: values.sheetNames,
      merges: values.merges,
      ...(values.otherClaimSheets === undefined ? {} : { otherClaimSheets: values.otherClaimSheets }),
      ...(values.membersSheets === undefined ? {} : { membersSheets: values.membersSheets }),
      ...(values.rateBookSheets === undefined ? {} : { rateBookSheets: values.rateBookSheets }),
    };
  }
  return streamSheet(file, sheet, forCopy, orFirstSheet, size);
}

/** The workbook's values through the streaming reader (and every sheet's, for a values-only copy, when `forCopy`); `size` in bytes. */
async function streamSheet(
  file: string,
  sheet: string | undefined,
  forCopy: boolean,
  orFirstSheet: boolean,
  size: number,
): Promise<LoadedSheet> {
  let streamed: Awaited<ReturnType<typeof streamWorkbook>>;
  try {
    streamed = await streamWorkbook(file, sheet, forCopy, orFirstSheet);
  } catch (e) {
    throw new InputError(unreadable(file, e as Error), { cause: e });
  }
  if (!streamed.complete) throw new InputError(`${file} is not a readable .xlsx workbook: it has no workbook part (xl/workbook.xml)`);
  if (streamed.target === undefined) throw noSheet(file, sheet, streamed.names);
  return {
    kind: "xlsx",
    sheetName: streamed.target.name,
    grid: streamed.target.grid,
    sheets: forCopy ? streamed.sheets : undefined,
    ...(forCopy ? { valuesOnlyCopy: { bytes: size } } : {}),
    sheetNames: streamed.names,
    merges: streamed.target.merges,
    otherClaimSheets: streamed.otherClaimSheets,
    membersSheets: streamed.membersSheets,
    rateBookSheets: streamed.rateBookSheets,
  };
}

/** Rows of another sheet looked at for a claims header: the header search's 20 non-blank rows, and blank ones between. */
const HEAD_ROWS = HEADER_SEARCH_ROWS * 2;

/**
 * The sheet a name given on the command line means: the sheet of that exact name, else the one
 * whose name differs only in case (`--sheet claims` is "Claims"): Office keeps sheet names unique
 * regardless of case ([MS-OI29500] 2.1.578: "Office requires that sheet names are case-insensitive
 * unique in any locale"); ExcelJS's getWorksheet compares exactly (exceljs/exceljs#3028). The name
 * as given when none matches.
 */
export function sheetNamed(names: readonly string[], wanted: string): string {
  if (names.includes(wanted)) return wanted;
  const upper = wanted.toUpperCase();
  return names.find((n) => n.toUpperCase() === upper) ?? wanted;
}

function noSheet(file: string, sheet: string | undefined, names: readonly string[]): InputError {
  return new InputError(
    sheet === undefined
      ? `${file} has no worksheets`
      : `no sheet named "${sheet}" in ${file}; sheets: ${names.map((n) => `"${n}"`).join(", ")}`,
  );
}

async function loadFullModel(file: string, sheet: string | undefined, orFirst: boolean): Promise<LoadedSheet> {
  let model: CopyModel;
  try {
    model = await loadCopyModel(await readFile(file));
  } catch (e) {
    // The claims were read (by the streaming reader, first): only the copy's model failed to load.
    throw new InputError(
      `${file}: an annotated .xlsx copy of this workbook cannot be made (ExcelJS: ${(e as Error).message}); the claims read fine without --out, or write a CSV copy with --out copy.csv`,
      { cause: e },
    );
  }
  const { workbook, leftOut } = model;
  const firstVisible = workbook.worksheets.find((w) => !isHidden(w.state)) ?? workbook.worksheets[0];
  const names = workbook.worksheets.map((w) => w.name);
  const ws = sheet === undefined ? firstVisible : (workbook.getWorksheet(sheetNamed(names, sheet)) ?? (orFirst ? firstVisible : undefined));
  if (ws === undefined) throw noSheet(file, sheet, names);
  // The values come from the streaming reader (loadSheet): the model is only written back out.
  return { kind: "xlsx", sheetName: ws.name, grid: [], workbook, ...(leftOut.length === 0 ? {} : { copyLeavesOut: leftOut }) };
}
