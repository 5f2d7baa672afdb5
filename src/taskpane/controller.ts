/**
 * What the task pane does, without Office or the DOM: find the claims and their columns, read
 * them in chunks, run the engine, write the verdict columns in chunks, remember what it wrote,
 * and never touch a cell it did not write. Excel is reached only through the ExcelIO interface.
 */
import {
  DEFAULT_RATES,
  FIELD_LABELS,
  REQUIRED_FIELDS,
  SummaryBuilder,
  cellText,
  formatDay,
  isBlankRow,
  mapHeaders,
  missingRequired,
  normaliseHeader,
  RESULT_HEADERS,
  resultCells,
  validateRows,
  type Cell,
  type ClaimRow,
  type ColumnMapping,
  type Day,
  type FieldId,
  type RuleId,
  type Summary,
  type Verdict,
} from "../engine";
import { toCell } from "../functions/adapter";
import { columnLetters, formatBlock } from "./a1";
import type { Block, CellChange, ExcelIO, Located, ResultLayout, StoredSettings } from "./io";

const HEADINGS = RESULT_HEADERS;

/** Excel on the web refuses requests over 5 MB; chunks aim well below, never above MAX. */
export const CHUNK_TARGET_BYTES = 2_500_000;
export const CHUNK_MAX_BYTES = 4_000_000;
const FIRST_READ_CELLS = 60_000;
const MAX_CHUNK_ROWS = 50_000;
/** Below this many rows a change re-checks the whole sheet in memory; above, only the members touched. */
const INCREMENTAL_FROM_ROWS = 5_000;

export const DEFAULT_SETTINGS: StoredSettings = {
  version: 1,
  options: { summarySheet: true, revalidateOnEdit: false },
  mapping: {},
  results: {},
};

/** A problem the analyst has to solve (missing columns, foreign data in the way, …). */
export class PaneProblem extends Error {
  constructor(
    message: string,
    /** When the result columns hold someone else's data: the first free columns to use instead. */
    readonly alternativeColumn?: number,
  ) {
    super(message);
  }
}

export class Cancelled extends Error {
  constructor(message = "Cancelled before anything was written.") {
    super(message);
  }
}

export interface Progress {
  phase: "read" | "check" | "write";
  done: number;
  total: number;
  text: string;
}

export interface Inspection {
  located: Located;
  key: string;
  /** 0-based sheet row of the header, if the region has one. */
  headerRow: number | undefined;
  /** The data columns' headers (sheet column index and text), result columns excluded. */
  headers: { col: number; text: string }[];
  /** Sheet column per field, detected or picked; undefined when not found. */
  columns: Partial<Record<FieldId, number>>;
  missing: FieldId[];
}

export interface FindingRef {
  row: number;
  message: string;
}

export interface RunResult {
  summary: Summary;
  /** Findings grouped by rule, in catalogue order: each with its sheet rows (1-based) and messages. */
  byRule: { rule: RuleId; severity: string; findings: FindingRef[] }[];
  layout: ResultLayout;
  sheetName: string;
  asOf: Day;
  /** When the summary sheet was asked for but a sheet of that name belongs to someone else. */
  note?: string;
}

/** FNV-1a over the cells' text: detects any change to the result columns between runs. */
export function fingerprint(rows: readonly (readonly unknown[])[]): string {
  let h = 0x811c9dc5;
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
  return (h >>> 0).toString(16).padStart(8, "0");
}

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

interface State {
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
}

export class PaneController {
  private settings: StoredSettings = structuredClone(DEFAULT_SETTINGS);
  private state: State | undefined;

