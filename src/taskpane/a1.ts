/** A1-style addresses ↔ 0-based blocks. */
import { columnIndex, columnLetters } from "../shared/columns";
import type { Block } from "./io";

export { columnIndex, columnLetters };

/** "B2:C5", "Sheet1!B2", "$B$2:$C$5", "A:C" (whole columns), "3:5" (whole rows) → Block. */
export function parseAddress(address: string, maxRows = 1_048_576, maxCols = 16_384): Block | undefined {
  const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const [a = "", b = a] = local.replace(/\$/g, "").split(":");
  const cell = /^([A-Z]*)(\d*)$/i;
  const ma = cell.exec(a);
  const mb = cell.exec(b);
  if (ma === null || mb === null) return undefined;
  const c1 = ma[1] ? columnIndex(ma[1]) : 0;
  const c2 = mb[1] ? columnIndex(mb[1]) : maxCols - 1;
  const r1 = ma[2] ? Number(ma[2]) - 1 : 0;
  const r2 = mb[2] ? Number(mb[2]) - 1 : maxRows - 1;
  if ((ma[1] === "" && ma[2] === "") || (mb[1] === "" && mb[2] === "")) return undefined;
  return { row: Math.min(r1, r2), col: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
}

export function formatBlock(b: Block): string {
  const start = `${columnLetters(b.col)}${b.row + 1}`;
  return b.rows === 1 && b.cols === 1 ? start : `${start}:${columnLetters(b.col + b.cols - 1)}${b.row + b.rows}`;
}
