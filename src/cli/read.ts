/** Reads a .csv or .xlsx file into a grid of engine cells. */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import ExcelJS from "exceljs";
import { parse as parseCsv } from "csv-parse/sync";
import type { Cell } from "../engine";

export type Grid = Cell[][];

export interface LoadedSheet {
  kind: "csv" | "xlsx";
  sheetName: string;
  grid: Grid;
  /** The workbook, for writing an annotated copy of an .xlsx. */
  workbook?: ExcelJS.Workbook;
}

/** A problem with the input the user can fix: reported on stderr, exit code 2. */
export class InputError extends Error {}

/** ExcelJS cell value → engine cell (formulas give their cached result, rich text its text). */
export function excelCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("error" in value) return value.error;
  if ("result" in value) return value.result === undefined ? null : excelCell(value.result as ExcelJS.CellValue);
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

export async function loadSheet(file: string, sheet?: string): Promise<LoadedSheet> {
  const ext = extname(file).toLowerCase();
  if (ext !== ".csv" && ext !== ".xlsx") {
    throw new InputError(`${file}: unsupported file type "${ext || "(none)"}"; give a .csv or .xlsx file`);
  }
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (ext === ".csv") {
    if (sheet !== undefined) throw new InputError(`--sheet applies to .xlsx files only; ${file} is a CSV file`);
    try {
      const grid = parseCsv(data, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
      return { kind: "csv", sheetName: "csv", grid };
    } catch (e) {
      throw new InputError(`${file} is not valid CSV: ${(e as Error).message}`);
    }
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    throw new InputError(`${file} is not a readable .xlsx workbook: ${(e as Error).message}`);
  }
  const names = workbook.worksheets.map((w) => w.name);
  const ws = sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheet);
  if (ws === undefined) {
    throw new InputError(
      sheet === undefined ? `${file} has no worksheets` : `no sheet named "${sheet}" in ${file}; sheets: ${names.map((n) => `"${n}"`).join(", ")}`,
    );
  }
  return { kind: "xlsx", sheetName: ws.name, grid: sheetGrid(ws), workbook };
}
