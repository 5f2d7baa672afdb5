/**
 * Calendar days as whole numbers (days since 1970-01-01), with pure integer arithmetic:
 * no local-time Date arithmetic, so results never depend on the process time zone.
 * Algorithms after H. Hinnant, "chrono-compatible low-level date algorithms".
 */
import type { DateOrder, DateSystem, Day } from "./types";

const MS_PER_DAY = 86_400_000;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Day number of a proleptic Gregorian date; undefined when the date does not exist (2026-02-30). */
export function dayFromParts(y: number, m: number, d: number): Day | undefined {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return undefined;
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function partsFromDay(day: Day): CivilDate {
  const packed = civil(day);
  return { year: Math.floor(packed / 10000), month: Math.floor(packed / 100) % 100, day: packed % 100 };
}

/**
 * The civil date of a day number as one small integer, year × 10000 + month × 100 + day (H. Hinnant's
 * days-from-civil inverse): allocation-free, for loops over a million lines.
 */
function civil(day: Day): number {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return (yoe + era * 400 + (m <= 2 ? 1 : 0)) * 10000 + m * 100 + d;
}

const pad2 = (n: number): string => (n < 10 ? "0" : "") + n;

/** "YYYY-MM-DD". */
export function formatDay(day: Day): string {
  const { year, month, day: d } = partsFromDay(day);
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(d)}`;
}

/** A month key (year × 12 + month − 1) for "same calendar month" comparisons. Allocation-free. */
export function monthOf(day: Day): number {
  const packed = civil(day);
  return Math.floor(packed / 10000) * 12 + (Math.floor(packed / 100) % 100) - 1;
}

/** "YYYY-MM" of a month key from monthOf. */
export function formatMonth(monthKey: number): string {
  return `${Math.floor(monthKey / 12)}-${pad2((monthKey % 12) + 1)}`;
}

/** The largest serial Excel accepts (9999-12-31). */
const MAX_SERIAL = 2_958_465;

/**
 * Excel 1900-system serial to Day. Time of day (fraction) is ignored. Serial 60 is Excel's
 * fictitious 1900-02-29 and serials below 1 are not dates: both give undefined.
 */
export function dayFromSerial(serial: number): Day | undefined {
  if (!Number.isFinite(serial)) return undefined;
  const s = Math.floor(serial);
  if (s < 1 || s === 60 || s > MAX_SERIAL) return undefined;
  return s < 60 ? s - 25568 : s - 25569;
}

/**
 * A number in a date column: an Excel serial (1900 system), or eight digits CCYYMMDD, the date
 * format of X12 837 claim files (qualifier D8) that exports built from them keep ("20260630").
 * No serial has eight digits (the last, 9999-12-31, is 2,958,465), so the two cannot be confused;
 * the year must be 1900–2099 and the date real. MMDDYYYY and DDMMYYYY are not guessed.
 */
export function dayFromNumber(n: number, system: DateSystem = 1900): Day | undefined {
  if (n < 19_000_101 || n > 20_991_231) return system === 1904 ? dayFromSerial1904(n) : dayFromSerial(n);
  if (!Number.isInteger(n)) return undefined;
  return dayFromParts(Math.floor(n / 10_000), Math.floor(n / 100) % 100, n % 100);
}

/** The last serial of the 1904 system (9999-12-31). */
const MAX_SERIAL_1904 = MAX_SERIAL - 1_462;

/**
 * Excel 1904-system serial to Day (time of day ignored). Serial 0 (1904-01-01, what a lookup on a
 * blank cell shows there) is no date, as serial 0 of the 1900 system is not.
 */
export function dayFromSerial1904(serial: number): Day | undefined {
  if (!Number.isFinite(serial)) return undefined;
  const s = Math.floor(serial);
  if (s < 1 || s > MAX_SERIAL_1904) return undefined;
  return s - 24_107; // 1970-01-01 is serial 24,107 in the 1904 system
}

/** Day to Excel 1900-system serial. */
export function serialFromDay(day: Day): number {
  const s = day + 25569;
  return s < 61 ? s - 1 : s;
}

/** The UTC calendar day of a Date (how Excel and ExcelJS hand over date cells). */
export function dayFromDate(date: Date): Day | undefined {
  const t = date.getTime();
  if (!Number.isFinite(t)) return undefined;
  return Math.floor(t / MS_PER_DAY);
}

/** Midnight UTC of a day, for writing date cells. */
export function dateFromDay(day: Day): Date {
  return new Date(day * MS_PER_DAY);
}

const ISO = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
/**
 * Day and month as numbers, then the year, with one separator: 1/13/2026, 13/1/2026, 13.01.2026,
 * 13-01-26, and a time after them. Which number is the day depends on the DateOrder. Month first
 * reads slashes and dashes (3/16/2026, 03-16-2026: Excel reads dashes in place of slashes as a
 * date too, Allen Wyatt, ExcelTips 12386 "Entering Dates in Excel"; LibreOffice 7.4 set to en-US
 * keeps 03-16-2026 as text) but not dots, which only day-first locales write.
 */
export const NUMERIC_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]M)?)?$/i;
const DIGITS = /^\d+$/;
/**
 * d-mmm-yy, d-mmm-yyyy, d mmmm yyyy ("30-Jun-26", "30 June 2026"), and SAS's DATE and DATETIME
 * formats, which CSV files exported from SAS write dates in: ddmmmyy (DATE7., the default),
 * ddmmmyyyy (DATE9.) and ddmmmyy:hh:mm:ss (DATETIME.) ("30JUN26", "30JUN2026", "30JUN26:00:00:00";
 * SAS Formats and Informats Reference, "DATEw. Format", "DATETIMEw.d Format"). A time may follow
 * after a space too ("30-Jun-26 14:05", and Oracle SQL Developer's default for a TIMESTAMP column,
 * DD-MON-RR HH.MI.SSXFF AM: "30-JUN-26 02.05.00.000000000 PM").
 */
const DAY_MONTH_YEAR =
  /^(\d{1,2})(?:[- ]|\s+de\s+)?([a-z]{3,10})\.?(?:[- ]|\s+de\s+)?(\d{4}|\d{2})(?:(?::|\s+)\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?(?:\s*[AP]M)?)?$/i;
/**
 * mmm d, yyyy and mmmm d, yyyy, after an optional weekday ("Jun 30, 2026", "Tuesday, June 30,
 * 2026"), and a time after it ("June 30, 2026 2:05 PM").
 */
const MONTH_DAY_YEAR = /^(?:([a-z]{3,9}),?\s+)?([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]M)?)?$/i;
const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
/**
 * Spanish (Mexico, United States): Excel's d-mmm-yy shows "15-ago-26" there, and LibreOffice "15 de
 * ago de 26" (fixture libreoffice-es-US-month-names.csv); the long date "15 de agosto de 2026".
 */
const MESES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];
/** September as Peru and Uruguay spell it (Excel there: "15-set-26"). */
const SETIEMBRE = "setiembre";
const WEEKDAYS = ["thursday", "friday", "saturday", "sunday", "monday", "tuesday", "wednesday"]; // day 0 (1970-01-01) was a Thursday

/** A month's name or its abbreviation, in English or Spanish ("Jun", "June", "Sept", "ago", "diciembre"): 1–12, else undefined. */
function monthNamed(word: string): number | undefined {
  const w = word.toLowerCase();
  const named = (name: string) => name.startsWith(w) && w.length >= 3;
  const at = MONTHS.findIndex(named);
  return at >= 0 ? at + 1 : MESES.findIndex(named) + 1 || (named(SETIEMBRE) ? 9 : undefined);
}

/** Whether `word` names (or abbreviates, 3+ letters) the weekday of `day`. */
function isWeekdayOf(word: string, day: Day): boolean {
  const w = word.toLowerCase();
  const name = WEEKDAYS[((day % 7) + 7) % 7] as string;
  return w.length >= 3 && name.startsWith(w);
}

/**
 * Text to Day: digits only = Excel serial or CCYYMMDD (dayFromNumber); YYYY-MM-DD or YYYY/MM/DD; M/D/YYYY or M/D/YY
 * and M-D-YYYY (with `order` "dmy": D/M/YYYY, D-M-YYYY and D.M.YYYY; two-digit years too); and the
 * other date formats Excel offers (Format Cells > Date) as a CSV saved from Excel writes them:
 * 30-Jun-26, 30-Jun-2026, 30 June 2026, June 30, 2026, Tuesday, June 30, 2026 (the weekday must be
 * right); and SAS's 30JUN2026. A time part is ignored. Impossible dates (2026-02-30, 2026-13-45) give undefined, never a
 * rolled-over date; formats without a year or a day ("June 30", "Jun-26") are not dates of service.
 */
export function dayFromText(text: string, order: DateOrder = "mdy"): Day | undefined {
  const s = text.trim();
  if (DIGITS.test(s)) return dayFromNumber(Number(s));
  let m = ISO.exec(s);
  if (m) return dayFromParts(Number(m[1]), Number(m[3]), Number(m[4]));
  m = NUMERIC_DATE.exec(s);
  if (m) {
    const [first, second, year] = [Number(m[1]), Number(m[3]), fullYear(m[4] as string)];
    if (order === "dmy") return dayFromParts(year, second, first);
    return m[2] === "." ? undefined : dayFromParts(year, first, second);
  }
  m = DAY_MONTH_YEAR.exec(s);
  if (m) {
    const month = monthNamed(m[2] as string);
    return month === undefined ? undefined : dayFromParts(fullYear(m[3] as string), month, Number(m[1]));
  }
  m = MONTH_DAY_YEAR.exec(s);
  if (m) {
    const month = monthNamed(m[2] as string);
    const day = month === undefined ? undefined : dayFromParts(Number(m[4]), month, Number(m[3]));
    if (day === undefined || (m[1] !== undefined && !isWeekdayOf(m[1], day))) return undefined;
    return day;
  }
  return undefined;
}

/**
 * A year as written: four digits as they are; two digits as Excel reads them when typed or opened
 * from a CSV (M/D/YY, e.g. "6/30/26" from a column formatted m/d/yy): 00–29 are 2000–2029, 30–99
 * are 1930–1999 (Microsoft KB 214391, "How Excel works with two-digit year numbers": the 2029 rule;
 * LibreOffice's default window is the same, 1930–2029).
 */
function fullYear(text: string): number {
  const y = Number(text);
  if (text.length !== 2) return y;
  return y < 30 ? 2000 + y : 1900 + y;
}

/** The date formats a message asks for, in the run's date order. */
export const dateFormats = (order: DateOrder): string =>
  order === "dmy" ? "YYYY-MM-DD, D/M/YYYY or an Excel date" : "YYYY-MM-DD, M/D/YYYY or an Excel date";

/** Parses "YYYY-MM-DD" strictly (for options and command-line arguments). */
export function dayFromISO(text: string): Day | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  return m ? dayFromParts(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}
