/**
 * The Office.js building blocks of the pane's Excel module (./excel-io): one Excel.run whose errors
 * become ExcelProblem with a message an analyst can act on, block ↔ range, and the steps several
 * calls share (the selected Table, a sheet or a new one, the add-in's own conditional formats). Only
 * this module and ./excel-io talk to Excel, with src/functions/date-probe.ts (the date-system probe
 * the custom functions share).
 */
import { STATUS_COLOURS } from "../engine";
import { ExcelProblem, type Block, type MembersSource } from "./io";

/** Excel on the web refuses a request or response over 5 MB (the pane's chunks stay well below; this is the last resort). */
const PAYLOAD =
  "The data was too large for one request to Excel (Excel on the web allows 5 MB per request). Try again; if it persists, validate the claims in smaller parts or in Excel on Windows or Mac. Nothing was changed.";

/** Text format: values written to such cells stay as written. */
export const TEXT = "@";

/** Turns what Excel throws into an ExcelProblem; anything else is rethrown unchanged. */
export function explain(error: unknown): never {
  const e = error as { code?: string; message?: string };
  if (error instanceof ExcelProblem || typeof e?.code !== "string") throw error;
  const messages: Record<string, string> = {
    InvalidOperationInCellEditMode: "Excel is busy editing a cell. Press Enter or Esc in the sheet, then try again.",
    AccessDenied:
      "The sheet or workbook is protected or read-only. Unprotect it (Review > Unprotect Sheet) or open an editable copy, then try again.",
    EditModeConflict: "Someone else is editing the same cells (co-authoring). Wait a moment, then try again.",
    Conflict: "Someone else changed the workbook at the same time (co-authoring). Wait a moment, then try again.",
    ItemNotFound: "The sheet or table was renamed or deleted. Select the claims again and retry.",
    RequestPayloadSizeLimitExceeded: PAYLOAD,
    ResponsePayloadSizeLimitExceeded: PAYLOAD,
  };
  throw new ExcelProblem(messages[e.code] ?? `Excel reported: ${e.message ?? e.code} (${e.code})`, e.code);
}

export async function run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  try {
    return await Excel.run(batch);
  } catch (error) {
    return explain(error);
  }
}

export const blockOf = (r: { rowIndex: number; columnIndex: number; rowCount: number; columnCount: number }): Block => ({
  row: r.rowIndex,
  col: r.columnIndex,
  rows: r.rowCount,
  cols: r.columnCount,
});

export const rangeOf = (sheet: Excel.Worksheet, b: Block): Excel.Range => sheet.getRangeByIndexes(b.row, b.col, b.rows, b.cols);

/**
 * A members list's range: the sheet's used range (values only; a null object when the sheet is
 * empty, so `nullable`) or the Table's range; undefined when there is no such sheet or Table.
 */
export async function sourceRange(
  context: Excel.RequestContext,
  source: MembersSource,
): Promise<{ range: Excel.Range; nullable: boolean } | undefined> {
  if ("sheet" in source) {
    const sheet = context.workbook.worksheets.getItemOrNullObject(source.sheet);
    await context.sync();
    return sheet.isNullObject ? undefined : { range: sheet.getUsedRangeOrNullObject(true), nullable: true };
  }
  const table = context.workbook.tables.getItemOrNullObject(source.table);
  await context.sync();
  return table.isNullObject ? undefined : { range: table.getRange(), nullable: false };
}

/**
 * The sheet of that name, or a new one (`added`); an ExcelProblem when it would have to be added
 * to a workbook whose structure is protected (Review > Protect Workbook). One sync.
 */
export async function sheetOrNew(context: Excel.RequestContext, name: string): Promise<{ ws: Excel.Worksheet; added: boolean }> {
  const ws = context.workbook.worksheets.getItemOrNullObject(name);
  const structure = context.workbook.protection;
  structure.load("protected");
  await context.sync();
  if (!ws.isNullObject) return { ws, added: false };
  if (structure.protected)
    throw new ExcelProblem(
      `the workbook's structure is protected (Review > Protect Workbook), so the sheet "${name}" cannot be added.`,
      "StructureProtected",
    );
  return { ws: context.workbook.worksheets.add(name), added: true };
}

/** The Excel Table under the selection, if any; a selection of several areas has none (getSelectedRange throws on it). */
export async function selectedTable(context: Excel.RequestContext): Promise<Excel.Table | undefined> {
  const tables = context.workbook.getSelectedRange().getTables(false);
  tables.load("items/name");
  try {
    await context.sync();
  } catch (error) {
    if ((error as { code?: string }).code === Excel.ErrorCodes.invalidSelection) return undefined;
    throw error;
  }
  // eslint-disable-next-line office-addins/load-object-before-read -- loaded above as "items/name"; the rule does not read load paths
  return tables.items[0];
}

/**
 * Deletes the add-in's own rules ("text begins with OK/WARN/ERROR") on a range. The types are
 * loaded first and the text rules read one by one: loading items/textComparison/rule on a range
 * that also has a colour scale or data bars fails (office-js #2180).
 */
export async function deleteOwnRules(context: Excel.RequestContext, range: Excel.Range): Promise<void> {
  const formats = range.conditionalFormats;
  formats.load("items/type");
  await context.sync();
  const texts = formats.items.filter((cf) => cf.type === Excel.ConditionalFormatType.containsText);
  if (texts.length === 0) return;
  for (const cf of texts) cf.textComparison.load("rule");
  await context.sync();
  for (const cf of texts) if (cf.textComparison.rule.text in STATUS_COLOURS) cf.delete();
}
