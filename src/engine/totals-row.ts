/**
 * Totals rows. A row that sums the claim lines above it is not a claim line, and gets no verdict
 * (like a blank row), so that it neither adds an ERROR line nor changes the exit code. Excel makes
 * them three ways:
 * - a Table's Total Row: "Total" in the first column, SUBTOTAL formulas under the numbers; a
 *   formula over `Claims[#All]` includes it ("#All: the entire table, including column headers,
 *   data, and totals (if any)", Microsoft: "Using structured references with Excel tables");
 * - Data > Subtotal: a row under each group labelled "<value> Total", and "Grand Total" at the end
 *   (Microsoft: "Insert subtotals in a list of data in a worksheet");
 * - an export's or an analyst's own "Total" / "Totals" / "Grand total" / "Subtotal" row.
 *
 * A row is read as a totals row only when one of its cells is such a label, its member, date of
 * service and HCPCS cells are empty (or that label), and every other filled cell is a number (the
 * sums): a claim line always has a date of service and a code, so no claim line is taken for one.
 */
import type { Cell, ColumnMapping } from "./types";
import { cleanText, isBlank, parseMoney } from "./values";

/** The longest text taken for a label ("<member ID> Total" included). */
const MAX_LABEL = 80;
const LABELS = new Set(["total", "totals", "grand total", "subtotal", "sub-total", "sub total"]);

/** An export's footer that counts as it sums: "Total: 49 claims", "Total claims: 49", "Grand Total: $4,367.50". */
const COUNTING_FOOTER = /^(?:grand |sub-?|sub )?totals?(?: [a-z]+)?:/;

/**
 * "Total", "Grand Total", "Subtotal", "91234567A Total" (Data > Subtotal), any case, a colon
 * allowed at the end; and a footer that starts so and then says what it counted after a colon.
 */
export function isTotalsLabel(text: string): boolean {
  if (text.length > MAX_LABEL) return false;
  let t = cleanText(text).toLowerCase();
  if (COUNTING_FOOTER.test(t)) return true;
  if (t.endsWith(":")) t = t.slice(0, -1).trimEnd();
  return LABELS.has(t) || t.endsWith(" total") || t.endsWith(" totals");
}

/** Whether a row (not blank) is a totals row; see the module's comment. */
export function isTotalsRow(cells: readonly Cell[], mapping: ColumnMapping): boolean {
  let label = false;
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c];
    if (isBlank(cell)) continue;
    if (typeof cell === "string" && isTotalsLabel(cell)) {
      label = true;
      continue;
    }
    if (c === mapping.member || c === mapping.dos || c === mapping.hcpcs) return false;
    if (typeof cell !== "number" && parseMoney(cell) === undefined) return false;
  }
  return label;
}
