/**
 * Which order a file writes the day and month of its text dates in, from the dates themselves.
 * Excel's "CSV (Comma delimited)" and LibreOffice's CSV export write a date cell as it shows, and a
 * cell in the short date format (numFmtId 14, "m/d/yyyy" in the United States) shows in the
 * computer's regional format: 13/01/2026 under a day-first locale (en-GB, es-MX, and es-US in CLDR,
 * which LibreOffice follows). Read month first, such a file's 02/01/2026 is silently February 1st.
 *
 * A date whose first number is above 12 can only be day first, one whose second number is above 12
 * only month first, and one written with dots (13.01.2026) is day first by convention (no
 * month-first locale writes dots). Dates such as 02/01/2026 say nothing.
 */
import { cleanText, dayFromText, NUMERIC_DATE, type Cell } from "../engine";

/** A text date that shows the order: where it is and what it says. */
export interface DateOrderCell {
  /** Sheet row (grid index + firstRow) and column index (0 = A). */
  row: number;
  column: number;
  text: string;
}

/** What a sheet's text dates say about their order: the first cell of each kind, if any. */
export interface DateOrderEvidence {
  /** A date that can only be read day first (13/01/2026, or a dotted date). */
  dayFirst?: DateOrderCell;
  /** A date that can only be read month first (01/13/2026). */
  monthFirst?: DateOrderCell;
}

/** No numeric date with a time is longer. */
const MAX_LENGTH = 24;

/** What one cell says: "dmy", "mdy", or undefined (not a numeric date, or either order). */
export function dateOrderOf(cell: Cell): "dmy" | "mdy" | undefined {
  if (typeof cell !== "string" || cell.length < 6 || cell.length > MAX_LENGTH) return undefined;
  const text = cleanText(cell);
  const first = text.charCodeAt(0);
  if (first < 48 || first > 57) return undefined; // not a digit: not a numeric date
  const m = NUMERIC_DATE.exec(text);
  if (m === null) return undefined;
  const dayFirst = dayFromText(text, "dmy") !== undefined;
  const monthFirst = dayFromText(text, "mdy") !== undefined;
  if (dayFirst && (m[2] === "." || !monthFirst)) return "dmy";
  if (monthFirst && !dayFirst) return "mdy";
  return undefined;
}

/**
 * The first cell that can only be day first and the first that can only be month first, over every
 * cell of the grid (one file is written by one program in one locale, and no other column holds
 * a whole cell of this form); `firstRow` is the sheet row of grid[0]. Stops when both are found.
 */
export function dateOrderEvidence(grid: readonly (readonly Cell[])[], firstRow = 1): DateOrderEvidence {
  const evidence: DateOrderEvidence = {};
  for (let r = 0; r < grid.length; r++) {
    const cells = grid[r] ?? [];
    for (let c = 0; c < cells.length; c++) {
      const order = dateOrderOf(cells[c]);
      if (order === undefined) continue;
      const at = { row: r + firstRow, column: c, text: cleanText(cells[c] as string) };
      if (order === "dmy") evidence.dayFirst ??= at;
      else evidence.monthFirst ??= at;
      if (evidence.dayFirst !== undefined && evidence.monthFirst !== undefined) return evidence;
    }
  }
  return evidence;
}
