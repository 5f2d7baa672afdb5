/**
 * Chunked reads and writes: Excel on the web refuses a request or response over 5 MB, so the pane
 * reads and writes in chunks sized from what the previous one weighed.
 */
import type { Block, ExcelIO, ResultLayout } from "./io";
import { Cancelled, type Progress } from "./problems";

/** Excel on the web refuses requests over 5 MB; chunks aim well below, never above MAX. */
export const CHUNK_TARGET_BYTES = 2_500_000;
export const CHUNK_MAX_BYTES = 4_000_000;
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

/** Rows of the first read: enough to weigh a row, small enough for any row width under 5 MB. */
const PROBE_ROWS = 200;
/** Excel reads at most 5,000,000 cells per request; chunks stay far below. */
const MAX_CHUNK_CELLS = 1_000_000;
/** Rows vary (a long note here and there): chunks are sized for rows 25 % heavier than the heaviest seen. */
const HEADROOM = 1.25;
const TOO_LARGE = new Set(["ResponsePayloadSizeLimitExceeded", "RequestPayloadSizeLimitExceeded"]);

/**
 * Reads a block in chunks sized by measured bytes: a small probe first, then as many rows as fit
 * the target at the heaviest row weight seen so far. A chunk Excel still refuses as too large is
 * read again in halves. Stops on `signal`.
 */
export async function readChunked(
  io: ExcelIO,
  sheet: string,
  block: Block,
  progress: (p: Progress) => void,
  signal?: AbortSignal,
): Promise<unknown[][]> {
  const out: unknown[][] = [];
  const maxRows = Math.max(1, Math.min(MAX_CHUNK_ROWS, Math.floor(MAX_CHUNK_CELLS / block.cols)));
  let rowsPerChunk = Math.min(maxRows, PROBE_ROWS);
  let heaviestRow = 1;
  for (let done = 0; done < block.rows;) {
    if (signal?.aborted) throw new Cancelled();
    const rows = Math.min(rowsPerChunk, block.rows - done);
    progress({
      phase: "read",
      done,
      total: block.rows,
      text: `Reading rows ${(done + 1).toLocaleString("en-US")}–${(done + rows).toLocaleString("en-US")} of ${block.rows.toLocaleString("en-US")}…`,
    });
    let values: unknown[][];
    try {
      values = await io.read(sheet, { ...block, row: block.row + done, rows });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (rows === 1 || code === undefined || !TOO_LARGE.has(code)) throw error;
      rowsPerChunk = Math.ceil(rows / 2); // too large after all: read these rows in halves
      continue;
    }
    for (const r of values) out.push(r);
    done += rows;
    heaviestRow = Math.max(heaviestRow, approxBytes(values) / Math.max(1, rows));
    rowsPerChunk = Math.max(1, Math.min(maxRows, Math.floor(CHUNK_TARGET_BYTES / (heaviestRow * HEADROOM))));
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
    await io.write(sheet, [{ row: layout.headerRow + chunk.start, col: layout.col, values: chunk.rows, textCols: 3 }]);
    if (signal?.aborted) {
      // Cancelled while writing: remove this run's partial result columns, then stop.
      await io.clear(sheet, { ...layout, lastRow: layout.headerRow + chunk.start + chunk.rows.length - 1 });
      throw new Cancelled("Cancelled: the result columns this run had started to write were removed; your claims are unchanged.");
    }
  }
}
