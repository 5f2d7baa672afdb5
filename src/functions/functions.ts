/**
 * The ECM custom functions. Metadata (functions.json) is generated from these JSDoc comments by
 * custom-functions-metadata-plugin, which also appends the CustomFunctions.associate calls.
 * Thin wrappers: the work is in adapter.ts (pure) and the engine.
 */
import type { DateSystem } from "../engine";
import { bookFromRange, isCellError, rangeGiven, rateMatrix, validateMatrix, type OutCell } from "./adapter";
import { localToday } from "../shared/today";
import { workbookDates } from "./workbook-dates";

/**
 * The workbook's date system, asked of Excel once, as soon as Office.js is ready after the runtime
 * loads this file (workbook-dates.ts; Office.onReady: "call Office.js APIs only after it resolves").
 */
const dates = workbookDates(typeof Excel === "undefined" ? undefined : (batch) => Office.onReady().then(() => Excel.run(batch)));

function toExcel(cell: OutCell): string | number | CustomFunctions.Error {
  if (!isCellError(cell)) return cell;
  const code = cell.error === "#N/A" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
  return new CustomFunctions.Error(code, cell.message);
}

/**
 * Contracted Medi-Cal ECM rate of a service line: G9008, G9012 or G9007 with its modifiers, on a date, for a plan, from a rate table. Give columns to get one rate per row.
 * @customfunction RATE
 * @helpurl https://localhost:3000/help.html#ecm-rate
 * @param code HCPCS code of the line: G9008, G9012 or G9007. A cell or a column of codes.
 * @param [modifiers] Modifiers of the line, e.g. U1, "U8 GQ" or "U1, GQ" (any order, any case). A cell, or a row or column of them; Modifier 1 to 4 columns are combined.
 * @param [date] Date of service (a date cell or YYYY-MM-DD), or a column of them; omitted: today. Picks the rate in effect on that date.
 * @param [plan] The managed-care plan, as the rate table's Plan column names it, or a column of them; omitted: the rates for any plan.
 * @param [rates] The rate table with its header row, e.g. ECM_Rates[#All] (Insert the default rate table in the task pane); omitted: the built-in table.
 * @returns The contracted rate in dollars (G9007 is 0); #N/A with the valid modifier sets or rate periods when the table has no rate for the line.
 */
export async function rate(
  code: unknown[][],
  modifiers?: unknown[][],
  date?: unknown[][],
  plan?: unknown[][],
  rates?: unknown[][],
): Promise<unknown[][]> {
  return rateIn(await dates.system(), code, modifiers, date, plan, rates);
}

/** =ECM.RATE in a workbook of the given date system (what HyperFormula's tests call: its functions are synchronous). */
export function rateIn(
  dateSystem: DateSystem,
  code: unknown[][],
  modifiers?: unknown[][],
  date?: unknown[][],
  plan?: unknown[][],
  rates?: unknown[][],
): unknown[][] {
  const book = rangeGiven(rates) ? bookFromRange(rates, dateSystem) : undefined;
  if (isCellError(book)) return code.map((row) => row.map(() => toExcel(book)));
  return rateMatrix(code, modifiers, book, date, plan, localToday(), dateSystem).map((row) => row.map(toExcel));
}

/**
 * Checks ECM claim lines against the rate table and billing rules (TAR, outreach limits, PEPM once a month, duplicates…). One verdict per row, spilled beside the claims.
 * @customfunction VALIDATE
 * @helpurl https://localhost:3000/help.html#ecm-validate
 * @param claims The claim table with its header row, e.g. A1:J5000 or Claims[#All]. Needs Member ID, Date of Service and HCPCS columns; also reads Modifiers, Units, Billed Amount, TAR, ECM Enrollment Date and Outreach Method.
 * @param [detail] TRUE for four columns (status, rules, message, expected $); FALSE or omitted for one column ("OK", "WARN: …", "ERROR: …").
 * @param [as_of] The date the claims are checked as of (a date cell or YYYY-MM-DD); omitted: today (not recalculated when the day changes).
 * @param [members] The plan's members list with its header row: Member ID, ECM Enrollment Date and optionally Disenrollment Date, e.g. 'ECM Members'!A1:C500.
 * @param [rates] The rate table with its header row, e.g. ECM_Rates[#All]; omitted: the built-in table. Lines use the rows of their Plan column's plan in effect on their date.
 * @param [limits] The limits table with its header row, e.g. ECM_Limits[#All]: outreach attempts per window, window days and attempts before engagement, per plan; omitted: 5 per 30 days, 5 in total.
 * @returns One row per claims row: the heading, then "OK" or "WARN/ERROR: rule IDs: first message"; blank rows stay blank.
 */
export async function validate(
  claims: unknown[][],
  detail?: boolean,
  as_of?: number | string,
  members?: unknown[][],
  rates?: unknown[][],
  limits?: unknown[][],
): Promise<unknown[][]> {
  return validateIn(await dates.system(), claims, detail, as_of, members, rates, limits);
}

/** =ECM.VALIDATE in a workbook of the given date system (what HyperFormula's tests call). */
export function validateIn(
  dateSystem: DateSystem,
  claims: unknown[][],
  detail?: boolean,
  as_of?: number | string,
  members?: unknown[][],
  rates?: unknown[][],
  limits?: unknown[][],
): unknown[][] {
  return validateMatrix(claims, detail === true, localToday(), undefined, { asOf: as_of, members, rates, limits, dateSystem }).map((row) =>
    row.map(toExcel),
  );
}
