/**
 * What a validation leaves in memory for re-checking after an edit, and the re-check itself: the
 * edited rows' new cells replace the old, the engine runs over every line in memory (no read or
 * write of Excel), and only the rows of the members the edit touched are compared with what is in
 * the sheet and rewritten where their verdict changed. Pure: no Office, no DOM.
 */
import {
  cellText,
  memberKey,
  resultCells,
  validateRows,
  type Cell,
  type ColumnMapping,
  type DateSystem,
  type Day,
  type MembersList,
  type Summary,
  type Verdict,
} from "../engine";
import { toCell } from "../functions/adapter";
import type { Block, CellWrite, Located, ResultLayout } from "./io";
import type { UsableBook } from "./rate-book";

/** A validated target, as the last full validation left it. */
export interface Validated {
  located: Located;
  key: string;
  headerRow: number;
  /** Sheet column of each grid column. */
  dataCols: number[];
  mapping: ColumnMapping;
  /** Data rows below the header: grid[i] is sheet row headerRow + 1 + i. */
  grid: Cell[][];
  results: unknown[][];
  verdicts: (Verdict | undefined)[];
  layout: ResultLayout;
  asOf: Day;
  /** What the engine was given besides the claims, for re-validation. */
  members: MembersList | undefined;
  cinFormat: boolean;
  /** The workbook's date system when the lines were read. */
  dateSystem: DateSystem;
  /** The rate book the lines were validated with. */
  book: UsableBook;
  /** The notes of the last full validation (merged cells). */
  notes: string[];
}

/**
 * Takes the values Excel now has in `block` (the region's columns of the edited rows) into `s`,
 * re-checks, and returns the result cells to write (rows whose verdict changed, among the members
 * the edit touched: cross-row rules look within a member only) and the totals of every line. `s`
 * is updated to what the sheet will hold. The engine runs once over all lines: ≈ 0.3 s for 100,000.
 */
export function recheck(s: Validated, fresh: readonly (readonly unknown[])[], block: Block): { writes: CellWrite[]; summary: Summary } {
  const firstData = s.headerRow + 1;
  const region = s.located.region;
  const memberCol = s.mapping.member;
  // The engine's member key: trimmed, upper-cased ("" when empty).
  const memberOf = (cells: readonly Cell[] | undefined): string =>
    memberCol === undefined || cells === undefined ? "" : memberKey(cellText(cells[memberCol]));
  const touched = new Set<string>();
  const changed = new Set<number>();
  fresh.forEach((r, k) => {
    const i = block.row + k - firstData;
    touched.add(memberOf(s.grid[i])); // the member before the edit …
    s.grid[i] = s.dataCols.map((c) => toCell(r[c - region.col]));
    touched.add(memberOf(s.grid[i])); // … and after it
    changed.add(i);
  });
  touched.delete("");
  const rowOf = (i: number): number => firstData + 1 + i; // 1-based sheet row of grid[i]
  const { verdicts, summary } = validateRows(
    s.grid.map((cells, i) => ({ row: rowOf(i), cells })),
    s.mapping,
    { asOf: s.asOf, members: s.members, cinFormat: s.cinFormat, rates: s.book.table, dateSystem: s.dateSystem },
  );
  const byRow = new Map(Array.from(verdicts, (v) => [v.row, v]));
  const writes: CellWrite[] = [];
  s.grid.forEach((cells, i) => {
    if (!changed.has(i) && !touched.has(memberOf(cells))) return;
    const v = byRow.get(rowOf(i));
    s.verdicts[i] = v;
    const result = resultCells(v);
    if (JSON.stringify(result) === JSON.stringify(s.results[i])) return;
    s.results[i] = result;
    writes.push({ row: rowOf(i) - 1, col: s.layout.col, values: [result], textCols: 3 });
  });
  return { writes, summary };
}
