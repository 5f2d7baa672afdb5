/**
 * The headless validator: `ecm FILE [--sheet NAME] [--format table|json|csv] [--as-of YYYY-MM-DD] [--out FILE]`.
 * Exit 0 = no ERROR rows, 1 = some ERROR rows, 2 = unusable input or arguments.
 */
import { columnLetters } from "../shared/columns";
import {
  CHECK_ANOTHER_SHEET,
  listedDetails,
  duplicateNotes,
  headerRowNotes,
  membersSheetNotes,
  mergedNotes,
  naTextNotes,
  otherSheetsNotes,
  rateBookSheetNotes,
  totalsNotes,
  USE_MEMBERS_SHEET,
} from "../shared/report-text";
import { parseArgs } from "node:util";
import { basename, extname, resolve } from "node:path";
import { dayFromISO, findHeader, readMembers, validateGrid, type Day, type MembersList } from "../engine";
import { localToday } from "../shared/today";
import { writeAnnotated } from "./annotate";
import { defaultBookCsv, limitFlags, loadBook, RATES_SHEET } from "./book";
import { DATE_ORDERS, fileReading, type DateOrderChoice } from "./date-order";
import { claimAmountColumns, readDecimalCommas } from "./decimal-comma";
import { checkOut, writeReplacing } from "./out";
import { InputError } from "./input-file";
import { FULL_MODEL_MAX_BYTES, loadSheet } from "./read";
import { csvReport, jsonReport, printable, tableReport } from "./report";
import { overfullRows } from "./csv";
import { encodingNotes } from "./csv-encoding";
import { helpText, parseArgsOptions, type CliValues } from "./options";

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * The folder relative paths are relative to: where the user ran the command. `npm run` starts
   * scripts in the package folder and passes the user's folder as INIT_CWD.
   */
  cwd(): string;
  /** Today's local date; the CLI's only clock. */
  today(): Day;
  /** Whether stderr is a terminal (progress lines are shown there only). */
  progress?: boolean;
  /** Milliseconds, for --verbose timings (not the date: today() is). */
  now?(): number;
  /** Largest .xlsx copied with its formats (default FULL_MODEL_MAX_BYTES); larger ones are copied as values. */
  copyFullModelMaxBytes?: number;
}

const MB = 1024 * 1024;
const megabytes = (bytes: number): string => (Number.isInteger(bytes / MB) ? String(bytes / MB) : (bytes / MB).toFixed(1));

/** The note for an .xlsx copy that leaves out parts of the workbook its writer does not keep (read.ts, copyLeavesOut). */
export function leftOutNote(what: readonly string[]): string {
  const list = what.length === 1 ? what[0] : `${what.slice(0, -1).join(", ")} and ${what[what.length - 1]}`;
  return `The annotated copy leaves out the workbook's ${list}: the library that writes the copy (ExcelJS) does not keep them. The input file still has them; to annotate the workbook itself, validate it in Excel with the task pane.`;
}

/** The note for an .xlsx copy written as values only (read.ts, LoadedSheet.valuesOnlyCopy). */
export function valuesOnlyCopyNote(limit: number, size: number): string {
  return `The annotated copy keeps the workbook's values, hidden sheets and merged cells but not its formats, formulas, comments or Tables: a workbook over ${megabytes(limit)} MB (this one: ${(size / MB).toFixed(1)} MB) is copied as values, to stay fast. To keep everything, validate it in Excel with the task pane, or write a CSV copy (--out copy.csv).`;
}

/** How the refusal names a value that holds the file's delimiter. */
const DELIMITER_NAMES: Record<string, string> = {
  ",": 'a value holding a comma (such as "U8, GQ")',
  ";": 'a value holding a semicolon (such as "U8; GQ")',
  "\t": "a value holding a tab",
};

/** Row numbers a one-line message names before "and N more". */
const ROWS_NAMED = 10;

