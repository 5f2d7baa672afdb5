/** The bundled sample workbook as Excel holds it, and its totals: the one place tests take them from. */
import ExcelJS from "exceljs";
import { dayFromDate, serialFromDay, type RuleId } from "../../src/engine";

/**
 * What validating assets/sample-claims.xlsx as of SAMPLE_AS_OF gives (npm run demo prints the
 * same). `npm run sample` rebuilds the workbook from src/dev/make-sample.ts: update these with it.
 */
export const SAMPLE_AS_OF = "2026-06-30";
export const SAMPLE_TOTALS = { rows: 49, ok: 19, warn: 10, error: 20, expectedTotal: 4367.5 } as const;
/** The same with its members list (sheet "ECM Members") and the CIN check, as `npm run demo` runs it. */
export const SAMPLE_DEMO_TOTALS = { rows: 49, ok: 17, warn: 11, error: 21, expectedTotal: 3967.5 } as const;
/**
 * The rules the sample's lines were written to show (every rule but ECM-RATE-PERIOD, which needs a
 * rate table with dated rows): SAMPLE_SHOWS as validated alone, and SAMPLE_DEMO_SHOWS with its
 * members list and the CIN check. A new rule is proven by its fixture folder (tests/fixtures/rules);
 * give the sample a line for it too and list it here (npm run sample).
 */
export const SAMPLE_SHOWS: readonly RuleId[] = [
  "ECM-MEMBER",
  "ECM-DOS",
  "ECM-FUTURE",
  "ECM-CODE",
  "ECM-MODIFIER",
  "ECM-TAR",
  "ECM-MDT-CHARGE",
  "ECM-OUTREACH-MASS",
  "ECM-UNITS",
  "ECM-CHARGE",
  "ECM-OUTREACH-MODE",
  "ECM-ENROLL-DATE",
  "ECM-MDT-INFO",
  "ECM-DUPLICATE",
  "ECM-ENROLL-CONFLICT",
  "ECM-ENGAGEMENT-LATE",
  "ECM-OUTREACH-ENROLLED",
  "ECM-OUTREACH-ENGAGED",
  "ECM-OUTREACH-30D",
  "ECM-OUTREACH-MAX",
  "ECM-ENGAGEMENT-DUP",
  "ECM-PEPM-BEFORE-ENROLL",
  "ECM-PEPM-DUP",
];
export const SAMPLE_DEMO_SHOWS: readonly RuleId[] = [...SAMPLE_SHOWS, "ECM-NOT-IN-MEMBERS", "ECM-DISENROLLED", "ECM-MEMBER-FORMAT"];
/** The expected total as the task pane and the CLI's table print it. */
export const SAMPLE_EXPECTED_TEXT = "$4,367.50";

async function claimsSheet(name = "Claims"): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile("assets/sample-claims.xlsx");
  const ws = wb.getWorksheet(name);
  if (ws === undefined) throw new Error(`sample sheet ${name} missing`);
  return ws;
}

/** The sheet's real size: its last used row and column (1-based, as in A1 references). */
export async function sampleSize(): Promise<{ rows: number; cols: number }> {
  const ws = await claimsSheet();
  return { rows: ws.rowCount, cols: ws.columnCount };
}

/** The sample's members list (sheet "ECM Members") as Excel holds it, dates as serial numbers. */
export const sampleMembersRows = (dateSystem: 1900 | 1904 = 1900): Promise<(string | number | null)[][]> =>
  sampleRows(undefined, undefined, "ECM Members", dateSystem);

/**
 * Rows of values from A1 (the whole used sheet unless told), dates as serial numbers of the date
 * system (a workbook set to 1904 holds them 1,462 less).
 */
export async function sampleRows(
  rows?: number,
  cols?: number,
  sheet = "Claims",
  dateSystem: 1900 | 1904 = 1900,
): Promise<(string | number | null)[][]> {
  const ws = await claimsSheet(sheet);
  const out: (string | number | null)[][] = [];
  for (let r = 1; r <= (rows ?? ws.rowCount); r++) {
    const values = ws.getRow(r).values as unknown[];
    out.push(
      Array.from({ length: cols ?? ws.columnCount }, (_, c) => {
        const v = values[c + 1];
        if (v instanceof Date) return serialFromDay(dayFromDate(v) as number) - (dateSystem === 1904 ? 1_462 : 0);
        return typeof v === "string" || typeof v === "number" ? v : null;
      }),
    );
  }
  return out;
}
