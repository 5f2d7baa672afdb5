/**
 * Placeholder values: what people type where a TAR number or a member ID belongs when they do not
 * have one ("N/A", "pending", "unknown", "000000000"). They are not data: a TAR of "N/A" is no TAR,
 * a member "unknown" is no member (and two such lines are not one member's lines).
 */
import type { Cell } from "./types";
import { cleanText, excelError, hasInvisible, isBlank } from "./values";

/**
 * Typed in a TAR cell to mean "no TAR" (compared trimmed, in any case); in English and, as bilingual
 * staff in California type them, in Spanish (N/D: "no disponible", Spanish forms' N/A; "pendiente",
 * "no aplica", "sin TAR"). An Excel error value (#N/A) is no TAR either.
 */
export const TAR_PLACEHOLDERS: readonly string[] = [
  "none",
  "n/a",
  "na",
  "0",
  "pending",
  "tbd",
  "-",
  "?",
  "x",
  "no tar",
  "not required",
  "n/d",
  "ninguno",
  "ninguna",
  "pendiente",
  "no aplica",
  "sin tar",
  "no requerido",
  "no requerida",
];

/** Typed in a member ID cell to mean "no member ID" (Spanish too); a run of zeros, or an Excel error value, is none either. */
export const MEMBER_PLACEHOLDERS: readonly string[] = [
  "unknown",
  "tbd",
  "n/a",
  "na",
  "none",
  "test",
  "0",
  "?",
  "n/d",
  "desconocido",
  "pendiente",
  "prueba",
  "ninguno",
];

/** A list of placeholders by length, so most real values are ruled out without building a string. */
type ByLength = ReadonlyMap<number, readonly string[]>;

function byLength(list: readonly string[]): ByLength {
  const out = new Map<number, string[]>();
  for (const p of list) out.set(p.length, [...(out.get(p.length) ?? []), p.toLowerCase()]);
  return out;
}

const TAR = byLength(TAR_PLACEHOLDERS);
const MEMBER = byLength(MEMBER_PLACEHOLDERS);

/** Bit (length × 128 + lower-case first character) set for every placeholder of both lists: most values are ruled out by it. */
const STARTS = new Uint8Array(16 * 128);
for (const p of [...TAR_PLACEHOLDERS, ...MEMBER_PLACEHOLDERS]) STARTS[p.length * 128 + p.toLowerCase().charCodeAt(0)] = 1;

/** Whether `text` (any case, surrounding spaces ignored) is one of the placeholders. Allocates only when padded. */
function matches(text: string, list: ByLength): boolean {
  const n = text.length;
  if (n > 0 && n < 16 && text.charCodeAt(0) > 32 && text.charCodeAt(0) < 128 && text.charCodeAt(n - 1) > 32 && !hasInvisible(text)) {
    let c = text.charCodeAt(0);
    if (c >= 65 && c <= 90) c += 32;
    if (STARTS[n * 128 + c] === 0) return false; // no placeholder of this length starts so
  }
  const t = n > 64 ? text : cleanText(text); // no placeholder is that long, padding or not
  const candidates = list.get(t.length);
  if (candidates === undefined) return false;
  outer: for (const p of candidates) {
    for (let k = 0; k < p.length; k++) {
      let c = t.charCodeAt(k);
      if (c >= 65 && c <= 90) c += 32; // ASCII upper → lower case
      if (c !== p.charCodeAt(k)) continue outer;
    }
    return true;
  }
  return false;
}

/**
 * A TAR cell that holds a placeholder rather than a TAR number (blank cells are not placeholders),
 * or a long number Excel shortened (isShortenedNumber: "1.23457E+11", the TAR's digits are lost).
 */
export function isTarPlaceholder(cell: Cell): boolean {
  if (typeof cell === "number") return cell === 0;
  if (typeof cell !== "string") return false;
  // "." (or a decimal comma) or "E" after the first digit, or no shortened number (a padded cell is trimmed to see).
  const c = cell.charCodeAt(0) > 32 ? cell.charCodeAt(1) : cell.trimStart().charCodeAt(1);
  return (
    matches(cell, TAR) ||
    excelError(cell) !== undefined ||
    ((c === 46 || c === 44 || (c | 32) === 101) && isShortenedNumber(cleanText(cell).toUpperCase()))
  );
}

/** Whether a TAR cell holds a TAR number: not blank and not a placeholder. */
export function hasTar(cell: Cell): boolean {
  return !isBlank(cell) && !isTarPlaceholder(cell);
}

/** A member ID, trimmed and upper-cased, that is a placeholder: a listed word or only zeros. */
export function isMemberPlaceholder(key: string): boolean {
  if (matches(key, MEMBER) || excelError(key) !== undefined) return true;
  for (let k = 0; k < key.length; k++) if (key.charCodeAt(k) !== 48) return false;
  return key.length > 0;
}

/**
 * A long number as Excel's General format shows it: 12 or more digits become "1.23457E+11"
 * (Microsoft, "Long numbers are displayed incorrectly in Excel": General displays up to 11 digits),
 * and a CSV saved from Excel keeps what was shown, so the ID's last digits are gone. Two members
 * shortened alike would be one member; such a cell is no member ID. Excel writes the exponent's
 * sign always ("E+11"), which keeps IDs like "12E45" out; under a regional format with a decimal
 * comma (German, French, Spanish (Spain), …) it shows "1,23457E+11". `key` is trimmed and upper-cased.
 */
const SHORTENED_NUMBER = /^\d(?:[.,]\d+)?E[+-]\d+$/;

export function isShortenedNumber(key: string): boolean {
  return key.length < 32 && SHORTENED_NUMBER.test(key);
}

/** A Medi-Cal Client Index Number: 8 digits then a letter (e.g. 91234567A). */
export const CIN_FORMAT = /^[0-9]{8}[A-Z]$/;