/**
 * The refusal of a CSV whose rows hold more values than its header row has columns (csv.ts
 * overfullRows, grid indexes): one line, naming the first rows.
 */
function overfullMessage(
  file: string,
  grid: readonly (readonly unknown[])[],
  headerRow: number,
  rows: readonly number[],
  delimiter = ",",
): string {
  const numbers = rows.slice(0, ROWS_NAMED).map((r) => String(r + 1));
  const more = rows.length > ROWS_NAMED ? ` and ${rows.length - ROWS_NAMED} more` : "";
  const which =
    rows.length === 1
      ? `row ${numbers[0]} has`
      : more === ""
        ? `rows ${numbers.slice(0, -1).join(", ")} and ${numbers.at(-1)} have`
        : `rows ${numbers.join(", ")}${more} have`;
  return `${file}: ${which} more values than the header row (row ${headerRow}) has columns (${grid[headerRow - 1]?.length ?? 0}): ${DELIMITER_NAMES[delimiter] ?? `a value holding the delimiter ${JSON.stringify(delimiter)}`} was not put in quotes, so the values after it would be read in the wrong columns. Put quotes around such values, or save the file again from Excel, then validate again.`;
}

export const USAGE =
  "usage: ecm FILE.xlsx|FILE.csv|FILE.txt [--sheet NAME] [--format table|json|csv] [--as-of YYYY-MM-DD] [--out annotated.xlsx|.csv [--force]] [--members FILE.xlsx|FILE.csv] [--members-sheet NAME] [--rates FILE.xlsx|FILE.csv] [--limits FILE.xlsx|FILE.csv] [--plan NAME] [--outreach-per-window N] [--window-days N] [--outreach-max N] [--no-lesser-of] [--cin] [--date-order auto|mdy|dmy] [--verbose]\n       ecm rates | ecm limits   (print the default rate book or limits as CSV, to start your own from)";

/** The members list's sheet when --members-sheet is not given (else the workbook's first sheet). */
export const MEMBERS_SHEET = "ECM Members";

export const processIO: CliIO = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: () => process.env.INIT_CWD ?? process.cwd(),
  today: localToday,
  progress: process.stderr.isTTY === true,
  now: () => performance.now(),
};

