/**
 * Pure adapter between Excel custom-function arguments (2-D arrays as Excel passes them) and
 * the engine. No Office globals here: errors are returned as CellError values, which
 * functions.ts turns into CustomFunctions.Error, so everything below is testable in Node.
 */
import {
  cellText,
  createRateLookup,
  formatDay,
  DEFAULT_RATES,
  parseDay,
  readLimits,
  readMembers,
  readRateBook,
  validateGrid,
  verdictLine,
  resultCells,
  type Cell,
  type DateSystem,
  type Day,
  type MembersList,
  type PlanLimits,
  type RateTable,
  type Verdict,
} from "../engine";

/** An error to show in a cell: Excel's #N/A or #VALUE!, with the message of its error flag. */
export interface CellError {
  error: "#N/A" | "#VALUE!";
  message: string;
}
export type OutCell = string | number | CellError;

export function isCellError(v: unknown): v is CellError {
  return typeof v === "object" && v !== null && "error" in v && "message" in v;
}

/**
 * Excel's error values by the names data-type error objects give them (Excel.ErrorCellValue's
 * errorType), so a cell shows as Excel writes it (#N/A), not as #NotAvailable.
 */
const ERROR_TEXT: Readonly<Record<string, string>> = {
  NotAvailable: "#N/A",
  Value: "#VALUE!",
  Div0: "#DIV/0!",
  Ref: "#REF!",
  Name: "#NAME?",
  Null: "#NULL!",
  Num: "#NUM!",
  Spill: "#SPILL!",
  Calc: "#CALC!",
  GettingData: "#GETTING_DATA",
  Field: "#FIELD!",
  Blocked: "#BLOCKED!",
  Connect: "#CONNECT!",
  Busy: "#BUSY!",
  Unknown: "#UNKNOWN!",
};

/**
 * One value from a custom-function range → engine cell. Excel gives strings ("" for empty),
 * numbers (dates arrive as serial numbers), booleans, and — with allowErrorForDataTypeAny in
 * functions.json — error values: CustomFunctions.Error-like objects with a code such as "#N/A",
 * or data-type error objects ({ type: "Error", errorType, basicValue }). Errors become Excel's
 * text for them (the engine reports them as ECM-CELL-ERROR).
 */
export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  if (typeof value === "object") {
    const v = value as { code?: unknown; errorType?: unknown; type?: unknown; basicValue?: unknown };
    if (v.type === "Error") {
      if (typeof v.basicValue === "string" && v.basicValue.startsWith("#")) return v.basicValue;
      if (typeof v.errorType === "string") return ERROR_TEXT[v.errorType] ?? `#${v.errorType.toUpperCase()}!`;
    }
    if (typeof v.code === "string") return v.code.startsWith("#") ? v.code : (ERROR_TEXT[v.code] ?? `#${v.code}`);
  }
  return null;
}

export const toGrid = (rows: readonly (readonly unknown[])[]): Cell[][] => rows.map((r) => r.map(toCell));

/**
 * Empty cells arrive as "", null or 0 depending on the Excel build (office-js #4702, #5262,
 * #1951). A range in which no cell arrived as "" or null, but some as 0, comes from a build that
 * sends 0 for empty: its zeros are read as empty, so all three encodings give the same verdicts.
 * (A range with no empty cell at all and a real 0 is read the same way: a documented limit.)
 */
export function emptyCellsAsZero(rows: readonly (readonly unknown[])[]): boolean {
  let zero = false;
  for (const row of rows)
    for (const v of row) {
      if (v === "" || v === null || v === undefined) return false;
      if (v === 0) zero = true;
    }
  return zero;
}

/** The grid of a range whose empty cells may have arrived as 0 (see emptyCellsAsZero). */
export function rangeGrid(rows: readonly (readonly unknown[])[]): Cell[][] {
  if (!emptyCellsAsZero(rows)) return toGrid(rows);
  return rows.map((r) => r.map((v) => (v === 0 ? null : toCell(v))));
}

const blank = (c: Cell): boolean => c === null || c === undefined || (typeof c === "string" && c.trim() === "");

/** Shared by every RATE call: the default table's lookup never changes, so this cache cannot change results. */
const defaultLookup = createRateLookup();

