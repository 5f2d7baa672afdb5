/**
 * The rate book of a workbook: the Excel Table `ECM_Rates` (and `ECM_Limits`) when the workbook
 * has it, else the built-in default book. Since the Tables are in the file, every analyst who opens
 * the shared workbook validates with the same rates. "Insert the default rate table" writes the
 * seed's table as an editable Table on an "ECM Rates" sheet (and the limits on "ECM Limits").
 */
import {
  bookGrid,
  DEFAULT_LIMITS,
  type DateSystem,
  DEFAULT_RATES,
  limitsGrid,
  readLimits,
  readRateBook,
  type BookProblem,
  type RateTable,
} from "../engine";
import { toCell } from "../functions/adapter";
import type { ExcelIO } from "./io";
import { PaneProblem } from "./problems";

export const RATES_TABLE = "ECM_Rates";
export const LIMITS_TABLE = "ECM_Limits";
export const RATES_SHEET = "ECM Rates";
export const LIMITS_SHEET = "ECM Limits";

/** A book that can be used, and where it comes from. */
export type UsableBook = { ok: true; source: "built-in" | "workbook"; table: RateTable; text: string };
/** What the "Rate table" section shows: the book in use, or why the workbook's cannot be used. */
export type BookState = UsableBook | { ok: false; source: "workbook"; text: string; problems: string[] };

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** A book the workbook has but that cannot be used: its message and one line per problem. */
function refused(read: { message: string; problems: readonly BookProblem[] }): BookState {
  const problems = read.problems.map((p) => `Row ${p.row}${p.column === undefined ? "" : ` (${p.column})`}: ${p.message}`);
  return { ok: false, source: "workbook", text: read.message, problems };
}

/**
 * Reads the workbook's ECM_Rates / ECM_Limits Tables (one read each), their date cells in the
 * workbook's date system (asked of Excel when not given); never throws for a bad book, says what is wrong.
 */
export async function readBook(io: ExcelIO, dateSystem?: DateSystem): Promise<BookState> {
  const [rates, limitsValues] = await io.readTables([RATES_TABLE, LIMITS_TABLE]);
  let table: RateTable = DEFAULT_RATES;
  let source: "built-in" | "workbook" = "built-in";
  if (rates !== undefined) {
    const book = readRateBook(
      rates.map((r) => r.map(toCell)),
      `Table ${RATES_TABLE}`,
      1,
      dateSystem ?? (await io.dateSystem()),
    );
    if (!book.ok) return refused(book);
    table = book.table;
    source = "workbook";
  }
  if (limitsValues !== undefined) {
    const limits = readLimits(
      limitsValues.map((r) => r.map(toCell)),
      `Table ${LIMITS_TABLE}`,
    );
    if (!limits.ok) return refused(limits);
    table = { ...table, limits: limits.limits };
  }
  const plans = new Set(table.entries.flatMap((e) => (e.plan === undefined ? [] : [e.plan])));
  const what = source === "built-in" ? `Built-in rate table (${DEFAULT_RATES.id})` : `Table ${RATES_TABLE} in this workbook`;
  const detail = `${plural(table.entries.length, "rate")}${plans.size > 0 ? `, ${plural(plans.size, "plan")}` : ""}${limitsValues !== undefined ? `; limits from Table ${LIMITS_TABLE}` : ""}`;
  return { ok: true, source, table, text: `${what}: ${detail}.` };
}

/** The book to validate with; a workbook book with errors stops the run before anything is written. */
export async function bookForRun(io: ExcelIO, dateSystem: DateSystem): Promise<UsableBook> {
  const state = await readBook(io, dateSystem);
  if (!state.ok) throw new PaneProblem(`${state.text} Correct the rate table, then validate again. Nothing was changed.`);
  return state;
}

/** Writes the default book as the Table ECM_Rates on a new "ECM Rates" sheet, and the limits as ECM_Limits on "ECM Limits". */
export async function insertDefaultBook(io: ExcelIO): Promise<string> {
  const { tables } = await io.sources();
  if (tables.includes(RATES_TABLE)) return `This workbook already has the Table ${RATES_TABLE}: edit it on its sheet.`;
  await io.insertTable(RATES_SHEET, RATES_TABLE, bookGrid(DEFAULT_RATES));
  if (!tables.includes(LIMITS_TABLE)) await io.insertTable(LIMITS_SHEET, LIMITS_TABLE, limitsGrid(DEFAULT_LIMITS));
  return `Inserted the default rate table as Table ${RATES_TABLE} on sheet "${RATES_SHEET}" (and the limits as ${LIMITS_TABLE} on "${LIMITS_SHEET}"): edit a rate, add a Plan or dates, then validate. It travels with the workbook.`;
}
