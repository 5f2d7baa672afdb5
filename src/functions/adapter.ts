/**
 * Pure adapter between Excel custom-function arguments (2-D arrays as Excel passes them) and
 * the engine. No Office globals here: errors are returned as CellError values, which
 * functions.ts turns into CustomFunctions.Error, so everything below is testable in Node.
 */
import {
  createRateLookup,
  parseDay,
  readMembers,
  validateGrid,
  verdictLine,
  verdictMessage,
  verdictRules,
  type Cell,
  type Day,
  type MembersList,
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
 * One value from a custom-function range → engine cell. Excel gives strings ("" for empty),
 * numbers (dates arrive as serial numbers), booleans, and error values (objects with a code
 * such as "#N/A", or data-type error objects); errors become their text so messages can show them.
 */
export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  if (typeof value === "object") {
    const v = value as { code?: unknown; errorType?: unknown; type?: unknown };
    if (typeof v.code === "string") return v.code.startsWith("#") ? v.code : `#${v.code}`;
    if (v.type === "Error" && typeof v.errorType === "string") return `#${v.errorType}`;
  }
  return null;
}

export const toGrid = (rows: readonly (readonly unknown[])[]): Cell[][] => rows.map((r) => r.map(toCell));

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
): OutCell[][] {
  const lookup = table === undefined ? defaultLookup : createRateLookup(table);
  const mods = (modifiers ?? []).map((r) => r.map(toCell));
  const codeCols = code[0]?.length ?? 0;
  const modCols = mods[0]?.length ?? 0;
  if (mods.length > 1 && mods.length !== code.length) {
    const problem: CellError = {
      error: "#VALUE!",
      message: `modifiers has ${mods.length} rows but code has ${code.length}: give one modifiers row per code row, or a single row for all.`,
    };
    return code.map((r) => r.map(() => problem));
  }
  const elementwise = mods.length === code.length && codeCols > 1 && modCols === codeCols;
  return code.map((row, r) =>
    row.map((value, c) => {
      const codeCell = toCell(value);
      const modRow = mods.length === 0 ? [] : (mods[mods.length === 1 ? 0 : r] ?? []);
      const modCells = elementwise ? [modRow[c] ?? null] : modRow;
      if (blank(codeCell) && modCells.every(blank)) return "";
      const found = lookup(codeCell, modCells);
      return found.ok ? found.entry.rate : { error: "#N/A", message: found.message };
    }),
  );
}

/** Column headings of =ECM.VALIDATE's output. */
export const SHORT_HEADING = "ECM status";
export const DETAIL_HEADINGS = ["ECM status", "ECM rules", "ECM message", "ECM expected"];

/** The optional arguments of =ECM.VALIDATE after `detail`, as Excel passes them (omitted: undefined or null). */
export interface ValidateArgs {
  /** A date: an Excel serial number (a date cell) or text such as 2026-06-30. */
  asOf?: unknown;
  /** The members list range, header row included. */
  members?: readonly (readonly unknown[])[] | null;
}

/** An omitted optional argument: Excel passes undefined or null, and an empty cell as "" or 0 on some builds. */
const omitted = (v: unknown): boolean => v === undefined || v === null || v === "";

/**
 * =ECM.VALIDATE(claims, [detail], [as_of], [members]): one output row per row of `claims` (header
 * row included). Header row → heading(s); blank rows → ""; claim rows → "OK" / "WARN: …" /
 * "ERROR: …", or with `detail` four columns: status, rules, message, expected. No recognisable
 * header, an as-of that is not a date or a members list that cannot be used → one #VALUE!.
 */
export function validateMatrix(
  claims: readonly (readonly unknown[])[],
  detail: boolean,
  today: Day,
  table?: RateTable,
  args: ValidateArgs = {},
): OutCell[][] {
  let asOf = today;
  if (!omitted(args.asOf)) {
    const day = parseDay(toCell(args.asOf));
    if (day === undefined) {
      return [[{ error: "#VALUE!", message: `as_of ${JSON.stringify(String(args.asOf))} is not a date: give a date cell or YYYY-MM-DD.` }]];
    }
    asOf = day;
  }
  let members: MembersList | undefined;
  const list = args.members;
  if (list !== undefined && list !== null && !(list.length === 1 && (list[0]?.length ?? 0) === 1 && omitted(list[0]?.[0]))) {
    const read = readMembers(toGrid(list));
    if (!read.ok) return [[{ error: "#VALUE!", message: read.message }]];
    members = read.list;
  }
  const grid = toGrid(claims);
  const result = validateGrid(grid, { asOf, rates: table, firstRow: 1, members });
  if (!result.ok) return [[{ error: "#VALUE!", message: result.message }]];
  const byRow: (Verdict | undefined)[] = new Array(grid.length);
  for (const v of result.verdicts) byRow[v.row - 1] = v;
  const headerIndex = result.headerRow - 1;
  const empty: OutCell[] = detail ? ["", "", "", ""] : [""];
  return grid.map((_, i) => {
    if (i === headerIndex) return detail ? [...DETAIL_HEADINGS] : [SHORT_HEADING];
    const v = byRow[i];
    if (v === undefined) return [...empty];
    return detail ? [v.status, verdictRules(v), verdictMessage(v), v.expected] : [verdictLine(v)];
  });
}
