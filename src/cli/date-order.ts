/**
 * `--date-order auto|mdy|dmy`: the order of day and month in a file's text dates (engine DateOrder).
 * With auto (the default), each file read (claims, members list, rate book) is read in the order
 * its own dates show (shared/date-order.ts), and the report says when that is not month first.
 */
import type { Cell, DateOrder } from "../engine";
import { dateOrderEvidence, type DateOrderCell } from "../shared/date-order";
import { columnLetters } from "../shared/columns";

export const DATE_ORDERS = ["auto", "mdy", "dmy"] as const;
export type DateOrderChoice = (typeof DATE_ORDERS)[number];

/** The order to read a file's text dates in, and a note for the report when the choice needs one. */
export interface DateOrderReading {
  order: DateOrder;
  note?: string;
}

const where = (cell: DateOrderCell): string => `"${cell.text}" in row ${cell.row}, column ${columnLetters(cell.column)}`;

/**
 * Reads `grid`'s dates for `choice`; `file` names it in the note. Auto: day first when some date
 * can only be day first and none only month first (noted); month first otherwise, noted when the
 * file has both kinds (some of its dates are then not valid, and say so on their lines).
 */
export function readDateOrder(grid: readonly (readonly Cell[])[], choice: DateOrderChoice, file: string): DateOrderReading {
  if (choice !== "auto") return { order: choice };
  const { dayFirst, monthFirst } = dateOrderEvidence(grid);
  if (dayFirst === undefined) return { order: "mdy" };
  if (monthFirst === undefined)
    return {
      order: "dmy",
      note: `${file} writes dates day first (D/M/YYYY): ${where(dayFirst)} can only be read that way, so every date written as numbers in it is read day first (02/01/2026 is January 2). If that is wrong, use --date-order mdy.`,
    };
  return {
    order: "mdy",
    note: `${file} writes dates both day first (${where(dayFirst)}) and month first (${where(monthFirst)}): they are read month first (M/D/YYYY), so dates that can only be day first are not valid dates. Check how the file was made; --date-order dmy reads them all day first.`,
  };
}
