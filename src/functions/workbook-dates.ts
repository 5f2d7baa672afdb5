/**
 * The date system the custom functions read date cells in. Excel passes a date cell to a custom
 * function as its serial number, which counts from 1900-01-00 or, in a workbook set to the 1904
 * date system (File > Options > Advanced; old Mac workbooks), from 1904-01-01: the same serial is a
 * day 4 years and a day later there. The functions ask Excel once, when the shared runtime loads
 * them (src/functions/date-probe.ts; "Call Excel JavaScript APIs from a custom function",
 * learn.microsoft.com/office/dev/add-ins/excel/call-excel-apis-from-custom-function: reading is
 * allowed in a shared runtime), not in each call: an Excel.run made while Excel calculates can
 * leave the cell at #BUSY! (office-js#1395, #6841). A call waits for that answer at most
 * `timeoutMs`, then reads dates in the 1900 system (Excel's default, and what the functions did
 * before); later calls use the answer once it has come. A workbook switched to the other system
 * while open is seen when the add-in loads again.
 */
import type { DateSystem } from "../engine";
import { dateProbe, systemOf } from "./date-probe";

/** How long a call waits for Excel's answer before reading dates in the 1900 system. */
export const PROBE_TIMEOUT_MS = 3_000;

/** Excel.run, or what stands in for it. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface WorkbookDates {
  /** The date system to read this call's dates in. Never rejects. */
  system(): Promise<DateSystem>;
}

/**
 * Asks Excel for the workbook's date system now, through `run` (Excel.run). Without Excel (`run`
 * undefined: Node, HyperFormula, a build without Office.js) the answer is 1900. When Excel refuses
 * (an API error), dates are read in the 1900 system, as when it does not answer in time.
 */
export function workbookDates(run: ExcelRun | undefined, timeoutMs = PROBE_TIMEOUT_MS): WorkbookDates {
  if (run === undefined) return { system: () => Promise.resolve(1900) };
  let known: DateSystem | undefined;
  const asked = run(async (context) => {
    const probe = dateProbe(context);
    await context.sync();
    return systemOf(probe);
  }).then(
    (system) => (known = system),
    (): DateSystem => (known = 1900), // Excel refused: the 1900 system, as before there was a probe
  );
  return {
    system() {
      if (known !== undefined) return Promise.resolve(known);
      return new Promise<DateSystem>((resolve) => {
        const timer = setTimeout(() => resolve(1900), timeoutMs);
        void asked.then((system) => {
          clearTimeout(timer);
          resolve(system);
        });
      });
    },
  };
}
