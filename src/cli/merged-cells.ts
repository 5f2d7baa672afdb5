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

/** A merged range's bounds, zero-based and inclusive; undefined for a reference that is not a range. */
function bounds(ref: string): { left: number; top: number; right: number; bottom: number } | undefined {
  const m = RANGE.exec(ref);
  if (m === null) return undefined;
  return { left: columnIndex(m[1] as string), top: Number(m[2]) - 1, right: columnIndex(m[3] as string), bottom: Number(m[4]) - 1 };
}

/** Empties, in `grid` (row 1 at index 0), every cell of each merged range but its top-left one. */
export function hideMergedCells(grid: Cell[][], merges: readonly string[]): void {
  for (const ref of merges) {
    const b = bounds(ref);
    if (b === undefined) continue;
    const { left, top, right, bottom } = b;
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

/**
 * The first column (zero-based) at or right of `col` where `width` columns, written from row
 * `fromRow` (zero-based) down, cross no merged range. A value written into any cell of a merged
 * range is the range's value (ExcelJS writes it to the top-left cell, as Excel shows it there): a
 * verdict written beside the data into a footer merged across the sheet ("Prepared by …" over A:M)
 * replaced the footer's text, and one into a notes cell merged over two columns replaced the note.
 */
export function clearOfMerges(col: number, width: number, merges: readonly string[], fromRow: number): number {
  const ranges = merges.map(bounds).filter((b) => b !== undefined && b.bottom >= fromRow) as NonNullable<ReturnType<typeof bounds>>[];
  let at = col;
  for (let moved = true; moved;) {
    moved = false;
    for (const r of ranges) {
      if (r.left <= at + width - 1 && r.right >= at) {
        at = r.right + 1;
        moved = true;
      }
    }
  }
  return at;
}