const FORMATS = ["table", "json", "csv"] as const;
/** Files with more rows than this show what the CLI is doing on a terminal. */
const PROGRESS_FROM_ROWS = 50_000;
type Format = (typeof FORMATS)[number];

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const fail = (message: string, details: readonly string[] = []): number => {
    // One line per message and per detail: line breaks and other control characters in names,
    // headers and cells are escaped. A book or members list with many bad rows lists them all, a
    // line each (up to MAX_DETAILS, shared/report-text), so they can be mended in one go.
    io.stderr([message, ...listedDetails(details).map((d) => `  ${d}`)].map((line) => `ecm: ${printable(line)}\n`).join(""));
    return 2;
  };
  let values: CliValues;
  let positionals: string[];
  try {
    // parseArgs types its values from a literal options object; built from CLI_OPTIONS, they are CliValues.
    ({ values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: parseArgsOptions() }) as {
      values: CliValues;
      positionals: string[];
    });
  } catch (e) {
    return fail(`${(e as Error).message}; ${USAGE}`);
  }
  if (values.help) {
    io.stdout(helpText(USAGE));
    return 0;
  }
  if (positionals.length === 1 && (positionals[0] === "rates" || positionals[0] === "limits") && argv.length === 1) {
    io.stdout(defaultBookCsv(positionals[0])); // a file named "rates" is read as ./rates
    return 0;
  }
  if (positionals.length !== 1) return fail(`give exactly one FILE; ${USAGE}`);
  // Paths as the user gave them, made absolute only when the process runs elsewhere (npm run).
  const here = io.cwd();
  const located = (path: string): string => (resolve(here, path) === resolve(path) ? path : resolve(here, path));
  const file = located(positionals[0] as string);
  const out = values.out === undefined ? undefined : located(values.out);
  // --members-sheet alone: that sheet of the claims workbook (where the task pane finds "ECM Members").
  const membersFile = values.members !== undefined ? located(values.members) : values["members-sheet"] !== undefined ? file : undefined;
  const membersShown = values.members ?? (positionals[0] as string);
  const ratesFile = values.rates === undefined ? undefined : located(values.rates);
  const limitsFile = values.limits === undefined ? undefined : located(values.limits);
  if (values.plan !== undefined && values.plan.trim() === "")
    return fail("--plan needs a plan name (as the rate book's Plan column writes it)");
  const format = (values.format ?? "table") as Format;
  if (!FORMATS.includes(format)) return fail(`--format must be table, json or csv, not "${values.format}"`);
  let asOf = io.today();
  if (values["as-of"] !== undefined) {
    const day = dayFromISO(values["as-of"]);
    if (day === undefined) return fail(`--as-of must be a real date as YYYY-MM-DD, not "${values["as-of"]}"`);
    asOf = day;
  }
  const dates = (values["date-order"] ?? "auto") as DateOrderChoice;
  if (!DATE_ORDERS.includes(dates))
    return fail(`--date-order must be auto, mdy (1/13/2026: month first) or dmy (13/1/2026: day first), not "${values["date-order"]}"`);
  if (values["members-sheet"] !== undefined && values.members === undefined && ![".xlsx", ".xlsm"].includes(extname(file).toLowerCase()))
    return fail(
      "--members-sheet without --members reads a sheet of the claims workbook, and FILE has no sheets: give the list with --members FILE",
    );
  if (values.force === true && out === undefined) return fail("--force applies to --out only");

  try {
    // Before anything is read: a copy that cannot be written must not cost the user a long run.
    if (out !== undefined) await checkOut(out, file, values.force === true);
    const limits = limitFlags(values);
    const { table: rates, notes: inputNotes } = await loadBook(ratesFile, limitsFile, dates);
    let members: MembersList | undefined;
    if (membersFile !== undefined) {
      const named = values["members-sheet"];
      const list = await loadSheet(membersFile, { sheet: named ?? MEMBERS_SHEET, orFirstSheet: named === undefined });
      const membersDates = fileReading(list, dates, basename(membersFile));
      inputNotes.push(...encodingNotes(list.encoding, basename(membersFile)), ...membersDates.notes);
      const read = readMembers(list.grid, 1, 1900, membersDates.order);
      if (!read.ok) {
        const where = `${membersShown}${list.kind === "xlsx" ? ` (sheet "${list.sheetName}")` : ""}`;
        if (read.problems.length <= 1) return fail(`${where}: ${read.message}`);
        return fail(`${where}: Members list: ${read.problems.length} problems:`, read.problems);
      }
      members = read.list;
    }
    const forCopy = out !== undefined && extname(out).toLowerCase() === ".xlsx";
    const clock = io.now ?? (() => 0);
    const t0 = clock();
    const copyLimit = io.copyFullModelMaxBytes ?? FULL_MODEL_MAX_BYTES;
    let sheet = await loadSheet(file, { sheet: values.sheet, forCopy, fullModelMaxBytes: copyLimit });
    const t1 = clock();
    const large = sheet.grid.length > PROGRESS_FROM_ROWS && io.progress === true;
    if (large) io.stderr(`ecm: checking ${(sheet.grid.length - 1).toLocaleString("en-US")} rows…\n`);
    const readingNotes: string[] = [];
    if (sheet.kind === "csv") {
      // Before the claims are checked: a row whose values sit in the wrong columns makes the file unusable.
      const header = findHeader(sheet.grid);
      const overfull = header.ok ? overfullRows(sheet.grid as string[][], header.headerIndex) : [];
      if (header.ok && overfull.length > 0)
        return fail(overfullMessage(file, sheet.grid, header.headerIndex + 1, overfull, sheet.delimiter));
      // Amounts written "400,00" (a European regional format): read as amounts; a CSV copy keeps them as written.
      const commas = header.ok
        ? readDecimalCommas(sheet.grid, header.headerIndex, claimAmountColumns(header.mapping), sheet.delimiter ?? ",", basename(file))
        : undefined;
      if (commas !== undefined) {
        sheet = { ...sheet, grid: commas.grid, raw: sheet.raw ?? sheet.grid, decimalComma: true };
        readingNotes.push(commas.note);
      }
      readingNotes.push(...encodingNotes(sheet.encoding, basename(file)));
    }
    const claimDates = fileReading(sheet, dates, basename(file));
    const result = validateGrid(sheet.grid, {
      asOf,
      dateOrder: claimDates.order,
      rates,
      limits,
      members,
      cinFormat: values.cin === true,
      ...(values.plan === undefined ? {} : { plan: values.plan }),
    });
    const t2 = clock();
    if (!result.ok) {
      // Another sheet may hold the claims: name them all and how to pick one.
      const others =
        values.sheet === undefined && (sheet.sheetNames?.length ?? 0) > 1
          ? ` Sheets: ${sheet.sheetNames?.map((n) => `"${n}"`).join(", ")}; pick one with --sheet NAME.`
          : "";
      return fail(`${file}${sheet.kind === "xlsx" ? ` (sheet "${sheet.sheetName}")` : ""}: ${result.message}${others}`);
    }
    const notes = [
      ...readingNotes,
      ...claimDates.notes,
      ...inputNotes,
      ...duplicateNotes(result.mapping, columnLetters),
      // A workbook's text NA (R's missing value, once the file was opened in Excel); a CSV's were read above.
      ...(sheet.kind === "xlsx" ? naTextNotes(sheet.grid, result.headerRow + 1, result.mapping, columnLetters, result.headerRow) : []),
      ...mergedNotes(sheet.merges ?? [], result.headerRow),
      ...totalsNotes(result.summary.totalsRows),
      ...headerRowNotes(result.summary.headerRows),
      ...otherSheetsNotes(sheet.sheetName, sheet.otherClaimSheets ?? [], CHECK_ANOTHER_SHEET.cli),
      ...(membersFile === undefined ? membersSheetNotes(sheet.membersSheets ?? [], USE_MEMBERS_SHEET.cli) : []),
      ...(ratesFile === undefined ? rateBookSheetNotes(sheet.rateBookSheets ?? [], positionals[0] as string, RATES_SHEET) : []),
      ...(forCopy && sheet.valuesOnlyCopy !== undefined ? [valuesOnlyCopyNote(copyLimit, sheet.valuesOnlyCopy.bytes)] : []),
      ...(forCopy && sheet.copyLeavesOut !== undefined ? [leftOutNote(sheet.copyLeavesOut)] : []),
    ];
    const ctx = { file, sheetName: sheet.sheetName, asOf, rateTableId: rates.id, notes };
    if (format === "json") io.stdout(jsonReport(result.verdicts, result.summary, ctx) + "\n");
    else if (format === "csv") io.stdout(csvReport(result.verdicts));
    else io.stdout(tableReport(result.verdicts, result.summary, ctx));
    if (out !== undefined) {
      if (large) io.stderr(`ecm: writing ${out}…\n`);
      await writeReplacing(out, (path) => writeAnnotated(path, sheet, result.headerRow, result.verdicts));
      if (format === "table") io.stdout(`Annotated copy written to ${out}\n`);
    }
    if (values.verbose === true) {
      const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
      io.stderr(
        `ecm: read ${s(t1 - t0)} (${sheet.grid.length.toLocaleString("en-US")} rows), validate ${s(t2 - t1)}, report${out === undefined ? "" : " and copy"} ${s(clock() - t2)}\n`,
      );
    }
    return result.summary.error > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof InputError) return fail(e.message, e.details);
    throw e;
  }
}
