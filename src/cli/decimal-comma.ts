/**
 * Amounts written with a decimal comma ("400,00", "1234,5", "1.234,50", " $1.234,50 "), as Excel and
 * LibreOffice save a CSV on a computer whose regional format writes numbers so (German, French,
 * Spanish (Spain), Italian, Dutch, …); the same format makes the semicolon the list separator, so
 * such a file is semicolon- (or tab-) delimited. Fixture: libreoffice-de-DE.csv
 * (make_other_writers.sh). A CSV whose amount columns (Billed Amount,
 * Paid Amount, Units) hold such amounts and none written with a decimal point has those cells read
 * as the amounts they are, and the report says so; the cells as written stay in a CSV copy.
 */
import { cellText, type Cell, type ColumnMapping } from "../engine";
import { columnLetters } from "../shared/columns";

/**
 * After trimming: an optional $ or €, an optional "(" or "-", an optional $ or €, the digits (groups
 * of three after a dot, or none), a comma and one or two decimals, an optional $ or €, ")" to close a
 * "(" (" $(50,00)" is the Accounting format's negative). Every part can be matched in a bounded
 * number of ways (linear time, as every pattern applied to a cell must be).
 */
const DECIMAL_COMMA = /^([$€])?(\()?(-)?([$€])? ?(-)?(\d{1,3}(?:\.\d{3})+|\d+),(\d{1,2})(?: ?([$€]))?(\))?$/;
/** An amount with a decimal point and one or two decimals ("4.50", "$400.00"): the file writes decimals with a point. */
const DECIMAL_POINT = /^[$€]?\(?-?[$€]? ?-?\d+\.\d{1,2} ?[$€]?\)?$/;

/** The amount a decimal-comma cell writes, or undefined when it is not one. */
export function decimalCommaAmount(text: string): number | undefined {
  if (text.length > 40) return undefined;
  const m = DECIMAL_COMMA.exec(text.trim());
  if (m === null) return undefined;
  const [, currency1, open, minus1, currency2, minus2, whole = "", decimals = "", currency3, close] = m;
  if (Boolean(open) !== Boolean(close) || [open, minus1, minus2].filter(Boolean).length > 1) return undefined;
  if ([currency1, currency2, currency3].filter(Boolean).length > 1) return undefined;
  const n = Number(`${whole.replace(/\./g, "")}.${decimals}`);
  return open || minus1 || minus2 ? -n : n;
}

/** The amount columns of a claims file (billed, paid, units), by grid column. */
export function claimAmountColumns(mapping: ColumnMapping): number[] {
  return (["billed", "paid", "units"] as const).flatMap((field) => {
    const column = mapping[field];
    return column === undefined ? [] : [column];
  });
}

/**
 * `grid` with the decimal-comma amounts of its amount `columns` as numbers, when the file writes its
 * amounts so (some cell of those columns is a decimal-comma amount, none a decimal-point one) and
 * is not comma-delimited; else undefined. `note` says so, naming the columns by their header text
 * and the first such cell (`file` as the report names the file).
 */
export function readDecimalCommas(
  grid: readonly Cell[][],
  headerIndex: number,
  columns: readonly number[],
  delimiter: string,
  file: string,
): { grid: Cell[][]; note: string } | undefined {
  if (delimiter === ",") return undefined;
  let first: { row: number; column: number; text: string } | undefined;
  for (let r = headerIndex + 1; r < grid.length; r++) {
    const cells = grid[r] as Cell[];
    for (const column of columns) {
      const cell = cells[column];
      if (typeof cell !== "string" || cell === "") continue;
      if (DECIMAL_POINT.test(cell.trim())) return undefined;
      if (first === undefined && decimalCommaAmount(cell) !== undefined) first = { row: r, column, text: cell.trim() };
    }
  }
  if (first === undefined) return undefined;
  // Rows without such an amount are the same row objects (a million-line file is not copied).
  const converted = grid.map((cells, r) => {
    if (r <= headerIndex) return cells;
    let row: Cell[] | undefined;
    for (const column of columns) {
      const cell = cells[column];
      const n = typeof cell === "string" ? decimalCommaAmount(cell) : undefined;
      if (n !== undefined) (row ??= [...cells])[column] = n;
    }
    return row ?? cells;
  });
  const labels = columns.map((c) => cellText(grid[headerIndex]?.[c])).join(", ");
  const note = `${file} writes amounts with a decimal comma ("${first.text}" in row ${first.row + 1}, column ${columnLetters(first.column)}), as a CSV saved under a European regional format does: its ${labels} cells are read so ("1.234,50" is 1,234.50).`;
  return { grid: converted, note };
}
