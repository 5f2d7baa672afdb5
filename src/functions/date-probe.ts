/**
 * Which date system a workbook uses (File > Options > Advanced > "Use 1904 date system"), asked of
 * Excel itself: Office.js has no property for it, so its DATE function is asked for 2026-01-01
 * (Workbook.functions.date, ExcelApi 1.2), which is 46023 in the 1900 system and 44561 in the 1904
 * one (Microsoft, "Differences between the 1900 and the 1904 date system in Excel": 1,462 days apart).
 * Used by the custom functions (workbook-dates.ts) and by the task pane's Excel module (excel-run.ts).
 */
import type { DateSystem } from "../engine";

/** DATE(2026, 1, 1) in a workbook set to the 1904 date system (46023 in the 1900 system). */
const JAN_1_2026_IN_1904 = 44_561;

/** Asks Excel's DATE for 2026-01-01: read it after the next sync with systemOf. */
export function dateProbe(context: Excel.RequestContext): Excel.FunctionResult<number> {
  const probe = context.workbook.functions.date(2026, 1, 1);
  probe.load("value");
  return probe;
}
export const systemOf = (probe: Excel.FunctionResult<number>): DateSystem => (probe.value === JAN_1_2026_IN_1904 ? 1904 : 1900);
