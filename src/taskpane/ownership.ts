/**
 * Which cells are the add-in's: where its result columns are, and the refusal to write over
 * anything it did not write (a fingerprint of what it wrote is kept in the workbook's settings).
 */
import { cellText, normaliseHeader, RESULT_HEADERS } from "../engine";
import { toCell } from "../functions/adapter";
import { columnLetters, formatBlock } from "./a1";
import type { Block, ResultLayout, StoredSettings } from "./io";
import { PaneProblem } from "./problems";

const HEADINGS = RESULT_HEADERS;

/** What the add-in recorded about the results it wrote on one target. */
export type StoredResult = StoredSettings["results"][string];

/** FNV-1a over the cells' text, with a seed: detects any change to the cells hashed. */
function hashCells(rows: readonly (readonly unknown[])[], seed = 0x811c9dc5): number {
  let h = seed;
  for (const row of rows) {
    for (const cell of row) {
      const text = cell === null || cell === undefined ? "" : String(cell);
      for (let i = 0; i < text.length; i++) {
        h ^= text.charCodeAt(i);
        h = Math.imul(h, 0x01000193);
      }
      h ^= 0x1f; // cell separator
      h = Math.imul(h, 0x01000193);
    }
  }
  return h >>> 0;
}

/** One hash of the result columns in order (the record of workbooks written before row sets existed). */
export function fingerprint(rows: readonly (readonly unknown[])[]): string {
  return hashCells(rows).toString(16).padStart(8, "0");
}

/**
 * The set of result rows the add-in wrote, order-free, so its columns are still recognised after
 * the analyst sorts, inserts or deletes rows: a Bloom filter (16 bits per distinct row, 11 probes:
 * a row the add-in did not write passes as its own about once in 2,000) kept base64 in the
 * workbook settings. Empty rows are not entered: they are never data to protect.
 *
 * `maxChars` caps its size (the workbook's settings hold at most 2 MB: see SETTINGS_BUDGET): a
 * larger set gets fewer bits per row and fewer probes, written "k:" before the base64 (4 bits per
 * row and 3 probes let about one foreign row in seven pass). Undefined when not even 1 bit per row fits.
 */
export const ROW_SET_PROBES = 11;
const ROW_SET_BITS = 16;
export function rowSet(rows: readonly (readonly unknown[])[], maxChars = Number.POSITIVE_INFINITY): string | undefined {
  const distinct = new Set<string>();
  const pairs: [number, number][] = [];
  for (const row of rows) {
    if (row.every(isEmpty)) continue;
    const pair = rowHashes(row);
    const key = `${pair[0]}:${pair[1]}`;
    if (distinct.has(key)) continue;
    distinct.add(key);
    pairs.push(pair);
  }
  // base64 writes 4 characters per 3 bytes; the "k:" prefix takes at most 3.
  const fitBits = Math.floor(((maxChars - 3) / 4) * 3) * 8;
  const perRow = Math.min(ROW_SET_BITS, Math.floor(fitBits / Math.max(1, pairs.length)));
  if (perRow < 1 || fitBits < 64) return undefined;
  const probes = perRow === ROW_SET_BITS ? ROW_SET_PROBES : Math.max(1, Math.round(perRow * Math.LN2));
  const bits = Math.max(64, Math.floor((pairs.length * perRow) / 8) * 8);
  const bytes = new Uint8Array(bits / 8);
  for (const [h1, h2] of pairs)
    for (let k = 0; k < probes; k++) {
      const at = (h1 + k * h2) % bits;
      bytes[at >>> 3] = (bytes[at >>> 3] as number) | (1 << (at & 7));
    }
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return probes === ROW_SET_PROBES ? btoa(binary) : `${probes}:${btoa(binary)}`;
}

/**
 * The test whether a (non-empty) row may be one the add-in wrote: in the set. The set is decoded
 * once, here, not per row: a 100,000-row sheet's set is tens of KB of base64, and decoding it for
 * every row took seconds on each re-validation.
 */