  constructor(
    private readonly io: ExcelIO,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get options(): StoredSettings["options"] {
    return this.settings.options;
  }

  async loadSettings(): Promise<StoredSettings> {
    this.settings = (await this.io.loadSettings()) ?? structuredClone(DEFAULT_SETTINGS);
    return this.settings;
  }

  async setOptions(options: Partial<StoredSettings["options"]>): Promise<void> {
    this.settings = { ...this.settings, options: { ...this.settings.options, ...options } };
    await this.io.saveSettings(this.settings);
  }

  /** The analyst's pick for a field (header text), kept in the workbook; "" forgets it. */
  async pickColumn(key: string, field: FieldId, header: string): Promise<void> {
    const picks = { ...(this.settings.mapping[key] ?? {}) };
    if (header === "") delete picks[field];
    else picks[field] = header;
    this.settings = { ...this.settings, mapping: { ...this.settings.mapping, [key]: picks } };
    await this.io.saveSettings(this.settings);
  }

  /** Finds the claims (sheet or table) and their columns from the first rows. One small read. */
  async inspect(): Promise<Inspection> {
    const located = await this.io.locate();
    const key = targetKey(located);
    const { region } = located;
    const head = region.rows === 0 ? [] : await this.io.read(located.sheetName, { ...region, rows: Math.min(region.rows, 50) });
    const headerIndex = head.findIndex((r) => !isBlankRow(r.map(toCell)));
    if (headerIndex < 0) return { located, key, headerRow: undefined, headers: [], columns: {}, missing: [...REQUIRED_FIELDS] };
    const headerCells = head[headerIndex] ?? [];
    const resultCol = this.findResultColumn(key, region, headerCells);
    const dataCols = columnsExcept(region, resultCol);
    const mapping = this.mappingFor(
      key,
      dataCols.map((c) => headerCells[c - region.col]),
    );
    return {
      located,
      key,
      headerRow: region.row + headerIndex,
      headers: dataCols.map((col) => ({ col, text: cellText(toCell(headerCells[col - region.col])) })).filter((h) => h.text !== ""),
      columns: sheetColumns(mapping, dataCols),
      missing: missingRequired(mapping),
    };
  }

  /** Validates the claims and writes the result columns. `useColumn` forces where results go. */
  async validate(
    asOf: Day,
    progress: (p: Progress) => void = () => undefined,
    signal?: AbortSignal,
    useColumn?: number,
  ): Promise<RunResult> {
    await this.loadSettings();
    const located = await this.io.locate();
    if (located.protected)
      throw new PaneProblem(
        `Sheet "${located.sheetName}" is protected: unprotect it (Review > Unprotect Sheet), then validate again. Nothing was changed.`,
      );
    const key = targetKey(located);
    const { region, sheetName } = located;
    if (region.rows < 2)
      throw new PaneProblem(`No claims found on "${sheetName}": the sheet needs a header row and at least one claim row.`);

    // 1. Read the region plus the four columns right of it, in chunks sized by what came back.
    const block: Block = { ...region, cols: region.cols + 4 };
    const raw = await this.readChunked(sheetName, block, progress, signal);

    // 2. Header, result columns, data columns, mapping.
    const headerIndex = raw.findIndex((r) => !isBlankRow(r.slice(0, region.cols).map(toCell)));
    if (headerIndex < 0) throw new PaneProblem(`No header row found on "${sheetName}".`);
    const headerCells = raw[headerIndex] ?? [];
    const resultCol = useColumn ?? this.findResultColumn(key, region, headerCells);
    const headerRow = region.row + headerIndex;
    const dataCols = columnsExcept(region, resultCol);
    const toGridCol = (col: number) => col - region.col;
    const mapping = this.mappingFor(
      key,
      dataCols.map((c) => headerCells[toGridCol(c)]),
    );
    const missing = missingRequired(mapping);
    if (missing.length > 0) {
      throw new PaneProblem(
        `Missing required column${missing.length > 1 ? "s" : ""}: ${missing.map((f) => FIELD_LABELS[f]).join(", ")}. Pick ${missing.length > 1 ? "them" : "it"} under Columns, then validate again.`,
      );
    }
    const lastRow = region.row + region.rows - 1;
    const layoutFor = (col: number): ResultLayout => ({ headerRow, firstRow: headerRow + 1, lastRow, col });
    this.checkOwnership(key, raw, region, layoutFor(resultCol), useColumn !== undefined);

    // 3. Engine.
    const grid = raw.slice(headerIndex + 1).map((r) => dataCols.map((c) => toCell(r[toGridCol(c)])));
    progress({ phase: "check", done: 0, total: grid.length, text: `Checking ${grid.length.toLocaleString("en-US")} rows…` });
    if (signal?.aborted) throw new Cancelled();
    const claimRows: ClaimRow[] = grid.map((cells, i) => ({ row: headerRow + 2 + i, cells }));
    const { verdicts, summary } = validateRows(claimRows, mapping, { asOf });
    const byIndex: (Verdict | undefined)[] = new Array(grid.length);
    for (const v of verdicts) byIndex[v.row - headerRow - 2] = v;
    const results = grid.map((_, i) => resultCells(byIndex[i]));

    // 4. Write headings + one result row per sheet row, in chunks; then formats and settings.
    const layout = layoutFor(resultCol);
    try {
      await this.writeChunked(sheetName, layout, [[...HEADINGS], ...results], progress, signal);
      await this.io.format(sheetName, layout);
    } catch (error) {
      if (error instanceof Cancelled) throw error;
      // Excel failed part-way (conflict, protection, …): take this run's partial columns back out.
      await this.io.clear(sheetName, layout).catch(() => {
        throw new PaneProblem(
          `${error instanceof Error ? error.message : String(error)} Some result cells in ${columnLetters(layout.col)}:${columnLetters(layout.col + 3)} may remain; use Clear results once Excel allows it.`,
        );
      });
      throw error;
    }
    this.settings.results = {
      ...this.settings.results,
      [key]: { ...layout, fingerprint: fingerprint([[...HEADINGS], ...results]), at: this.now().toISOString() },
    };
    await this.io.saveSettings(this.settings);
    this.state = { located, key, headerRow, dataCols, mapping, grid, results, verdicts: byIndex, layout, asOf };
    const note = this.settings.options.summarySheet ? await this.writeSummarySheet(summary, located, asOf) : undefined;
    return { summary, byRule: groupByRule(verdicts), layout, sheetName, asOf, note };
  }

  /** Removes only what the add-in wrote on the current target: its four columns and their formats. */
  async clear(): Promise<string> {
    await this.loadSettings();
    const located = await this.io.locate();
    const key = targetKey(located);
    const stored = this.settings.results[key];
    if (stored === undefined) return `No results of this add-in on "${located.sheetName}".`;
    if (located.protected)
      throw new PaneProblem(`Sheet "${located.sheetName}" is protected: unprotect it, then clear again. Nothing was changed.`);
    await this.io.clear(located.sheetName, stored);
    const { [key]: _removed, ...rest } = this.settings.results;
    this.settings = { ...this.settings, results: rest };
    await this.io.saveSettings(this.settings);
    this.state = undefined;
    return `Cleared ${columnLetters(stored.col)}:${columnLetters(stored.col + 3)} on "${located.sheetName}".`;
  }

  /** Selects a claim row (1-based sheet row) across the data and result columns. */
  async selectRow(row: number): Promise<void> {
    const s = this.state;
    if (s === undefined) return;
    const first = Math.min(s.located.region.col, s.layout.col);
    const last = Math.max(s.located.region.col + s.located.region.cols - 1, s.layout.col + 3);
    await this.io.select(s.located.sheetName, { row: row - 1, col: first, rows: 1, cols: last - first + 1 });
  }

  /**
   * Re-checks after an edit. Structural changes and header edits re-validate in full; otherwise the
   * changed rows are re-read and (on large sheets) only the members they touch are re-checked.
   * Returns the new totals, or undefined when the change did not concern the claims.
   */
  async revalidate(change: CellChange, progress?: (p: Progress) => void): Promise<RunResult | undefined> {
    const s = this.state;
    if (s === undefined) return undefined;
    const firstData = s.headerRow + 1;
    const lastData = s.headerRow + s.grid.length;
    const { block } = change;
    const onlyResults = block.col >= s.layout.col && block.col + block.cols <= s.layout.col + 4;
    if (onlyResults) return undefined;
    if (change.structural || block.row <= s.headerRow || block.row + block.rows - 1 > lastData || block.rows > INCREMENTAL_FROM_ROWS) {
      return this.validate(s.asOf, progress, undefined, s.layout.col);
    }
    const region = s.located.region;
    // Only the data columns: the result columns are rewritten from the verdicts anyway.
    const fresh = await this.io.read(s.located.sheetName, { row: block.row, col: region.col, rows: block.rows, cols: region.cols });
    const memberCol = s.mapping.member;
    // The engine's member key: trimmed, upper-cased ("" when empty).
    const memberOf = (cells: readonly Cell[] | undefined): string =>
      memberCol === undefined || cells === undefined ? "" : cellText(cells[memberCol]).toUpperCase();
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
    // Lines to re-check: everything on small sheets; on large ones the touched members' lines.
    const all = s.grid.length < INCREMENTAL_FROM_ROWS;
    const subset: ClaimRow[] = [];
    s.grid.forEach((cells, i) => {
      if (all || changed.has(i) || touched.has(memberOf(cells))) subset.push({ row: firstData + 1 + i, cells });
    });
    const { verdicts } = validateRows(subset, s.mapping, { asOf: s.asOf });
    const byRow = new Map(verdicts.map((v) => [v.row, v]));
    const writes: { row: number; col: number; values: unknown[][] }[] = [];
    for (const { row } of subset) {
      const i = row - firstData - 1;
      const v = byRow.get(row);
      s.verdicts[i] = v;
      const cells = resultCells(v);
      if (JSON.stringify(cells) !== JSON.stringify(s.results[i])) {
        s.results[i] = cells;
        writes.push({ row: row - 1, col: s.layout.col, values: [cells] });
      }
    }
    if (writes.length > 0) await this.io.write(s.located.sheetName, writes);
    const stored = this.settings.results[s.key];
    if (stored !== undefined) {
      this.settings.results[s.key] = { ...stored, fingerprint: fingerprint([[...HEADINGS], ...s.results]), at: this.now().toISOString() };
      await this.io.saveSettings(this.settings);
    }
    const totals = new SummaryBuilder();
    const codeCol = s.mapping.hcpcs;
    s.verdicts.forEach((v, i) => {
      if (v !== undefined) totals.add(v, codeCol === undefined ? "" : cellText(s.grid[i]?.[codeCol]).toUpperCase());
    });
    const present = s.verdicts.filter((v): v is Verdict => v !== undefined);
    return { summary: totals.result(), byRule: groupByRule(present), layout: s.layout, sheetName: s.located.sheetName, asOf: s.asOf };
  }

  private async readChunked(sheet: string, block: Block, progress: (p: Progress) => void, signal?: AbortSignal): Promise<unknown[][]> {
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
      const values = await this.io.read(sheet, { ...block, row: block.row + done, rows });
      for (const r of values) out.push(r);
      done += rows;
      // Size the next request from what this one weighed.
      const perRow = Math.max(1, approxBytes(values) / Math.max(1, rows));
      rowsPerChunk = Math.max(1, Math.min(MAX_CHUNK_ROWS, Math.floor(CHUNK_TARGET_BYTES / perRow)));
    }
    return out;
  }