/**
 * =ECM.RATE(code, [modifiers]): one rate per cell of `code`, same shape. `modifiers` has one row
 * per code row (its cells on that row are combined, so Modifier 1..4 columns work), one row for
 * all, or the very same shape as `code` (cell by cell). Blank code and modifiers give "".
 */
export function rateMatrix(
  code: readonly (readonly unknown[])[],
  modifiers?: readonly (readonly unknown[])[] | null,
  table?: RateTable,
  /** The date of service: one value for all, or one per code row (a date cell's serial or text); omitted: `today`. */
  date?: readonly (readonly unknown[])[] | null,
  /** The plan: one value for all, or one per code row; omitted: no plan (the any-plan rows). */
  plan?: readonly (readonly unknown[])[] | null,
  today?: Day,
  /** The workbook's date system, which a date cell's serial counts in (workbook-dates.ts). */
  dateSystem: DateSystem = 1900,
): OutCell[][] {
  const lookup = table === undefined ? defaultLookup : createRateLookup(table);
  const perRow = (arg: readonly (readonly unknown[])[] | null | undefined, r: number): unknown =>
    arg === undefined || arg === null ? undefined : arg.length === 1 ? arg[0]?.[0] : arg[r]?.[0];
  const dayOf = (r: number): Day | undefined | CellError => {
    const value = perRow(date, r);
    if (omitted(value)) return today;
    const day = parseDay(toCell(value), dateSystem);
    return day ?? { error: "#VALUE!", message: `date ${JSON.stringify(String(value))} is not a date: give a date cell or YYYY-MM-DD.` };
  };
  const planOf = (r: number): string | undefined => {
    const value = perRow(plan, r);
    return omitted(value) ? undefined : cellText(toCell(value));
  };
  // No code or modifier is 0: a 0 is an empty cell as some Excel builds pass it.
  const notZero = (v: unknown): Cell => (v === 0 ? null : toCell(v));
  const mods = (modifiers ?? []).map((r) => r.map(notZero));
  const codeCols = code[0]?.length ?? 0;
  const modCols = mods[0]?.length ?? 0;
  if (mods.length > 1 && mods.length !== code.length) {
    const problem: CellError = {
      error: "#VALUE!",
      message: `modifiers has ${mods.length} rows but code has ${code.length}: give one modifiers row per code row, or a single row for all.`,
    };
    return code.map((r) => r.map(() => problem));
  }
  // The web's 5 MB (see PAYLOAD_LIMIT_BYTES), measured: the arguments first (a whole column is
  // refused before a million lookups), then the answers (a column of #N/A messages weighs far more
  // than one of rates).
  const size = (arg: unknown): number => (arg === undefined || arg === null ? 0 : JSON.stringify(arg).length);
  const inputBytes = size(code) + size(modifiers) + size(date) + size(plan);
  const tooLarge = [
    [
      tooLargeForWeb(
        `${code.length.toLocaleString("en-US")} rows of codes and their rates are`,
        "RATE",
        "give it the claims' rows only (C2:C50000, not C:C)",
      ),
    ],
  ];
  if (inputBytes > PAYLOAD_LIMIT_BYTES) return tooLarge;
  const elementwise = mods.length === code.length && codeCols > 1 && modCols === codeCols;
  const rates = code.map((row, r) =>
    row.map((value, c) => {
      const codeCell = notZero(value);
      const modRow = mods.length === 0 ? [] : (mods[mods.length === 1 ? 0 : r] ?? []);
      const modCells = elementwise ? [modRow[c] ?? null] : modRow;
      if (blank(codeCell) && modCells.every(blank)) return "";
      const day = dayOf(r);
      if (isCellError(day)) return day;
      const found = lookup(codeCell, modCells, day, planOf(r));
      return found.ok ? found.entry.rate : ({ error: "#N/A", message: found.message } satisfies CellError);
    }),
  );
  return inputBytes + size(rates) > PAYLOAD_LIMIT_BYTES ? tooLarge : rates;
}

