/**
 * `--date-order auto|mdy|dmy`: the order of day and month in a file's text dates (engine DateOrder).
 * With auto (the default), each file read (claims, members list, rate book) is read in the order
 * its own dates show (shared/date-order.ts), and the report says when that is not month first
 * (and, for a CSV, how many of its cells were R's NA).
 */
import type { Cell, DateOrder } from "../engine";
import { dateOrderEvidence, type DateOrderCell } from "../shared/date-order";
import { columnLetters } from "../shared/columns";
import { missingNote, type MissingCells } from "./csv";

export const DATE_ORDERS = ["auto", "mdy", "dmy"] as const;
export type DateOrderChoice = (typeof DATE_ORDERS)[number];

/** How a file of the run is read: the order of its text dates, and the report's notes on its reading. */
export interface FileReading {
  order: DateOrder;
  notes: string[];
}

const where = (cell: DateOrderCell): string => `"${cell.text}" in row ${cell.row}, column ${columnLetters(cell.column)}`;

/**
 * Reads `sheet`'s dates for `choice`; `file` names it in the notes. Auto: day first when some date
 * can only be day first and none only month first (noted); month first otherwise, noted when the
 * file has both kinds (some of its dates are then not valid, and say so on their lines). A CSV's
 * unquoted NA cells, read as empty (csv.ts), are noted first.
 */
export function fileReading(
  sheet: { grid: readonly (readonly Cell[])[]; missing?: MissingCells },
  choice: DateOrderChoice,
  file: string,
): FileReading {
  const reading = (order: DateOrder, note?: string): FileReading => ({
    order,
    notes: [...(sheet.missing === undefined ? [] : [missingNote(file, sheet.missing)]), ...(note === undefined ? [] : [note])],
  });
  if (choice !== "auto") return reading(choice);
  const { dayFirst, monthFirst } = dateOrderEvidence(sheet.grid);
  if (dayFirst === undefined) return reading("mdy");
  if (monthFirst === undefined)
    return reading(
      "dmy",
      `${file} writes dates day first (D/M/YYYY): ${where(dayFirst)} can only be read that way, so every date written as numbers in it is read day first (02/01/2026 is January 2). If that is wrong, use --date-order mdy.`,
    );
  return reading(
    "mdy",
    `${file} writes dates both day first (${where(dayFirst)}) and month first (${where(monthFirst)}): they are read month first (M/D/YYYY), so dates that can only be day first are not valid dates. Check how the file was made; --date-order dmy reads them all day first.`,
  );
}