  private async writeChunked(
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
      await this.io.write(sheet, [{ row: layout.headerRow + chunk.start, col: layout.col, values: chunk.rows }]);
      if (signal?.aborted) {
        // Cancelled while writing: remove this run's partial result columns, then stop.
        await this.io.clear(sheet, { ...layout, lastRow: layout.headerRow + chunk.start + chunk.rows.length - 1 });
        throw new Cancelled("Cancelled: the result columns this run had started to write were removed; your claims are unchanged.");
      }
    }
  }

  /**
   * Where the results go: where this add-in wrote them before (its record in the workbook), or
   * where its four headings already stand in the header row, else right of the claims.
   */
  private findResultColumn(key: string, region: Block, headerCells: readonly unknown[]): number {
    const texts = headerCells.map((c) => normaliseHeader(cellText(toCell(c))));
    const isHeadings = (col: number) => HEADINGS.every((h, k) => texts[col - region.col + k] === normaliseHeader(h));
    const stored = this.settings.results[key];
    if (stored !== undefined && isHeadings(stored.col)) return stored.col;
    for (let col = region.col; col < region.col + region.cols; col++) if (isHeadings(col)) return col;
    return region.col + region.cols;
  }

  /** Refuses to write over anything the add-in did not write; offers the next free columns. */
  private checkOwnership(key: string, raw: unknown[][], region: Block, layout: ResultLayout, forced: boolean): void {
    const cellsOf = (rowFrom: number, rowTo: number) =>
      raw.slice(rowFrom - region.row, rowTo - region.row + 1).map((r) => [0, 1, 2, 3].map((k) => r[layout.col + k - region.col] ?? ""));
    const stored = this.settings.results[key];
    const lastRead = region.row + raw.length - 1;
    const free = Math.max(layout.col + 4, region.col + usedWidth(raw));
    const refuse = (why: string): never => {
      throw new PaneProblem(
        `${why} The add-in will not write over it. Move that data, or write the results to ${columnLetters(free)}:${columnLetters(free + 3)} instead.`,
        free,
      );
    };
    const columns = `${columnLetters(layout.col)}:${columnLetters(layout.col + 3)}`;
    const heading = cellsOf(layout.headerRow, layout.headerRow)[0] ?? [];
    const ours = HEADINGS.every((h, k) => normaliseHeader(cellText(toCell(heading[k]))) === normaliseHeader(h));
    if (stored !== undefined && stored.col === layout.col && ours) {
      const before = cellsOf(layout.headerRow, Math.min(stored.lastRow, lastRead));
      if (fingerprint(before) !== stored.fingerprint)
        refuse(`Cells in ${columns} changed since the add-in wrote them (someone edited its results).`);
      const below = cellsOf(stored.lastRow + 1, lastRead);
      if (below.some((r) => r.some((v) => !isEmpty(v)))) refuse(`${columns} holds data below the add-in's last results.`);
      return;
    }
    if (ours && !forced) {
      // Headings written by this add-in or its CLI (no record in the workbook): a status column of
      // OK/WARN/ERROR only is taken as its own output.
      const body = cellsOf(layout.firstRow, lastRead);
      if (body.every((r) => ["", "OK", "WARN", "ERROR"].includes(String(r[0] ?? "")))) return;
      refuse(`${columns} has the add-in's headings but holds other data.`);
    }
    const all = cellsOf(layout.headerRow, lastRead);
    const used = all.findIndex((r) => r.some((v) => !isEmpty(v)));
    if (used >= 0) {
      const at = formatBlock({ row: layout.headerRow + used, col: layout.col, rows: 1, cols: 4 });
      refuse(`The result columns ${columns} are not empty (first data in ${at}).`);
    }
  }

  private mappingFor(key: string, headerCells: readonly unknown[]): ColumnMapping {
    const mapping = mapHeaders(headerCells.map(toCell));
    const picks = this.settings.mapping[key] ?? {};
    const texts = (mapping.headers ?? []).map(normaliseHeader);
    const result: { -readonly [K in keyof ColumnMapping]: ColumnMapping[K] } = { ...mapping };
    for (const [field, header] of Object.entries(picks) as [FieldId, string][]) {
      const index = texts.indexOf(normaliseHeader(header));
      if (index < 0) continue;
      if (field === "modifiers") result.modifiers = [index];
      else result[field] = index;
    }
    return result;
  }

  private async writeSummarySheet(summary: Summary, located: Located, asOf: Day): Promise<string | undefined> {
    const name = "ECM Summary";
    if (this.settings.summarySheet !== name && (await this.io.sheetExists(name))) {
      return `A sheet named "${name}" already exists and was not made by this add-in: the summary was not written.`;
    }
    const rows: unknown[][] = [
      ["ECM claims check", ""],
      ["Claims", located.tableName === undefined ? located.sheetName : `${located.sheetName} / table ${located.tableName}`],
      ["Run at", this.now().toISOString()],
      ["As-of date", formatDay(asOf)],
      ["Rate table", DEFAULT_RATES.id],
      ["Rows checked", summary.rows],
      ["OK", summary.ok],
      ["WARN", summary.warn],
      ["ERROR", summary.error],
      ["Expected reimbursement", summary.expectedTotal],
      ["", ""],
      ["HCPCS", "Lines", "Expected"],
      ...Object.entries(summary.byCode).map(([code, t]) => [code, t.lines, t.expected]),
      ["", ""],
      ["Rule", "Findings"],
      ...Object.entries(summary.byRule).map(([rule, n]) => [rule, n]),
    ];
    await this.io.writeSheet(name, rows);
    if (this.settings.summarySheet !== name) {
      this.settings = { ...this.settings, summarySheet: name };
      await this.io.saveSettings(this.settings);
    }
    return undefined;
  }
}

