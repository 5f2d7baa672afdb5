/** Which row of the claims region is the header: as the engine finds it for the CLI and =ECM.VALIDATE. */
import { findHeader, isBlankRow } from "../engine";
import { toCell } from "../functions/adapter";

/**
 * The header row among rows read from the top of the region, as the engine finds it for the CLI
 * and =ECM.VALIDATE (the first of the first 20 non-blank rows that names the required columns);
 * when none does, the first non-blank row, whose columns the analyst can then pick. -1: all blank.
 */
export function headerIndexOf(rows: readonly (readonly unknown[])[], width: number): number {
  const grid = rows.slice(0, 200).map((r) => r.slice(0, width).map(toCell));
  const found = findHeader(grid);
  return found.ok ? found.headerIndex : grid.findIndex((r) => !isBlankRow(r));
}
