/** The tops of sheets (A1:AD30 each), where a claims or members header would be: to say what other sheets hold. */
import type { Cell } from "../engine";
import { toCell } from "../functions/adapter";
import { HEAD_SHEETS_PER_SYNC, type ExcelIO } from "./io";

/** The top of each named sheet as engine cells, HEAD_SHEETS_PER_SYNC sheets a request (far below the web's 5 MB per response). */
export async function readHeads(io: ExcelIO, sheets: readonly string[]): Promise<Cell[][][]> {
  const heads: Cell[][][] = [];
  for (let from = 0; from < sheets.length; from += HEAD_SHEETS_PER_SYNC)
    for (const head of await io.sheetHeads(sheets.slice(from, from + HEAD_SHEETS_PER_SYNC))) heads.push(head.map((r) => r.map(toCell)));
  return heads;
}
