/** Writes a copy of the input with the verdict columns (ECM Status, Rules, Message, Expected) added. */
import { writeFile } from "node:fs/promises";
import { extname } from "node:path";
import ExcelJS from "exceljs";
import { stringify } from "csv-stringify/sync";
import { normaliseHeader, isBlank, RESULT_HEADERS, verdictMessage, verdictRules, type Cell, type Status, type Verdict } from "../engine";
import { InputError, type LoadedSheet } from "./read";

/** Excel's built-in Good / Neutral / Bad cell styles: readable fills with dark text. */
export const STATUS_STYLE: Record<Status, { fill: string; font: string }> = {
  OK: { fill: "FFC6EFCE", font: "FF006100" },
  WARN: { fill: "FFFFEB9C", font: "FF9C5700" },
  ERROR: { fill: "FFFFC7CE", font: "FF9C0006" },
};

/**
 * Zero-based column where the result columns go: where an earlier run put "ECM Status" in the
 * header row (re-used, not duplicated), else right of the last non-blank column of the sheet.
 */
export function resultColumn(grid: readonly (readonly Cell[])[], headerIndex: number): number {
  const header = grid[headerIndex] ?? [];
  const existing = header.findIndex((c) => typeof c === "string" && normaliseHeader(c) === normaliseHeader(RESULT_HEADERS[0]));
  if (existing >= 0) return existing;
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

function resultValues(v: Verdict | undefined): Cell[] {
  return v === undefined ? [null, null, null, null] : [v.status, verdictRules(v), verdictMessage(v), v.expected];
}

export async function writeAnnotated(out: string, input: LoadedSheet, headerRow: number, verdicts: readonly Verdict[]): Promise<void> {
  const ext = extname(out).toLowerCase();
  const headerIndex = headerRow - 1;
  const col = resultColumn(input.grid, headerIndex);
  const byRow = new Map(verdicts.map((v) => [v.row, v]));

  if (ext === ".csv") {
    const rows = input.grid.map((cells, i) => {
      const row = [...cells];
      while (row.length < col) row.push(null);
      const extra = i === headerIndex ? [...RESULT_HEADERS] : i > headerIndex ? resultValues(byRow.get(i + 1)) : [null, null, null, null];
      row.splice(col, 4, ...extra);
      return row.map((c) => (c instanceof Date ? c.toISOString().slice(0, 10) : c));
    });
    await writeFile(out, stringify(rows));
    return;
  }
  if (ext !== ".xlsx") throw new InputError(`--out must end in .xlsx or .csv, not "${ext || "(none)"}"`);

  let workbook = input.workbook;
  let ws: ExcelJS.Worksheet | undefined = workbook?.getWorksheet(input.sheetName);
  if (workbook === undefined || ws === undefined) {
    workbook = new ExcelJS.Workbook();
    ws = workbook.addWorksheet("Claims");
    for (const cells of input.grid) ws.addRow(cells.map((c) => (c === "" || c === undefined ? null : c)));
  }
  const header = ws.getRow(headerRow);
  RESULT_HEADERS.forEach((h, k) => {
    const cell = header.getCell(col + 1 + k);
    cell.value = h;
    cell.font = { bold: true };
  });
  for (let r = headerRow + 1; r <= input.grid.length; r++) {
    const v = byRow.get(r);
    const row = ws.getRow(r);
    resultValues(v).forEach((value, k) => {
      const cell = row.getCell(col + 1 + k);
      cell.value = value as ExcelJS.CellValue;
      if (k === 3 && v !== undefined) cell.numFmt = '"$"#,##0.00';
    });
    if (v !== undefined) {
      const style = STATUS_STYLE[v.status];
      const status = row.getCell(col + 1);
      status.fill = { type: "pattern", pattern: "solid", fgColor: { argb: style.fill } };
      status.font = { color: { argb: style.font }, bold: true };
    }
  }
  ws.getColumn(col + 3).width = 80;
  await workbook.xlsx.writeFile(out);
}
