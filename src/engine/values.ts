/**
 * Normalisation of raw cell values into the values the rules need.
 * Every function accepts any Cell and never throws.
 */
import type { Cell, DateOrder, DateSystem, Day } from "./types";
import { dayFromDate, dayFromNumber, dayFromText, formatDay } from "./days";

/**
 * Characters that show as nothing: soft hyphen, zero-width space, non-joiner and joiner, word
 * joiner, byte-order mark (NBSP and the other spaces are white space, which trim() removes). They
 * come with text pasted from web pages and PDFs; a TAR of only a zero-width space is no TAR.
 */
const INVISIBLE_ALL = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/** Whether the text holds an invisible character (a loop: cheaper than a pattern on short ASCII text). */
export function hasInvisible(text: string): boolean {
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c >= 0xad && (c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff)) return true;
  }
  return false;
}

/**
 * A database's empty value written as text: SQL Server Management Studio writes NULL where a query
 * result has none, in the grid an analyst copies into Excel and in "Save Results As" CSV files, and
 * MySQL's SELECT … INTO OUTFILE writes \N, and pandas writes nan for an empty cell of a column
 * turned into text (DataFrame.astype(str), fixture pandas-astype-str.csv). It is no value: a TAR of
 * NULL is no TAR, a member NULL no member, a Modifiers cell NULL no modifier.
 */
export function isNullText(text: string): boolean {
  const n = text.length;
  if (n === 2) return text === "\\N";
  if (n !== 3 && n !== 4) return false;
  // In any case, without building a string (isBlank asks this of short cells): c | 32 is the
  // lower case of an ASCII letter, and only N and n give 110, U and u 117, L and l 108, A and a 97.
  const c0 = text.charCodeAt(0) | 32;
  if (n === 3) return c0 === 110 && (text.charCodeAt(1) | 32) === 97 && (text.charCodeAt(2) | 32) === 110;
  return c0 === 110 && (text.charCodeAt(1) | 32) === 117 && (text.charCodeAt(2) | 32) === 108 && (text.charCodeAt(3) | 32) === 108;
}

/** Text without invisible characters and surrounding white space ("" for a database's NULL, see isNullText). */
export function cleanText(text: string): string {
  const t = (hasInvisible(text) ? text.replace(INVISIBLE_ALL, "") : text).trim();
  return isNullText(t) ? "" : t;
}

/** The cell as text without invisible characters, trimmed ("" for empty). Dates become YYYY-MM-DD. */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "string") return cleanText(cell);
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  if (cell instanceof Date) {
    const day = dayFromDate(cell);
    return day === undefined ? "" : formatDay(day);
  }
  return "";
}

export function isBlank(cell: Cell): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell === "string") {
    if (cell.length === 0) return true;
    // Fast path: printable ASCII first and last characters mean not blank, without allocating,
    // unless the cell is as short as NULL, nan or \N (only invisible characters inside a word escape it).
    const first = cell.charCodeAt(0);
    const last = cell.charCodeAt(cell.length - 1);
    if (first > 32 && first < 127 && last > 32 && last < 127) return cell.length < 5 && isNullText(cell);
    return cleanText(cell) === "";
  }
  if (typeof cell === "number") return Number.isNaN(cell);
  return false;
}

/**
 * A date cell as a Day, or undefined when it is not a date (blank cells included). A number is a
 * serial of `system` (the workbook's date system; Date objects and text do not depend on it); text
 * that writes day and month as numbers is read in `order`.
 */
export function parseDay(cell: Cell, system: DateSystem = 1900, order: DateOrder = "mdy"): Day | undefined {
  if (typeof cell === "number") return dayFromNumber(cell, system);
  if (typeof cell === "string") return cell === "" ? undefined : dayFromText(cleanText(cell), order);
  if (cell instanceof Date) return dayFromDate(cell);
  return undefined;
}

/*
 * The patterns applied to cells are unambiguous (every character can be matched one way only), so
 * they run in time linear in the cell's length: an earlier "\d+\.?\d*" and a money pattern of
 * adjacent optional "\s*" backtracked, and a 3,000-character cell hung the CLI.
 */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const GROUPED_NUMBER = /^\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

/**
 * An amount once the spaces around its signs are gone: "$", "(", "-", "$", "-", digits, ")", at
 * most one "$" and one sign. The "$" left of the parentheses is how Excel's Accounting format shows
 * a negative (" $(50.00)"), and what a CSV saved "as shown" from Excel or LibreOffice holds.
 */
const MONEY = /^(\$)?(\()?(-)?(\$)?(-)?([\d.,]+)(\))?$/;
/** Zero in the Accounting format (" $-   ") and Comma Style (" -   "): a dash where the digits go. */
const DASH_ZERO = /^\$?-$/;
/** Spaces between two parts of the number itself ("1 200") make it no amount. */
const SPACE_IN_NUMBER = /[\d.,]\s+[\d.,]/;
const SPACES = /\s+/g;
/** No amount is longer; longer text is not looked at. */
const MAX_AMOUNT_LENGTH = 64;

/**
 * Money: numbers, or text such as "$1,200.00", "-5", "(5)" and " $(5.00)" (negative), " $-   "
 * (the Accounting format's zero). undefined if not an amount.
 */
