/**
 * What the task pane does, without Office or the DOM: find the claims and their columns, read
 * them in chunks, run the engine, write the verdict columns in chunks, remember what it wrote,
 * and never touch a cell it did not write. Excel is reached only through the ExcelIO interface.
 */
import {
  FIELD_LABELS,
  REQUIRED_FIELDS,
  cellText,
  missingRequired,
  RESULT_HEADERS,
  resultCells,
  validateRows,
  type ClaimRow,
  type Day,
  type FieldId,
  type Summary,
  type Verdict,
} from "../engine";
import { toCell } from "../functions/adapter";
import { columnLetters } from "./a1";
import { runNotes } from "./run-notes";
import { readChunked, writeChunked } from "./chunks";
import type { Block, CellChange, ExcelIO, Located, MembersSource, ResultLayout, StoredSettings } from "./io";
import { checkOwnership, columnsExcept, findResultColumn, SETTINGS_BUDGET, withResultRecord } from "./ownership";
import { fittingRenamed, fittingRenamedOnSheet, moveRecord, renamedFrom } from "./renames";
import { mappingWithPicks, resultLayout, sheetColumns, targetKey } from "./target";
export { targetKey } from "./target";
import { headerIndexOf } from "./header";
import { groupByRule, type RuleGroup } from "./by-rule";
export type { FindingRef, RuleGroup } from "./by-rule";
import { Cancelled, PaneProblem, type Progress } from "./problems";
import { chosenSource, loadMembers } from "./members-source";
import { writeSummarySheet } from "./summary-sheet";
import { bookForRun, insertDefaultBook, readBook, type BookState, type UsableBook } from "./rate-book";
import { recheck, type Validated } from "./recheck";

export { Cancelled, PaneProblem, type Progress } from "./problems";
export { CHUNK_MAX_BYTES, CHUNK_TARGET_BYTES, writeChunks } from "./chunks";
export { fingerprint } from "./ownership";
export { DEFAULT_MEMBERS_SHEET, describeSource } from "./members-source";
export { RATES_TABLE, LIMITS_TABLE, RATES_SHEET, type BookState } from "./rate-book";

const HEADINGS = RESULT_HEADERS;

/** An edit of more rows than this re-validates in full (reading the sheet again) rather than re-checking the rows read. */
const RECHECK_MAX_ROWS = 5_000;

export const DEFAULT_SETTINGS: StoredSettings = {
  version: 1,
  options: { summarySheet: true, revalidateOnEdit: false, cinFormat: false },
  mapping: {},
  results: {},
};

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

export interface RunResult {
  summary: Summary;
  /** Findings grouped by rule, in catalogue order: each with its sheet rows (1-based) and messages. */
  byRule: RuleGroup[];
  layout: ResultLayout;
  sheetName: string;
  asOf: Day;
  /** When the summary sheet was asked for but a sheet of that name belongs to someone else. */
  note?: string;
  /** What the analyst should know about how the sheet was read (merged cells hiding values). */
  notes: string[];
  /** The rate book the claims were checked with (the pane's Rate table section shows it). */
  book: UsableBook;
}

export class PaneController {
  private settings: StoredSettings = structuredClone(DEFAULT_SETTINGS);
  private state: Validated | undefined;

  constructor(
    private readonly io: ExcelIO,
    private readonly now: () => Date = () => new Date(),
    /** How large the add-in's settings may grow (ownership.ts SETTINGS_BUDGET; tests pass a smaller one). */
    private readonly settingsBudget = SETTINGS_BUDGET,
  ) {}

  /**
   * Saves `change` made to the workbook's settings as they are now, not as this run loaded them: a
   * co-author's pane may have saved its own sheet's record meanwhile (settings travel between
   * co-authors on the web: Office.Settings, settingsChanged), which saving this run's copy whole
   * would lose.
   */
  private async saveMerged(change: (latest: StoredSettings) => StoredSettings): Promise<void> {
    this.settings = change((await this.io.loadSettings()) ?? this.settings);
    await this.io.saveSettings(this.settings);
  }

  get options(): StoredSettings["options"] {
    return this.settings.options;
  }

  async loadSettings(): Promise<StoredSettings> {
    this.settings = (await this.io.loadSettings()) ?? structuredClone(DEFAULT_SETTINGS);
    return this.settings;
  }

  async setOptions(options: Partial<StoredSettings["options"]>): Promise<void> {
    await this.saveMerged((latest) => ({ ...latest, options: { ...latest.options, ...options } }));
  }

  /** The sheets and Tables a members list can come from, and the one in use (null: none). */
  async memberSources(): Promise<{ sheets: string[]; tables: string[]; chosen: MembersSource | null }> {
    const { sheets, tables } = await this.io.sources();
    const picked = this.settings.members;
    return { sheets, tables, chosen: chosenSource(picked, sheets) };
  }

