/**
 * Reads a .csv or .xlsx file into a grid of engine cells. Workbooks are streamed (ExcelJS's
 * streaming reader: fast, little memory); only a small workbook that is to be copied with its
 * formatting (--out) is loaded as a full model.
 */
import { readFile, stat } from "node:fs/promises";
import { extname } from "node:path";
import ExcelJS from "exceljs";
import { parse as parseCsv } from "csv-parse/sync";
import type { Cell } from "../engine";

export type Grid = Cell[][];

export interface LoadedSheet {
  kind: "csv" | "xlsx";
  sheetName: string;
  grid: Grid;
  /** Small workbooks copied with --out: the full model, so the copy keeps every format. */
  workbook?: ExcelJS.Workbook;
  /** Streamed workbooks copied with --out: every sheet's values, in workbook order. */
  sheets?: { name: string; grid: Grid }[];
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

/** A problem with the input the user can fix: reported on stderr, exit code 2. */
export class InputError extends Error {}

/** ExcelJS cell value → engine cell (formulas give their cached result, rich text its text). */
export function excelCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
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

export function sheetGrid(ws: ExcelJS.Worksheet): Grid {
  const grid: Grid = [];
  const width = ws.columnCount;
  for (let r = 1; r <= ws.rowCount; r++) {
    const values = ws.getRow(r).values as ExcelJS.CellValue[];
    const row: Cell[] = new Array(width);
    for (let c = 0; c < width; c++) row[c] = excelCell(values[c + 1]);
    grid.push(row);
  }
  return grid;
}

function toRow(values: ExcelJS.CellValue[] | { [key: string]: ExcelJS.CellValue }): Cell[] {
  const list = Array.isArray(values) ? values : [];
  const row: Cell[] = new Array(Math.max(0, list.length - 1));
  for (let c = 1; c < list.length; c++) row[c - 1] = excelCell(list[c]);
  return row;
}

interface StreamedBook {
  model?: { sheets?: { name: string; rId?: string }[] };
  workbookRels?: { Id: string; Target: string }[];
}

/**
 * A streamed worksheet's name. ExcelJS's streaming reader names a sheet only when the workbook's
 * relationship target is written relative ("worksheets/sheet1.xml"); openpyxl and pandas write
 * absolute targets ("/xl/worksheets/sheet1.xml"), which it leaves unnamed. Match those too.
 */
function streamedName(reader: StreamedBook, ws: { name: string; id?: number | string }): string {
  const relative = (target: string) => target.replace(/^\/?xl\//, "").replace(/^\//, "");
  const rel = (reader.workbookRels ?? []).find((r) => relative(r.Target) === `worksheets/sheet${ws.id}.xml`);
  const named = rel === undefined ? undefined : reader.model?.sheets?.find((s) => s.rId === rel.Id)?.name;
  return named ?? ws.name; // else ExcelJS's own ("Sheet<n>" when it found none either)
}

/** Streams the workbook: the target sheet's grid, and every sheet's when `all`. */
async function streamWorkbook(
  file: string,
  sheet: string | undefined,
  all: boolean,
  orFirst = false,
): Promise<{ target?: { name: string; grid: Grid }; sheets: { name: string; grid: Grid }[]; names: string[] }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  const sheets: { name: string; grid: Grid }[] = [];
  const names: string[] = [];
  let target: { name: string; grid: Grid } | undefined;
  let firstSheet: { name: string; grid: Grid } | undefined;
  for await (const ws of reader) {
    const name = streamedName(reader as unknown as StreamedBook, ws as unknown as { name: string; id?: number | string });
    names.push(name);
    const first = (reader as unknown as StreamedBook).model?.sheets?.[0]?.name ?? name;
    const isTarget = target === undefined && (sheet === undefined ? name === first : name === sheet);
    const keepAsFirst = orFirst && firstSheet === undefined && name === first;
    const keep = all || isTarget || keepAsFirst;
    const grid: Grid = [];
    for await (const row of ws) {
      if (!keep) continue;
      while (grid.length < row.number - 1) grid.push([]);
      grid.push(toRow(row.values));
    }
    if (isTarget) target = { name, grid };
    if (keepAsFirst) firstSheet = { name, grid };
    if (all) sheets.push({ name, grid });
  }
  return { target: target ?? firstSheet, sheets, names };
}

export async function loadSheet(file: string, options: LoadOptions = {}): Promise<LoadedSheet> {
  const { sheet, forCopy = false, fullModelMaxBytes = FULL_MODEL_MAX_BYTES, orFirstSheet = false } = options;
  const ext = extname(file).toLowerCase();
  if (ext !== ".csv" && ext !== ".xlsx") {
    throw new InputError(`${file}: unsupported file type "${ext || "(none)"}"; give a .csv or .xlsx file`);
  }
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (ext === ".csv") {
    if (sheet !== undefined && !orFirstSheet) throw new InputError(`--sheet applies to .xlsx files only; ${file} is a CSV file`);
    try {
      const grid = parseCsv(await readFile(file), { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
      return { kind: "csv", sheetName: "csv", grid };
    } catch (e) {
      throw new InputError(`${file} is not valid CSV: ${(e as Error).message}`);
    }
  }
  if (forCopy && size <= fullModelMaxBytes) return loadFullModel(file, sheet, orFirstSheet);
  let streamed: Awaited<ReturnType<typeof streamWorkbook>>;
  try {
    streamed = await streamWorkbook(file, sheet, forCopy, orFirstSheet);
  } catch (e) {
    throw new InputError(`${file} is not a readable .xlsx workbook: ${(e as Error).message}`);
  }
  if (streamed.target === undefined) throw noSheet(file, sheet, streamed.names);
  return { kind: "xlsx", sheetName: streamed.target.name, grid: streamed.target.grid, sheets: forCopy ? streamed.sheets : undefined };
}

function noSheet(file: string, sheet: string | undefined, names: readonly string[]): InputError {
  return new InputError(
    sheet === undefined
      ? `${file} has no worksheets`
      : `no sheet named "${sheet}" in ${file}; sheets: ${names.map((n) => `"${n}"`).join(", ")}`,
  );
}

async function loadFullModel(file: string, sheet: string | undefined, orFirst: boolean): Promise<LoadedSheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
  } catch (e) {
    throw new InputError(`${file} is not a readable .xlsx workbook: ${(e as Error).message}`);
  }
  const ws =
    sheet === undefined ? workbook.worksheets[0] : (workbook.getWorksheet(sheet) ?? (orFirst ? workbook.worksheets[0] : undefined));
  if (ws === undefined)
    throw noSheet(
      file,
      sheet,
      workbook.worksheets.map((w) => w.name),
    );
  return { kind: "xlsx", sheetName: ws.name, grid: sheetGrid(ws), workbook };
}