/** Column headings of =ECM.VALIDATE's output; the status heading names the as-of date used. */
export const statusHeading = (asOf: Day): string => `ECM status as of ${formatDay(asOf)}`;
export const DETAIL_HEADINGS = ["ECM rules", "ECM message", "ECM expected"];

/**
 * Excel on the web refuses a custom function's request or result over about 5 MB (office-js
 * #4654, #2786): the call then shows #BUSY! for ever. Above this estimate =ECM.VALIDATE answers
 * one #VALUE! pointing to the task pane instead. The estimate is the JSON size of the range passed
 * in plus the result. Measured on generated claims (tests/functions.test.ts, "payload"): about 8
 * bytes a cell in, 23 bytes a row out (36 with detail); the constants are 1.5 to 3 times that,
 * and the limit leaves 0.7 MB below 5 MB. With 10 columns that allows 24,456 rows, or 18,750
 * with detail.
 */
export const PAYLOAD_LIMIT_BYTES = 4_500_000;
export const PAYLOAD_CELL_BYTES = 12;
export const PAYLOAD_ROW_BYTES = { short: 64, detail: 120 } as const;
/** The one #VALUE! of a call larger than Excel on the web passes (PAYLOAD_LIMIT_BYTES): what, which function, what to do. */
const tooLargeForWeb = (what: string, fn: string, advice: string): CellError => ({
  error: "#VALUE!",
  message: `${what} more than ECM.${fn} can answer in Excel on the web (about 5 MB): ${advice}.`,
});

export function payloadEstimate(rows: number, cols: number, detail: boolean): number {
  return rows * (cols * PAYLOAD_CELL_BYTES + (detail ? PAYLOAD_ROW_BYTES.detail : PAYLOAD_ROW_BYTES.short));
}

/** The optional arguments of =ECM.VALIDATE after `detail`, as Excel passes them (omitted: undefined or null). */
export interface ValidateArgs {
  /** A date: an Excel serial number (a date cell) or text such as 2026-06-30. */
  asOf?: unknown;
  /** The members list range, header row included. */
  members?: readonly (readonly unknown[])[] | null;
  /** The rate book range (ECM_Rates[#All]), header row included; omitted: the built-in default book. */
  rates?: readonly (readonly unknown[])[] | null;
  /**
   * The limits table range (ECM_Limits[#All]), header row included: outreach attempts per window,
   * window days, attempts before engagement, lesser of billed and CIN format, per plan, as the task
   * pane and the CLI read them; omitted: the book's own limits (the defaults).
   */
  limits?: readonly (readonly unknown[])[] | null;
  /** The workbook's date system, which date cells' serials count in (workbook-dates.ts); default 1900. */
  dateSystem?: DateSystem;
}

/** Whether an optional range argument was given (Excel passes an omitted one as undefined/null, an empty cell as [[""]] or [[0]]). */
export const rangeGiven = (range: readonly (readonly unknown[])[] | null | undefined): range is readonly (readonly unknown[])[] =>
  range !== undefined && range !== null && !(range.length === 1 && (range[0]?.length ?? 0) === 1 && omitted(range[0]?.[0]));

/**
 * Values made recently from argument cells, by a key of those cells: recalculation passes the same
 * Tables again and again. Holds at most `kept` (the oldest made is dropped first); cannot change results.
 */
class Recent<V> {
  private readonly made = new Map<string, V>();
  constructor(private readonly kept: number) {}
  get(key: string, make: () => V): V {
    const known = this.made.get(key);
    if (known !== undefined) return known;
    const value = make();
    if (this.made.size >= this.kept) this.made.delete(this.made.keys().next().value as string);
    this.made.set(key, value);
    return value;
  }
}
const books = new Recent<RateTable | CellError>(4);
const limitsTables = new Recent<readonly PlanLimits[] | CellError>(4);

/** The rate book in a range (its header row first), its date cells in `dateSystem`, or the #VALUE! naming its problems. */
export function bookFromRange(range: readonly (readonly unknown[])[], dateSystem: DateSystem = 1900): RateTable | CellError {
  return books.get(`${dateSystem}${JSON.stringify(range)}`, () => {
    const book = readRateBook(rangeGrid(range), "rates", 1, dateSystem);
    return book.ok ? book.table : { error: "#VALUE!", message: book.message };
  });
}