export function rowSetTest(set: string): (row: readonly unknown[]) => boolean {
  const colon = set.indexOf(":");
  const probes = colon < 0 ? ROW_SET_PROBES : Number(set.slice(0, colon));
  const binary = atob(set.slice(colon + 1));
  const bits = binary.length * 8;
  return (row) => {
    const [h1, h2] = rowHashes(row);
    for (let k = 0; k < probes; k++) {
      const at = (h1 + k * h2) % bits;
      if ((binary.charCodeAt(at >>> 3) & (1 << (at & 7))) === 0) return false;
    }
    return true;
  };
}

/** Two independent hashes of a row's cells (the second odd, for double hashing). */
function rowHashes(row: readonly unknown[]): [number, number] {
  return [hashCells([row]), (hashCells([row], 0x12345679) | 1) >>> 0];
}

/** Whether four cells are the add-in's headings (ECM Status, ECM Rules, ECM Message, ECM Expected). */
const areHeadings = (cells: readonly unknown[]): boolean =>
  HEADINGS.every((h, k) => normaliseHeader(cellText(toCell(cells[k]))) === normaliseHeader(h));

/** Whether the four headings stand in the header row (the region's cells) at sheet column `col`. */
export function headingsAt(col: number, region: Block, headerCells: readonly unknown[]): boolean {
  return col >= region.col && areHeadings(headerCells.slice(col - region.col, col - region.col + 4));
}

/**
 * Where the results go: where this add-in wrote them before (its record in the workbook), or
 * where its four headings already stand in the header row, else right of the claims.
 */
export function findResultColumn(stored: StoredResult | undefined, region: Block, headerCells: readonly unknown[]): number {
  if (stored !== undefined && headingsAt(stored.col, region, headerCells)) return stored.col;
  for (let col = region.col; col < region.col + region.cols; col++) if (headingsAt(col, region, headerCells)) return col;
  return region.col + region.cols;
}

/** Refuses to write over anything the add-in did not write; offers the next free columns. */
export function checkOwnership(
  stored: StoredResult | undefined,
  raw: unknown[][],
  region: Block,
  layout: ResultLayout,
  forced: boolean,
): void {
  const problem = ownershipProblem(stored, raw, region, layout, forced);
  if (problem !== undefined) throw problem;
}

/** Why the add-in may not write its results at `layout` (what checkOwnership throws), or undefined when it may. */
export function ownershipProblem(
  stored: StoredResult | undefined,
  raw: unknown[][],
  region: Block,
  layout: ResultLayout,
  forced: boolean,
): PaneProblem | undefined {
  const cellsOf = (rowFrom: number, rowTo: number) =>
    raw.slice(rowFrom - region.row, rowTo - region.row + 1).map((r) => [0, 1, 2, 3].map((k) => r[layout.col + k - region.col] ?? ""));
  const lastRead = region.row + raw.length - 1;
  const free = Math.max(layout.col + 4, region.col + usedWidth(raw));
  const refusal = (why: string): PaneProblem =>
    new PaneProblem(
      `${why} The add-in will not write over it. Move that data, or write the results to ${columnLetters(free)}:${columnLetters(free + 3)} instead.`,
      free,
    );
  const columns = `${columnLetters(layout.col)}:${columnLetters(layout.col + 3)}`;
  const ours = areHeadings(cellsOf(layout.headerRow, layout.headerRow)[0] ?? []);
  if (stored !== undefined && stored.col === layout.col && ours) {
    if (stored.rows !== undefined) {
      // Row by row, in any order: sorting, inserted or deleted rows keep every row the add-in's own.
      const body = cellsOf(layout.firstRow, lastRead);
      const written = rowSetTest(stored.rows);
      const foreign = body.findIndex((r) => !r.every(isEmpty) && !written(r));
      if (foreign < 0) return undefined;
      const at = formatBlock({ row: layout.firstRow + foreign, col: layout.col, rows: 1, cols: 4 });
      return refusal(`Cells in ${columns} changed since the add-in wrote them (someone edited its results, first in ${at}).`);
    }
    const before = cellsOf(layout.headerRow, Math.min(stored.lastRow, lastRead));
    if (fingerprint(before) !== stored.fingerprint)
      return refusal(`Cells in ${columns} changed since the add-in wrote them (someone edited its results).`);
    const below = cellsOf(stored.lastRow + 1, lastRead);
    if (below.some((r) => r.some((v) => !isEmpty(v)))) return refusal(`${columns} holds data below the add-in's last results.`);
    return undefined;
  }
  if (ours && !forced) {
    // Headings written by this add-in or its CLI (no record in the workbook): a status column of
    // OK/WARN/ERROR only is taken as its own output.
    const body = cellsOf(layout.firstRow, lastRead);
    if (body.every((r) => ["", "OK", "WARN", "ERROR"].includes(String(r[0] ?? "")))) return undefined;
    return refusal(`${columns} has the add-in's headings but holds other data.`);
  }
  const all = cellsOf(layout.headerRow, lastRead);
  const used = all.findIndex((r) => r.some((v) => !isEmpty(v)));
  if (used < 0) return undefined;
  const at = formatBlock({ row: layout.headerRow + used, col: layout.col, rows: 1, cols: 4 });
  return refusal(`The result columns ${columns} are not empty (first data in ${at}).`);
}

