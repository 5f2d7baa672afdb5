/** The "ECM Summary" sheet: counts, totals by code, findings by rule, as-of date and rate table of a run. */
import { DEFAULT_RATES, formatDay, type Day, type RateTable, type Summary } from "../engine";
import { monthTable, rulesInOrder } from "../shared/report-text";
import { ExcelProblem, type ExcelIO, type Located, type StoredSettings } from "./io";

/**
 * Writes the "ECM Summary" sheet (unless a sheet of that name is someone else's). Returns a note
 * for the analyst when it was not written, and the settings (which remember the sheet as ours).
 */
export async function writeSummarySheet(
  io: ExcelIO,
  settings: StoredSettings,
  summary: Summary,
  located: Located,
  asOf: Day,
  now: Date,
  rates: RateTable = DEFAULT_RATES,
  /** The run's notes (merged cells, totals rows), listed under "Notes" at the end. */
  notes: readonly string[] = [],
): Promise<{ note?: string; settings: StoredSettings }> {
  const name = "ECM Summary";
  const months = monthTable(summary);
  if (settings.summarySheet !== name && (await io.sheetExists(name))) {
    return { note: `A sheet named "${name}" already exists and was not made by this add-in: the summary was not written.`, settings };
  }
  const rows: unknown[][] = [
    ["ECM claims check", ""],
    ["Claims", located.tableName === undefined ? located.sheetName : `${located.sheetName} / table ${located.tableName}`],
    ["Run at", now.toISOString()],
    ["As-of date", formatDay(asOf)],
    ["Rate table", rates.id],
    ["Rows checked", summary.rows],
    ["OK", summary.ok],
    ["WARN", summary.warn],
    ["ERROR", summary.error],
    ["Expected reimbursement", summary.expectedTotal],
    ...(summary.paid === undefined
      ? []
      : [
          ["Paid", summary.paid.total],
          ["Underpaid", summary.paid.underpaid],
          ["Overpaid", summary.paid.overpaid],
        ]),
    ["", ""],
    ["HCPCS", "Lines", "Expected"],
    ...Object.entries(summary.byCode).map(([code, t]) => [code, t.lines, t.expected]),
    ["", ""],
    ["Rule", "Findings", "Severity"],
    ...rulesInOrder(summary).map((r) => [r.rule, r.count, r.severity]),
    ["", ""],
    ["By service month", ""],
    months.header,
    ...months.rows,
  ];
  // The notes come last and are not fitted: a note is a sentence, which would widen column A.
  const fitted = rows.length;
  if (notes.length > 0) rows.push(["", ""], ["Notes", ""], ...notes.map((n) => [n, ""]));
  try {
    await io.writeSheet(name, rows, fitted);
  } catch (error) {
    // The results beside the claims are written; a summary Excel refuses is reported, not fatal.
    if (!(error instanceof ExcelProblem)) throw error;
    return { note: `The summary sheet was not written: ${error.message}`, settings };
  }
  if (settings.summarySheet === name) return { settings };
  const remembered = { ...settings, summarySheet: name };
  await io.saveSettings(remembered);
  return { settings: remembered };
}