export function parseMoney(cell: Cell): number | undefined {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell !== "string" || cell.length > MAX_AMOUNT_LENGTH) return undefined;
  if (SPACE_IN_NUMBER.test(cell)) return undefined;
  const text = cleanText(cell).replace(SPACES, "");
  const m = MONEY.exec(text);
  if (m === null) return DASH_ZERO.test(text) ? 0 : undefined;
  const [, dollar1, open, minus1, dollar2, minus2, digits = "", close] = m;
  const signs = (open ? 1 : 0) + (minus1 ? 1 : 0) + (minus2 ? 1 : 0);
  if (Boolean(open) !== Boolean(close) || signs > 1 || (dollar1 && dollar2)) return undefined;
  let n: number;
  if (PLAIN_NUMBER.test(digits)) n = Number(digits);
  else if (GROUPED_NUMBER.test(digits)) n = Number(digits.replace(/,/g, ""));
  else return undefined;
  return signs === 1 ? -n : n;
}

/** A plain number ("1.0" → 1), or undefined. */
export function parseNumber(cell: Cell): number | undefined {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell !== "string" || cell.length > MAX_AMOUNT_LENGTH) return undefined;
  const s = cleanText(cell);
  return PLAIN_NUMBER.test(s) ? Number(s) : undefined;
}

export function formatMoney(n: number): string {
  const sign = n < 0 ? "-" : "";
  // Whole dollars below $1,000 (most rates): no rounding or grouping needed.
  if (Number.isInteger(n) && n > -1000 && n < 1000) return `${sign}$${Math.abs(n)}.00`;
  const [whole, cents] = Math.abs(n).toFixed(2).split(".");
  return `${sign}$${(whole ?? "0").replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${cents ?? "00"}`;
}

export interface ParsedModifiers {
  /** Upper-cased modifiers in the order written. */
  list: string[];
  /** Canonical set key: sorted, joined with "+" ("" for none). Repeats kept. */
  key: string;
  /** Modifiers written more than once. */
  repeated: string[];
}

const MODIFIER_SEPARATORS = /[\s,;/|+-]+/;
const PACKED = /^(?:[A-Z0-9]{2}){2,}$/;

function tokens(cell: Cell, out: string[]): void {
  const text = cellText(cell).toUpperCase();
  if (text === "") return;
  for (const token of text.split(MODIFIER_SEPARATORS)) {
    if (token === "") continue;
    if (PACKED.test(token)) {
      for (let i = 0; i < token.length; i += 2) out.push(token.slice(i, i + 2));
    } else {
      out.push(token);
    }
  }
}

/** Modifiers from one or more cells: "U1, GQ", "U1 GQ", "U1;GQ", "U1/GQ", "U1GQ" are all {GQ, U1}. */
export function parseModifiers(cells: readonly Cell[]): ParsedModifiers {
  const list: string[] = [];
  for (const cell of cells) tokens(cell, list);
  const sorted = [...list].sort();
  const repeated: string[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const cur = sorted[i] as string;
    if (cur === sorted[i - 1] && !repeated.includes(cur)) repeated.push(cur);
  }
  return { list, key: sorted.join("+"), repeated };
}

/**
 * Excel's error values, as Excel writes them: what a formula cell shows when it fails, and what
 * an error cell becomes in a CSV, a workbook read without its cached values or a custom
 * function's range. They are never data.
 */
export const EXCEL_ERRORS: readonly string[] = [
  "#N/A",
  "#REF!",
  "#VALUE!",
  "#DIV/0!",
  "#NAME?",
  "#NULL!",
  "#NUM!",
  "#SPILL!",
  "#CALC!",
  "#GETTING_DATA",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
];
const ERROR_SET = new Set(EXCEL_ERRORS);

/**
 * What makes a cell not data: the Excel error value it holds ("#N/A", any case, surrounding spaces
 * ignored), or the text of a formula saved without its value ("=VLOOKUP(…)": a workbook written by
 * a program that does not calculate, or a CSV of formulas); else undefined.
 */
export function excelError(cell: Cell): string | undefined {
  if (typeof cell !== "string" || cell.length < 2) return undefined;
  const first = cell.charCodeAt(0);
  if (first === 61) return cell; // "="
  if (cell.length < 4 || (first !== 35 && first > 32 && first < 128)) return undefined; // fast path: neither "#" nor padding
  const text = cleanText(cell);
  if (text.charCodeAt(0) === 61 && text.length > 1) return text;
  if (text.length > 40) return undefined;
  const upper = text.toUpperCase();
  return ERROR_SET.has(upper) ? upper : undefined;
}

/** Whether what excelError found is a formula without a value (rather than an error value). */
export const isFormulaText = (found: string): boolean => found.charCodeAt(0) === 61;

/**
 * Why a cell of a members list or rate book is not data, after its quoted value, when it holds an
 * Excel error value or a formula saved without its value (what ECM-CELL-ERROR says of a claim
 * cell); else undefined, and the list's own "what would be valid" applies.
 */
export function notDataReason(cell: Cell): string | undefined {
  const found = excelError(cell);
  if (found === undefined) return undefined;
  return isFormulaText(found)
    ? "is a formula without a calculated value: open the workbook in Excel and save it, then use it again"
    : "is an Excel error value, not data: fix the formula or lookup that produced it, or type the value";
}
