/**
 * Date cells as Excel shows them. ExcelJS turns a date-formatted number into a Date by counting
 * days from 1899-12-30 (serial 0 of the 1900 date system), which is right from serial 61
 * (1900-03-01) on. Before that it is not: Excel's 1900 date system counts a 29 February 1900 that
 * never was, serial 60, kept for compatibility with Lotus 1-2-3 (Microsoft, "Excel incorrectly
 * assumes that the year 1900 is a leap year",
 * https://learn.microsoft.com/office/troubleshoot/excel/wrongly-assumes-1900-is-leap-year). So
 * ExcelJS reads serial 1, which Excel shows as 1/1/1900, as 1899-12-31: one day early up to
 * serial 59, and serial 60 as 1900-02-28. Excel's own TEXT() of such cells, saved beside them in
 * SheetJS's test file 1904/1900.xlsx (tests/fixtures/workbooks/upstream), is the proof.
 *
 * `=ECM.VALIDATE` and the task pane get the serial itself from Excel, and the engine reads serials
 * as Excel shows them (dayFromSerial). These cells now read the same way on the CLI's paths:
 * - serials 1–59: the day Excel shows (one day later than ExcelJS's Date);
 * - serial 60: the text Excel shows, "2/29/1900", which is no date;
 * - serial 0, or a time of day without a date (a serial below 1): the text "1/0/1900", as Excel
 *   shows 0 (typically a lookup that found a blank cell), which is no date;
 * - a negative serial (Excel shows ##### in its place): the number, which is no date either.
 * A 1904-system workbook gives Dates from 1904-01-01 on for its serials of 0 and more; a negative
 * serial there (also #####) reads as a date before 1904, which is left as it is.
 *
 * A date-formatted number past Excel's last day, 9999-12-31 (Excel shows ##### too; "Date and time
 * functions … accept dates from January 1, 1900 to December 31, 9999", Microsoft, "Excel
 * specifications and limits"), reads as that number: ExcelJS made a Date of it, an invalid one from
 * about serial 100,000,000 on (a Google Sheets export in ExcelDataReader's test data,
 * Test_git_issue_14_InvalidOADate.xlsx, holds 1.0E12), whose number was lost: the report said
 * `Date of Service ""`, and an .xlsx copy wrote the cell as NaN, which Excel and openpyxl cannot read.
 */
import ExcelJS from "exceljs";
import type { Cell } from "../engine";
import { keepNumberFormatsAsWritten } from "./number-formats";

const DAY_MS = 86_400_000;
/** Serial 0 of the 1900 date system (1899-12-30), as ExcelJS dates it. */
const SERIAL_0 = Date.UTC(1899, 11, 30);
/** Serial 60 as ExcelJS dates it (1900-02-28): Excel's fictitious 1900-02-29. */
const SERIAL_60 = Date.UTC(1900, 1, 28);
/** Serial 61, 1900-03-01: from here on ExcelJS's Date is the day Excel shows. */
const SERIAL_61 = Date.UTC(1900, 2, 1);

/** What Excel shows for a date-formatted 0 (m/d/yyyy): no date. */
export const ZERO_DATE_TEXT = "1/0/1900";
/** What Excel shows for serial 60 (m/d/yyyy): a day that never was. */
export const LEAP_DAY_1900_TEXT = "2/29/1900";

/** An ExcelJS Date as the cell Excel shows (see above). */
export function excelDate(date: Date): Cell {
  const t = date.getTime();
  if (!(t < SERIAL_61)) return date; // nearly every date (and an invalid Date, left to the engine)
  if (t >= SERIAL_60) return LEAP_DAY_1900_TEXT;
  if (t >= SERIAL_0 + DAY_MS) return new Date(t + DAY_MS);
  if (t >= SERIAL_0) return ZERO_DATE_TEXT;
  return t / DAY_MS + 25_569; // the serial: 1970-01-01 is serial 25,569
}

/**
 * The Date to give ExcelJS's writer for a date cell as Excel shows it (what excelDate gives): the
 * writer counts days from 1899-12-30 as ExcelJS's reader does, so a day before 1900-03-01 is given
 * one day earlier, or serial 1 (1/1/1900) was written as 2.
 */
export function writableDate(shown: Date): Date {
  const t = shown.getTime();
  return t < SERIAL_61 && t >= SERIAL_0 + 2 * DAY_MS ? new Date(t - DAY_MS) : shown;
}

/** Excel's last day, 9999-12-31, as a serial of the 1900 and of the 1904 date system. */
const LAST_SERIAL = { 1900: 2_958_465, 1904: 2_957_003 } as const;

interface ExcelJsUtils {
  excelToDate: ((serial: number, date1904?: boolean) => Date | number) & { keepsSerials?: true };
}
interface CellXform {
  prototype: {
    reconcile: ((this: unknown, model: { type?: number; value?: unknown }, options: unknown) => void) & { keepsSerials?: true };
  };
}

/**
 * Makes ExcelJS read a date-formatted number past Excel's last day (or one that is no number) as
 * that number, not as a Date (see above). Both its readers, and its copy's loader, go through
 * utils.excelToDate; the copy's loader then marks the cell a date cell whatever it got, which its
 * writer cannot write: such a cell is marked a number again. Patched once per process, as the
 * other ExcelJS patches (copy-xforms.ts).
 */
export function keepSerialsPastLastDay(): void {
  keepNumberFormatsAsWritten(); // which numbers are dates at all: number-formats.ts
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- ExcelJS's internal module, patched in place
  const utils = require("exceljs/lib/utils/utils") as ExcelJsUtils;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- ExcelJS's internal module, patched in place
  const cellXform = require("exceljs/lib/xlsx/xform/sheet/cell-xform") as CellXform;
  if (utils.excelToDate.keepsSerials === true) return;
  const toDate = utils.excelToDate.bind(utils);
  utils.excelToDate = Object.assign(
    (serial: number, date1904?: boolean): Date | number =>
      Number.isFinite(serial) && serial <= LAST_SERIAL[date1904 === true ? 1904 : 1900] ? toDate(serial, date1904) : serial,
    { keepsSerials: true as const },
  );
  const reconcile = cellXform.prototype.reconcile;
  cellXform.prototype.reconcile = Object.assign(
    function (this: unknown, model: { type?: number; value?: unknown }, options: unknown): void {
      reconcile.call(this, model, options);
      if (model.type === ExcelJS.ValueType.Date && typeof model.value === "number") model.type = ExcelJS.ValueType.Number;
    },
    { keepsSerials: true as const },
  );
}
