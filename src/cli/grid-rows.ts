/**
 * Rows of a streamed sheet put in their place in the grid. A worksheet lists its rows in order,
 * once each (ECMA-376 Part 1, 18.3.1.73: `r` is the row's index), but some writers do not: an
 * export in ExcelDataReader's test data (Test_git_issue_324.xlsx, "multiple row elements per row")
 * writes row 1 as thirteen <row r="1"> elements of one cell each. The streaming reader hands each
 * element over as a row, and each was read as the next row of the grid: that sheet's 20 rows read
 * as 260, every cell after the first in its own row, the claims shifted down. A row element whose
 * number was seen already is read into that row, its cells that hold a value over the cells before
 * it (openpyxl and ExcelDataReader read it so); rows skipped in between share one empty row.
 */
import type { Cell } from "../engine";

/** Puts a row's cells (index 0: column A) in row `number` (1-based) of the grid; `empty`: the row the rows skipped share. */
export function placeRow(grid: Cell[][], number: number, cells: Cell[], empty: Cell[]): void {
  const index = number - 1;
  if (index < grid.length) {
    const merged = (grid[index] as Cell[]).slice();
    cells.forEach((cell, c) => {
      if (cell !== null && cell !== undefined && cell !== "") merged[c] = cell;
    });
    grid[index] = merged;
    return;
  }
  while (grid.length < index) grid.push(empty);
  grid.push(cells);
}