  /** The analyst's members list (null: none), kept in the workbook. */
  async pickMembers(source: MembersSource | null): Promise<void> {
    await this.saveMerged((latest) => ({ ...latest, members: source }));
  }

  /** The rate book in use (the workbook's ECM_Rates Table, else the built-in one), or what is wrong with the workbook's. */
  rateBook(): Promise<BookState> {
    return readBook(this.io);
  }

  /** "Insert the default rate table": the seed's table as the editable Table ECM_Rates (and ECM_Limits). */
  insertDefaultBook(): Promise<string> {
    return insertDefaultBook(this.io);
  }

  /** The analyst's pick for a field (header text), kept in the workbook; "" forgets it. */
  async pickColumn(key: string, field: FieldId, header: string): Promise<void> {
    await this.saveMerged((latest) => {
      const picks = { ...(latest.mapping[key] ?? {}) };
      if (header === "") delete picks[field];
      else picks[field] = header;
      return { ...latest, mapping: { ...latest.mapping, [key]: picks } };
    });
  }

  /** Finds the claims (sheet or table) and their columns from the first rows. One small read. */
  async inspect(): Promise<Inspection> {
    const located = await this.io.locate();
    const key = targetKey(located);
    const { region } = located;
    const head = region.rows === 0 ? [] : await this.io.read(located.sheetName, { ...region, rows: Math.min(region.rows, 50) });
    const headerIndex = headerIndexOf(head, region.cols);
    if (headerIndex < 0) return { located, key, headerRow: undefined, headers: [], columns: {}, missing: [...REQUIRED_FIELDS] };
    const headerCells = head[headerIndex] ?? [];
    // A renamed sheet: its record and column picks, under its old name, shown (Validate checks and moves them).
    const from = renamedFrom(this.settings, located, key, region, headerCells);
    if (from !== undefined) this.settings = moveRecord(this.settings, from, key);
    const resultCol = findResultColumn(this.settings.results[key], region, headerCells);
    const dataCols = columnsExcept(region, resultCol);
    const mapping = mappingWithPicks(
      dataCols.map((c) => headerCells[c - region.col]),
      this.settings.mapping[key] ?? {},
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
    const raw = await readChunked(this.io, sheetName, block, progress, signal);

    // 2. Header, result columns, data columns, mapping.
    const headerIndex = headerIndexOf(raw, region.cols);
    if (headerIndex < 0) throw new PaneProblem(`No header row found on "${sheetName}".`);
    const headerCells = raw[headerIndex] ?? [];
    const headerRow = region.row + headerIndex;
    const table = located.tableName;
    const layoutFor = (col: number): ResultLayout => resultLayout(located, headerRow, col);
    // A renamed sheet: the record under its old name is its own when its cells still match it.
    const renamed = useColumn === undefined ? fittingRenamed(this.settings, located, key, raw, headerIndex) : undefined;
    if (renamed !== undefined) this.settings = moveRecord(this.settings, renamed, key);
    const resultCol = useColumn ?? findResultColumn(this.settings.results[key], region, headerCells);
    const dataCols = columnsExcept(region, resultCol);
    const toGridCol = (col: number) => col - region.col;
    const mapping = mappingWithPicks(
      dataCols.map((c) => headerCells[toGridCol(c)]),
      this.settings.mapping[key] ?? {},
    );
    const missing = missingRequired(mapping);
    if (missing.length > 0) {
      throw new PaneProblem(
        `Missing required column${missing.length > 1 ? "s" : ""}: ${missing.map((f) => FIELD_LABELS[f]).join(", ")}. Pick ${missing.length > 1 ? "them" : "it"} under Columns, then validate again.`,
      );
    }
    const inTable = table !== undefined && resultCol < region.col + region.cols;
    checkOwnership(this.settings.results[key], raw, region, layoutFor(resultCol), useColumn !== undefined);

    // 3. Engine.
    const grid = raw.slice(headerIndex + 1).map((r) => dataCols.map((c) => toCell(r[toGridCol(c)])));
    progress({ phase: "check", done: 0, total: grid.length, text: `Checking ${grid.length.toLocaleString("en-US")} rows…` });
    if (signal?.aborted) throw new Cancelled();
    const claimRows: ClaimRow[] = grid.map((cells, i) => ({ row: headerRow + 2 + i, cells }));
    const { dateSystem } = located;
    const members = await loadMembers(this.io, this.settings.members, dateSystem);
    const book = await bookForRun(this.io, dateSystem);
    const rates = book.table;
    const cinFormat = this.settings.options.cinFormat === true;
    const { verdicts, summary } = validateRows(claimRows, mapping, { asOf, members, cinFormat, rates, dateSystem });
    const byIndex: (Verdict | undefined)[] = new Array(grid.length);
    for (const v of verdicts) byIndex[v.row - headerRow - 2] = v;
    const results = grid.map((_, i) => resultCells(byIndex[i]));

    // 4. Write headings + one result row per sheet row, in chunks; then formats and settings.
    const layout = layoutFor(resultCol);
    try {
      // Claims in a Table: the result columns become Table columns, so they sort and filter with their rows.
      if (table !== undefined && !inTable) await this.io.addTableColumns(table, HEADINGS);
      await writeChunked(this.io, sheetName, layout, [[...HEADINGS], ...results], progress, signal);
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
    await this.saveMerged((latest) =>
      withResultRecord(
        renamed === undefined ? latest : moveRecord(latest, renamed, key),
        key,
        { ...layout, at: this.now().toISOString() },
        results,
        this.settingsBudget,
      ),
    );
    const noMembersList = members === undefined && this.settings.members === undefined;
    const notes = await runNotes(this.io, located, headerRow, summary, mapping, dataCols, grid, noMembersList);
    this.state = {
      located,
      key,
      headerRow,
      dataCols,
      mapping,
      grid,
      results,
      verdicts: byIndex,
      layout,
      asOf,
      members,
      cinFormat,
      dateSystem,
      book,
      notes,
    };
    let note: string | undefined;
    if (this.settings.options.summarySheet) {
      ({ note, settings: this.settings } = await writeSummarySheet(
        this.io,
        this.settings,
        summary,
        located,
        asOf,
        this.now(),
        rates,
        notes,
      ));
    }
    return { summary, byRule: groupByRule(verdicts), layout, sheetName, asOf, note, notes, book };
  }

  /** Removes only what the add-in wrote on the current target: its four columns and their formats. */
  async clear(): Promise<string> {
    await this.loadSettings();
    const located = await this.io.locate();
    const key = targetKey(located);
    const renamed =
      this.settings.results[key] === undefined ? await fittingRenamedOnSheet(this.io, this.settings, located, key) : undefined;
    const stored = this.settings.results[renamed ?? key];
    if (stored === undefined) return `No results of this add-in on "${located.sheetName}".`;
    if (located.protected)
      throw new PaneProblem(`Sheet "${located.sheetName}" is protected: unprotect it, then clear again. Nothing was changed.`);
    await this.io.clear(located.sheetName, stored);
    await this.saveMerged((latest) => {
      const moved = renamed === undefined ? latest : moveRecord(latest, renamed, key);
      const { [key]: _removed, ...rest } = moved.results;
      return { ...moved, results: rest };
    });
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
  async revalidate(change: CellChange, progress?: (p: Progress) => void, asOf?: Day): Promise<RunResult | undefined> {
    const s = this.state;
    if (s === undefined) {
      // Nothing validated in this session (the watcher was re-armed at start-up): when this add-in's
      // results are on the target, validate in full into the same columns.
      if (asOf === undefined) return undefined;
      await this.loadSettings();
      const located = await this.io.locate();
      const key = targetKey(located);
      const stored = this.settings.results[key];
      if (stored !== undefined) return this.validate(asOf, progress, undefined, stored.col);
      // Renamed since: validate in full (which moves the record) when the record fits the cells.
      return (await fittingRenamedOnSheet(this.io, this.settings, located, key)) === undefined ? undefined : this.validate(asOf, progress);
    }
    const lastData = s.headerRow + s.grid.length;
    const { block } = change;
    const onlyResults = block.col >= s.layout.col && block.col + block.cols <= s.layout.col + 4;
    if (onlyResults) return undefined;
    if (change.structural || block.row <= s.headerRow || block.row + block.rows - 1 > lastData || block.rows > RECHECK_MAX_ROWS) {
      return this.validate(s.asOf, progress, undefined, s.layout.col);
    }
    const region = s.located.region;
    // Only the data columns: the result columns are rewritten from the verdicts anyway.
    const fresh = await this.io.read(s.located.sheetName, { row: block.row, col: region.col, rows: block.rows, cols: region.cols });
    const { writes, summary } = recheck(s, fresh, block);
    if (writes.length > 0) await this.io.write(s.located.sheetName, writes);
    const stored = this.settings.results[s.key];
    if (stored !== undefined) {
      await this.saveMerged((latest) =>
        withResultRecord(latest, s.key, { ...stored, at: this.now().toISOString() }, s.results, this.settingsBudget),
      );
    }
    const present = s.verdicts.filter((v): v is Verdict => v !== undefined);
    return {
      summary,
      byRule: groupByRule(present),
      layout: s.layout,
      sheetName: s.located.sheetName,
      asOf: s.asOf,
      notes: s.notes,
      book: s.book,
    };
  }
}
