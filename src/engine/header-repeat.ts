/**
 * Rows that repeat the header row. Analysts paste monthly exports one under another, and each
 * brings its own header row; such a row is not a claim line (it would be a member "Member ID" with
 * an ECM-DOS and an ECM-CODE error). A row repeats the header when its member, date of service and
 * HCPCS cells hold those columns' own headings, compared as headers are (any case, spacing and
 * punctuation: another export may spell the same header differently in case).
 */
import { normaliseHeader } from "./columns";
import type { Cell, ColumnMapping } from "./types";

/** A test for rows that repeat the header (undefined when the mapping has no header texts). */
export function headerRepeatTest(mapping: ColumnMapping): ((cells: readonly Cell[]) => boolean) | undefined {
  const { member, dos, hcpcs, headers } = mapping;
  if (member === undefined || dos === undefined || hcpcs === undefined || headers === undefined) return undefined;
  const names = [member, dos, hcpcs].map((c) => [c, normaliseHeader(headers[c] ?? "")] as const);
  if (names.some(([, name]) => name === "")) return undefined;
  return (cells) => {
    // Fast path: a date of service that is a number, or text starting with a digit, is no heading.
    const d = cells[dos];
    if (typeof d !== "string" || d.length > 200) return false;
    const first = d.trimStart().charCodeAt(0) | 32;
    if (first < 97 || first > 122) return false;
    return names.every(([c, name]) => {
      const cell = cells[c];
      return typeof cell === "string" && cell.length <= 200 && normaliseHeader(cell) === name;
    });
  };
}
