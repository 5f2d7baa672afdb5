/**
 * The ECM custom functions. Metadata (functions.json) is generated from these JSDoc comments by
 * custom-functions-metadata-plugin, which also appends the CustomFunctions.associate calls.
 * Thin wrappers: the work is in adapter.ts (pure) and the engine.
 */
import { isCellError, rateMatrix, validateMatrix, type OutCell } from "./adapter";
import { localToday } from "../shared/today";

function toExcel(cell: OutCell): string | number | CustomFunctions.Error {
  if (!isCellError(cell)) return cell;
  const code = cell.error === "#N/A" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
  return new CustomFunctions.Error(code, cell.message);
}

/**
 * Contracted Medi-Cal ECM rate of a service line: G9008, G9012 or G9007 with its modifiers. Give columns to get one rate per row.
 * @customfunction RATE
 * @helpurl https://localhost:3000/help.html#ecm-rate
 * @param code HCPCS code of the line: G9008, G9012 or G9007. A cell or a column of codes.
 * @param [modifiers] Modifiers of the line, e.g. U1, "U8 GQ" or "U1, GQ" (any order, any case). A cell, or a row or column of them; Modifier 1 to 4 columns are combined.
 * @returns The contracted rate in dollars (G9007 is 0); #N/A with the valid modifier sets when the code and modifiers are not in the rate table.
 */
export function rate(code: unknown[][], modifiers?: unknown[][]): unknown[][] {
  return rateMatrix(code, modifiers).map((row) => row.map(toExcel));
}

/**
 * Checks ECM claim lines against the rate table and billing rules (TAR, outreach limits, PEPM once a month, duplicates…). One verdict per row, spilled beside the claims.
 * @customfunction VALIDATE
 * @helpurl https://localhost:3000/help.html#ecm-validate
 * @param claims The claim table with its header row, e.g. A1:J5000 or Claims[#All]. Needs Member ID, Date of Service and HCPCS columns; also reads Modifiers, Units, Billed Amount, TAR, ECM Enrollment Date and Outreach Method.
 * @param [detail] TRUE for four columns (status, rules, message, expected $); FALSE or omitted for one column ("OK", "WARN: …", "ERROR: …").
 * @param [as_of] The date the claims are checked as of (a date cell or YYYY-MM-DD); omitted: today (not recalculated when the day changes).
 * @param [members] The plan's members list with its header row: Member ID, ECM Enrollment Date and optionally Disenrollment Date, e.g. 'ECM Members'!A1:C500.
 * @returns One row per claims row: the heading, then "OK" or "WARN/ERROR: rule IDs: first message"; blank rows stay blank.
 */
export function validate(claims: unknown[][], detail?: boolean, as_of?: number | string, members?: unknown[][]): unknown[][] {
  return validateMatrix(claims, detail === true, localToday(), undefined, { asOf: as_of, members }).map((row) => row.map(toExcel));
}
