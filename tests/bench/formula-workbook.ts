/**
 * The analyst's formula workbook, built for a generated claim set and computed by a real
 * spreadsheet engine (HyperFormula, GPL-3.0, dev-only): per row an XLOOKUP rate and service kind
 * from a rate sheet, a COUNTIFS of the member's outreach lines in the 30 days ending on the row's
 * date, a COUNTIFS of earlier PEPM lines in the same member-month, a COUNTIFS of earlier
 * engagement lines. It is an independent second implementation of those rules.
 */
import { HyperFormula } from "hyperformula";
import type { Cell } from "../../src/engine";

/** The analyst's rate sheet: the spellings of code|modifiers their exports use → rate, kind. */
export const RATE_SHEET: [string, number, string][] = [
  ["G9008|U1", 400, "pepm"],
  ["G9008|U1 GQ", 400, "pepm"],
  ["G9008|U8", 5, "outreach"],
  ["G9008|U8 GQ", 5, "outreach"],
  ["G9012|", 150, "engagement"],
  ["G9012|U2", 400, "pepm"],
  ["G9012|U2, GQ", 400, "pepm"],
  ["G9012|U8", 5, "outreach"],
  ["G9012|U8 GQ", 5, "outreach"],
  ["G9007|", 0, "mdt"],
];

/** Formula columns K..P of row r (1-based sheet row; data in A..J, row 1 = header). */
export function formulasFor(r: number): string[] {
  const key = `C${r}&"|"&D${r}`;
  return [
    `=XLOOKUP(${key},Rates!$A$1:$A$10,Rates!$B$1:$B$10,"")`, // K rate
    `=XLOOKUP(${key},Rates!$A$1:$A$10,Rates!$C$1:$C$10,"")`, // L kind
    `=IFERROR(YEAR(B${r})*12+MONTH(B${r}),"")`, // M month key
    `=IF(L${r}="outreach",IFERROR(COUNTIFS(A$2:A${r},A${r},B$2:B${r},">="&(B${r}-29),L$2:L${r},"outreach"),""),"")`, // N outreach lines in window, this one included
    `=IF(L${r}="pepm",COUNTIFS(A$1:A${r - 1},A${r},L$1:L${r - 1},"pepm",M$1:M${r - 1},M${r}),"")`, // O earlier PEPM lines in the month
    `=IF(L${r}="engagement",COUNTIFS(A$1:A${r - 1},A${r},L$1:L${r - 1},"engagement"),"")`, // P earlier engagement lines
  ];
}

export interface FormulaRow {
  rate: number | "";
  outreachIn30: number | "";
  pepmBefore: number | "";
  engagementBefore: number | "";
}

export interface FormulaRun {
  buildMs: number;
  values: FormulaRow[];
}

const plain = (v: unknown): number | "" => (typeof v === "number" ? v : "");

/** Builds and computes the workbook; `rows` sorted by date as the generator makes them. */
export function computeFormulaWorkbook(header: readonly string[], rows: readonly (readonly Cell[])[]): FormulaRun {
  const data = [
    [...header, "Rate", "Kind", "Month", "Outreach in 30 days", "PEPM before in month", "Engagement before"],
    ...rows.map((cells, i) => [...cells.map((c) => (c instanceof Date ? null : (c ?? null))), ...formulasFor(i + 2)]),
  ] as (string | number | boolean | null)[][];
  const t0 = performance.now();
  const hf = HyperFormula.buildFromSheets({ Claims: data, Rates: RATE_SHEET }, { licenseKey: "gpl-v3", useArrayArithmetic: false });
  const claims = hf.getSheetId("Claims") as number;
  const values = hf.getSheetValues(claims);
  const buildMs = performance.now() - t0;
  hf.destroy();
  return {
    buildMs,
    values: values
      .slice(1)
      .map((r) => ({ rate: plain(r[10]), outreachIn30: plain(r[13]), pepmBefore: plain(r[14]), engagementBefore: plain(r[15]) })),
  };
}
