/**
 * Merged ranges' other cells. Excel shows a merged range's top-left value only, and the issue's rule
 * is the same on every path: the value belongs to the top-left cell. Most writers leave the other
 * cells empty, but LibreOffice keeps their values when asked to ("Keep the contents of the hidden
 * cells" when merging; PhpSpreadsheet's HiddenMergeCellsTest.xlsx, saved by LibreOffice 7.4, has 4
 * and 3 under A2:C2), and the reader read them as data. They are read as empty here; the file, and
 * an annotated copy, keep them.
 */
import { columnIndex } from "../shared/columns";
import type { Cell } from "../engine";

const RANGE = /^([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})$/;

/** Empties, in `grid` (row 1 at index 0), every cell of each merged range but its top-left one. */
export function hideMergedCells(grid: Cell[][], merges: readonly string[]): void {
  for (const ref of merges) {
    const m = RANGE.exec(ref);
    if (m === null) continue;
    const [left, top, right, bottom] = [columnIndex(m[1] as string), Number(m[2]) - 1, columnIndex(m[3] as string), Number(m[4]) - 1];
    for (let r = top; r <= bottom && r < grid.length; r++) {
      const row = grid[r];
      if (row === undefined) continue;
      for (let c = r === top ? left + 1 : left; c <= right && c < row.length; c++) {
        if (row[c] !== undefined && row[c] !== null) {
          // A row the file skipped shares one empty array (read.ts): never written to, since it has no cells.
          row[c] = null;
        }
      }
    }
  }
}