/** The region's columns without the four result columns. */
export function columnsExcept(region: Block, resultCol: number): number[] {
  const cols: number[] = [];
  for (let c = region.col; c < region.col + region.cols; c++) if (c < resultCol || c >= resultCol + 4) cols.push(c);
  return cols;
}

export const isEmpty = (v: unknown): boolean => v === "" || v === null || v === undefined;

/** Number of columns from the left of the rows read up to the last non-empty one. */
function usedWidth(raw: readonly (readonly unknown[])[]): number {
  let width = 0;
  for (const r of raw) for (let c = r.length - 1; c >= width; c--) if (!isEmpty(r[c])) width = c + 1;
  return width;
}

/**
 * How large the add-in's settings may grow, in characters of their JSON. Microsoft allows 2 MB of
 * settings per add-in and document ("We only support 2MB maximum for settings", office-js#621), and
 * a workbook's settings were refused with "The argument is invalid or missing or has an incorrect
 * format" from about 1 MB on (office-js#3957), so the add-in keeps well below both.
 */
export const SETTINGS_BUDGET = 900_000;

/**
 * `settings` with the record of the results just written on `key` (their row set sized to fit),
 * within `budget` characters of JSON: when the records of all validated sheets would not fit, the
 * row sets of other sheets are dropped, least recently validated first (their ordered fingerprint
 * stays: their columns are still protected, but after a sort there Validate asks before writing),
 * and then this sheet's row set gets fewer bits per row.
 */
export function withResultRecord(
  settings: StoredSettings,
  key: string,
  record: ResultLayout & { at: string; fingerprint?: string; rows?: string },
  results: readonly (readonly unknown[])[],
  budget = SETTINGS_BUDGET,
): StoredSettings {
  const { fingerprint: _old, rows: _oldRows, ...layout } = record; // both made again from `results`
  const ordered = fingerprint([[...HEADINGS], ...results]);
  const full = rowSet(results);
  const others = Object.entries(settings.results)
    .filter(([k]) => k !== key)
    .sort(([, a], [, b]) => a.at.localeCompare(b.at)); // least recently validated first
  const assemble = (kept: typeof others, rows: string | undefined): StoredSettings => ({
    ...settings,
    results: {
      ...Object.fromEntries(kept),
      [key]: { ...layout, fingerprint: ordered, ...(rows === undefined ? {} : { rows }) },
    },
  });
  const size = (s: StoredSettings) => JSON.stringify(s).length;
  let kept = others;
  let candidate = assemble(kept, full);
  for (let k = 0; size(candidate) > budget && k < others.length; k++) {
    const [name, stored] = others[k] as (typeof others)[number];
    if (stored.rows === undefined) continue;
    const withoutRows = { ...stored };
    delete withoutRows.rows;
    kept = kept.map((entry) => (entry[0] === name ? [name, withoutRows] : entry));
    candidate = assemble(kept, full);
  }
  if (size(candidate) <= budget) return candidate;
  const room = budget - size(assemble(kept, undefined)) - 12; // the "rows" property's name and quotes
  return assemble(kept, rowSet(results, room));
}