export function targetKey(located: Located): string {
  return located.tableName === undefined ? located.sheetName : `${located.sheetName}/${located.tableName}`;
}

/** The region's columns without the four result columns. */
function columnsExcept(region: Block, resultCol: number): number[] {
  const cols: number[] = [];
  for (let c = region.col; c < region.col + region.cols; c++) if (c < resultCol || c >= resultCol + 4) cols.push(c);
  return cols;
}

const isEmpty = (v: unknown): boolean => v === "" || v === null || v === undefined;

/** Number of columns from the left of the rows read up to the last non-empty one. */
function usedWidth(raw: readonly (readonly unknown[])[]): number {
  let width = 0;
  for (const r of raw) for (let c = r.length - 1; c >= width; c--) if (!isEmpty(r[c])) width = c + 1;
  return width;
}

function sheetColumns(mapping: ColumnMapping, dataCols: number[]): Partial<Record<FieldId, number>> {
  const out: Partial<Record<FieldId, number>> = {};
  for (const field of Object.keys(FIELD_LABELS) as FieldId[]) {
    const index = field === "modifiers" ? mapping.modifiers[0] : mapping[field];
    if (index !== undefined) out[field] = dataCols[index];
  }
  return out;
}

function groupByRule(verdicts: readonly Verdict[]): RunResult["byRule"] {
  const groups = new Map<RuleId, { rule: RuleId; severity: string; findings: FindingRef[] }>();
  for (const v of verdicts) {
    for (const f of v.findings) {
      let g = groups.get(f.rule);
      if (g === undefined) groups.set(f.rule, (g = { rule: f.rule, severity: f.severity, findings: [] }));
      g.findings.push({ row: v.row, message: f.message });
    }
  }
  const rank = { error: 0, warning: 1, info: 2 } as Record<string, number>;
  return [...groups.values()].sort((a, b) => (rank[a.severity] ?? 3) - (rank[b.severity] ?? 3) || b.findings.length - a.findings.length);
}