/** The limits table in a range (its header row first), or the #VALUE! naming its problems (a plan listed twice, a count that is not one). */
export function limitsFromRange(range: readonly (readonly unknown[])[]): readonly PlanLimits[] | CellError {
  return limitsTables.get(JSON.stringify(range), () => {
    const limits = readLimits(rangeGrid(range), "limits");
    return limits.ok ? limits.limits : { error: "#VALUE!", message: limits.message };
  });
}

/** An omitted optional argument: Excel passes undefined or null, and an empty cell as "" or 0 depending on the build. */
const omitted = (v: unknown): boolean => v === undefined || v === null || v === "" || v === 0;

/** The range without its trailing rows of empty cells (a whole-column or generous range such as A1:J100000). */
function trimTrailingBlankRows(rows: readonly (readonly unknown[])[]): readonly (readonly unknown[])[] {
  let end = rows.length;
  while (end > 0 && (rows[end - 1] ?? []).every((v) => v === "" || v === null || v === undefined || v === 0)) end--;
  return end === rows.length ? rows : rows.slice(0, end);
}

/**
 * =ECM.VALIDATE(claims, [detail], [as_of], [members], [rates], [limits]): one output row per row of `claims` (header
 * row included; trailing empty rows dropped). Header row → heading(s) naming the as-of date;
 * blank rows → ""; claim rows → "OK" / "WARN: …" / "ERROR: …", or with `detail` four columns:
 * status, rules, message, expected. No recognisable header, an as-of that is not a date, a members
 * list, rate book or limits table that cannot be used, or a range too large for Excel on the web →
 * one #VALUE!.
 */
export function validateMatrix(
  claims: readonly (readonly unknown[])[],
  detail: boolean,
  today: Day,
  table?: RateTable,
  args: ValidateArgs = {},
): OutCell[][] {
  const dateSystem = args.dateSystem ?? 1900;
  let asOf = today;
  if (!omitted(args.asOf)) {
    const day = parseDay(toCell(args.asOf), dateSystem);
    if (day === undefined) {
      return [[{ error: "#VALUE!", message: `as_of ${JSON.stringify(String(args.asOf))} is not a date: give a date cell or YYYY-MM-DD.` }]];
    }
    asOf = day;
  }
  const rows = trimTrailingBlankRows(claims);
  const cols = rows[0]?.length ?? 0;
  if (payloadEstimate(rows.length, cols, detail) > PAYLOAD_LIMIT_BYTES) {
    return [
      [
        tooLargeForWeb(
          `${rows.length.toLocaleString("en-US")} rows × ${cols} columns is`,
          "VALIDATE",
          "use Check ECM claims (the task pane) for a range this large",
        ),
      ],
    ];
  }
  if (rangeGiven(args.rates)) {
    const book = bookFromRange(args.rates, dateSystem);
    if (isCellError(book)) return [[book]];
    table = book;
  }
  if (rangeGiven(args.limits)) {
    const limits = limitsFromRange(args.limits);
    if (isCellError(limits)) return [[limits]];
    table = { ...(table ?? DEFAULT_RATES), limits };
  }
  let members: MembersList | undefined;
  const list = args.members;
  if (rangeGiven(list)) {
    const read = readMembers(rangeGrid(list), 1, dateSystem);
    if (!read.ok) return [[{ error: "#VALUE!", message: read.message }]];
    members = read.list;
  }
  const grid = rangeGrid(rows);
  const result = validateGrid(grid, { asOf, rates: table, firstRow: 1, members, dateSystem });
  if (!result.ok) return [[{ error: "#VALUE!", message: result.message }]];
  const byRow: (Verdict | undefined)[] = new Array(grid.length);
  for (const v of result.verdicts) byRow[v.row - 1] = v;
  const headerIndex = result.headerRow - 1;
  return grid.map((_, i) => {
    if (i === headerIndex) return detail ? [statusHeading(asOf), ...DETAIL_HEADINGS] : [statusHeading(asOf)];
    const v = byRow[i];
    return detail ? resultCells(v) : [v === undefined ? "" : verdictLine(v)];
  });
}
