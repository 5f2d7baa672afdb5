/**
 * The rate book of a CLI run: `--rates FILE` (a CSV, or a workbook's "ECM Rates" sheet, else its
 * first sheet; the workbook's "ECM Limits" sheet too when it has one), `--limits FILE`, `--plan`
 * and the limit flags. Without --rates, the built-in default book (the seed's table).
 */
import { stringify } from "csv-stringify/sync";
import { basename } from "node:path";
import {
  bookGrid,
  DEFAULT_LIMITS,
  DEFAULT_RATES,
  describeProblem,
  limitsGrid,
  readLimits,
  readRateBook,
  rateBookRateColumn,
  type BookRefusal,
  type Limits,
  type RateTable,
} from "../engine";
import { missingNote } from "./csv";
import { fileReading, type DateOrderChoice } from "./date-order";
import { InputError } from "./input-file";
import { loadSheet } from "./read";
import { encodingNotes } from "./csv-encoding";
import { readDecimalCommas } from "./decimal-comma";

/** Sheet names the task pane writes ("Insert the default rate table") and the CLI reads. */
export const RATES_SHEET = "ECM Rates";
export const LIMITS_SHEET = "ECM Limits";

/**
 * The book for a run: the default table, or the file's rates (and limits), its text dates read in
 * the order `dates` gives (with the report's note on it). Throws InputError naming the file and
 * every problem.
 */
export async function loadBook(
  ratesFile: string | undefined,
  limitsFile: string | undefined,
  dates: DateOrderChoice = "auto",
): Promise<{ table: RateTable; notes: string[] }> {
  let table: RateTable = DEFAULT_RATES;
  const notes: string[] = [];
  let limitsSheetIn: string | undefined;
  if (ratesFile !== undefined) {
    const sheet = await loadSheet(ratesFile, { sheet: RATES_SHEET, orFirstSheet: true });
    const where = sheet.kind === "xlsx" ? `${basename(ratesFile)} (sheet "${sheet.sheetName}")` : basename(ratesFile);
    const reading = fileReading(sheet, dates, basename(ratesFile));
    notes.push(...encodingNotes(sheet.encoding, basename(ratesFile)), ...reading.notes);
    // Rates written "7,50" (a European regional format) in a semicolon or tab file: read as amounts.
    const rate = sheet.kind === "csv" ? rateBookRateColumn(sheet.grid) : undefined;
    const commas =
      rate === undefined
        ? undefined
        : readDecimalCommas(sheet.grid, rate.headerIndex, [rate.column], sheet.delimiter ?? ",", basename(ratesFile));
    if (commas !== undefined) notes.push(commas.note);
    const book = readRateBook(commas?.grid ?? sheet.grid, where, 1, 1900, reading.order);
    if (!book.ok) throw refusedBook(book);
    table = book.table;
    if (sheet.kind === "xlsx" && limitsFile === undefined && sheet.sheetNames?.includes(LIMITS_SHEET) === true) limitsSheetIn = ratesFile;
  }
  const from = limitsFile ?? limitsSheetIn;
  if (from === undefined) return { table, notes };
  const sheet = await loadSheet(from, { sheet: LIMITS_SHEET, orFirstSheet: limitsFile !== undefined });
  const where = sheet.kind === "xlsx" ? `${basename(from)} (sheet "${sheet.sheetName}")` : basename(from);
  notes.push(...encodingNotes(sheet.encoding, basename(from)));
  if (sheet.missing !== undefined) notes.push(missingNote(basename(from), sheet.missing));
  const limits = readLimits(sheet.grid, where);
  if (!limits.ok) throw refusedBook(limits);
  return { table: { ...table, id: `${table.id}, limits from ${where}`, limits: limits.limits }, notes };
}

/** A book with problems: its one-line message when it has one problem, else each problem on a line of its own. */
function refusedBook(refusal: BookRefusal): InputError {
  if (refusal.problems.length <= 1) return new InputError(refusal.message);
  return new InputError(`${refusal.what}: ${refusal.problems.length} problems:`, { details: refusal.problems.map(describeProblem) });
}

/** The limit flags of a run as Limits values; a bad value is an InputError naming the flag. */
export function limitFlags(values: {
  "outreach-per-window"?: string;
  "window-days"?: string;
  "outreach-max"?: string;
  "no-lesser-of"?: boolean;
}): Partial<Limits> {
  const limits: Partial<Limits> = {};
  const count = (flag: string, text: string | undefined, max: number): number | undefined => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < 1 || n > max) throw new InputError(`--${flag} must be a whole number from 1 to ${max}, not "${text}"`);
    return n;
  };
  const perWindow = count("outreach-per-window", values["outreach-per-window"], 1000);
  const windowDays = count("window-days", values["window-days"], 366);
  const max = count("outreach-max", values["outreach-max"], 1000);
  if (perWindow !== undefined) limits.outreachPerWindow = perWindow;
  if (windowDays !== undefined) limits.windowDays = windowDays;
  if (max !== undefined) limits.outreachMax = max;
  if (values["no-lesser-of"] === true) limits.lesserOfBilled = false;
  return limits;
}

/** `ecm rates`: the default book as CSV, to start a plan's own from; `ecm limits`: the default limits. */
export function defaultBookCsv(what: "rates" | "limits"): string {
  return stringify(what === "rates" ? bookGrid(DEFAULT_RATES) : limitsGrid(DEFAULT_LIMITS));
}
