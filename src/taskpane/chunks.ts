/**
 * Chunked reads and writes: Excel on the web refuses a request or response over 5 MB, so the pane
 * reads and writes in chunks sized from what the previous one weighed.
 */
import type { Block, ExcelIO, ResultLayout } from "./io";
import { Cancelled, type Progress } from "./problems";

/** Excel on the web refuses requests over 5 MB; chunks aim well below, never above MAX. */
export const CHUNK_TARGET_BYTES = 2_500_000;
export const CHUNK_MAX_BYTES = 4_000_000;
const FIRST_READ_CELLS = 60_000;
const MAX_CHUNK_ROWS = 50_000;

const approxBytes = (rows: readonly (readonly unknown[])[]): number => JSON.stringify(rows).length;

/** Splits rows into write chunks whose JSON stays under the target size. */
export function writeChunks(rows: readonly unknown[][], target = CHUNK_TARGET_BYTES): { start: number; rows: unknown[][] }[] {
  const chunks: { start: number; rows: unknown[][] }[] = [];
  let start = 0;
  let bytes = 2;
  for (let i = 0; i < rows.length; i++) {
    const size = JSON.stringify(rows[i]).length + 1;
    if (i > start && (bytes + size > target || i - start >= MAX_CHUNK_ROWS)) {
      chunks.push({ start, rows: rows.slice(start, i) });
      start = i;
      bytes = 2;
    }
    bytes += size;
  }
  if (start < rows.length) chunks.push({ start, rows: rows.slice(start) });
  return chunks;
}

/** Reads a block in chunks, each sized from what the previous one weighed; stops on `signal`. */
export async function readChunked(
  io: ExcelIO,
  sheet: string,
  block: Block,
  progress: (p: Progress) => void,
  signal?: AbortSignal,
): Promise<unknown[][]> {
  const out: unknown[][] = [];
  let rowsPerChunk = Math.max(1, Math.min(MAX_CHUNK_ROWS, Math.floor(FIRST_READ_CELLS / block.cols)));
  for (let done = 0; done < block.rows;) {
    if (signal?.aborted) throw new Cancelled();
    const rows = Math.min(rowsPerChunk, block.rows - done);
    progress({
      phase: "read",
      done,
      total: block.rows,
      text: `Reading rows ${(done + 1).toLocaleString("en-US")}–${(done + rows).toLocaleString("en-US")} of ${block.rows.toLocaleString("en-US")}…`,
    });
    const values = await io.read(sheet, { ...block, row: block.row + done, rows });
    for (const r of values) out.push(r);
    done += rows;
    // Size the next request from what this one weighed.
    const perRow = Math.max(1, approxBytes(values) / Math.max(1, rows));
    rowsPerChunk = Math.max(1, Math.min(MAX_CHUNK_ROWS, Math.floor(CHUNK_TARGET_BYTES / perRow)));
  }
  return out;
}

/** Writes result rows (headings first) in chunks under the size target; on `signal`, removes what it wrote and stops. */
export async function writeChunked(
  io: ExcelIO,
  sheet: string,
  layout: ResultLayout,
  rows: unknown[][],
  progress: (p: Progress) => void,
  signal?: AbortSignal,
): Promise<void> {
  for (const chunk of writeChunks(rows)) {
    progress({
      phase: "write",
      done: chunk.start,
      total: rows.length,
      text: `Writing results ${(chunk.start + 1).toLocaleString("en-US")}–${(chunk.start + chunk.rows.length).toLocaleString("en-US")} of ${rows.length.toLocaleString("en-US")}…`,
    });
    await io.write(sheet, [{ row: layout.headerRow + chunk.start, col: layout.col, values: chunk.rows }]);
    if (signal?.aborted) {
      // Cancelled while writing: remove this run's partial result columns, then stop.
      await io.clear(sheet, { ...layout, lastRow: layout.headerRow + chunk.start + chunk.rows.length - 1 });
      throw new Cancelled("Cancelled: the result columns this run had started to write were removed; your claims are unchanged.");
    }
  }
}
