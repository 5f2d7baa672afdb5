/**
 * What the task pane needs from Excel, as plain data. excel-io.ts implements it with Office.js;
 * everything else (controller, view) sees only this, so it runs in plain Node under test.
 */
import type { DateSystem } from "../engine";

/**
 * How much of another sheet ExcelIO.sheetHeads reads: A1:AD30, where a claims header row would be
 * (30 columns: claims exports have 10 to 20), and for how many sheets a request: 40 × 900 cells,
 * under 1 MB even with long text in every cell.
 */
export const HEAD_ROWS = 30,
  HEAD_COLS = 30,
  HEAD_SHEETS_PER_SYNC = 40;

/** A rectangle of cells by 0-based sheet indexes. */
export interface Block {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface Located {
  sheetName: string;
  /** Set when the selection is inside an Excel Table: then the table's range is the region. */
  tableName?: string;
  /** The claims region: the sheet's used range (values only), or the table's range with its header. */
  region: Block;
  protected: boolean;
  /** The workbook's date system, asked in the same sync (see ExcelIO.dateSystem). */
  dateSystem: DateSystem;
  /** The workbook's other visible worksheets, in tab order (hidden ones left out), listed in the same sync. */
  otherSheets: string[];
  /** Every worksheet's name, hidden ones included (whose records in the settings still have a sheet), listed in the same sync. */
  sheets: string[];
  /** With `tableName`: the names of the Tables on that sheet (a renamed Table's record is found by them). */
  sheetTables?: string[];
}

/** Where the add-in's four result columns are: status at `col`, then rules, message, expected. */
export interface ResultLayout {
  headerRow: number;
  /** First and last claim row written (0-based, inclusive). */
  firstRow: number;
  lastRow: number;
  col: number;
  /** Set when the results are columns of this Excel Table (added with Table.columns.add). */
  table?: string;
}

export type Status = "OK" | "WARN" | "ERROR";

/** What travels in the workbook (Excel workbook settings): mapping, options, what was written. */
/** Where the members list is: a sheet (its used range) or an Excel Table. */
export type MembersSource = { sheet: string } | { table: string };

export interface StoredSettings {
  version: 1;
  /** cinFormat: member IDs are Medi-Cal CINs (absent in workbooks saved before the option existed). */
  options: { summarySheet: boolean; revalidateOnEdit: boolean; cinFormat?: boolean };
  /**
   * The members list the analyst picked; null: none; absent: the sheet "ECM Members" when the
   * workbook has one.
   */
  members?: MembersSource | null;
  /** Column picks by the user, per target ("Sheet" or "Sheet/Table"): field → header text. */
  mapping: Record<string, Record<string, string>>;
  /**
   * The result columns the add-in wrote, per target: `rows` is the order-free set of the rows it
   * wrote (ownership.ts rowSet); `fingerprint` the ordered hash older versions kept (used when
   * `rows` is absent).
   */
  results: Record<string, ResultLayout & { fingerprint: string; rows?: string; at: string }>;
  /** Set when the add-in created the summary sheet (so it may replace it). */
  summarySheet?: string;
}

export interface ExcelIO {
  locate(): Promise<Located>;
  /** Values of one block: one load, one sync. */
  read(sheet: string, block: Block): Promise<unknown[][]>;
  /** Writes each block of values at its (row, col): all in one sync. */
  write(sheet: string, blocks: readonly CellWrite[]): Promise<void>;
  /** Adds the headings as new columns at the right edge of an Excel Table: one sync. */
  addTableColumns(table: string, headings: readonly string[]): Promise<void>;
  /** Bold headings, currency format for expected, conditional fills on the status column: one sync. */
  format(sheet: string, layout: ResultLayout): Promise<void>;
  /** Removes the add-in's values and formats from its result columns (its Table columns, when `layout.table`). */
  clear(sheet: string, layout: ResultLayout): Promise<void>;
  loadSettings(): Promise<StoredSettings | undefined>;
  saveSettings(settings: StoredSettings): Promise<void>;
  /** Selects cells (clicking a finding). */
  select(sheet: string, block: Block): Promise<void>;
  /** Whether a sheet of that name exists. */
  sheetExists(name: string): Promise<boolean>;
  /**
   * Replaces (or creates) a sheet's contents with the values: one sync. The columns are fitted to
   * the first `fitRows` rows (default: all), so that long notes below them do not widen a column.
   */
  writeSheet(name: string, values: unknown[][], fitRows?: number): Promise<void>;
  /** The top of each sheet: the values of A1:AD30 (HEAD_ROWS × HEAD_COLS), where a claims header would be. One sync (give it HEAD_SHEETS_PER_SYNC sheets at most). */
  sheetHeads(sheets: readonly string[]): Promise<unknown[][][]>;
  /** The workbook's sheets and Excel Tables, by name (for the members-list picker): one sync. */
  sources(): Promise<{ sheets: string[]; tables: string[] }>;
  /** The values of Excel Tables by name (header row included; undefined for a name the workbook lacks): two syncs for all. */
  readTables(names: readonly string[]): Promise<(unknown[][] | undefined)[]>;
  /** The values of a sheet's used range or of a Table (header row included); undefined when there is no such sheet or table. */
  readSource(source: MembersSource): Promise<unknown[][] | undefined>;
  /**
   * Writes the values (header row first) at A1 of a new sheet (or an empty one) and makes them an
   * Excel Table of that name: one sync after the checks. Refuses (ExcelProblem) a sheet that holds
   * data, and a workbook whose structure is protected.
   */
  insertTable(sheet: string, table: string, values: readonly (readonly (string | number)[])[]): Promise<void>;
  /**
   * The merged ranges whose top-left cell is in the block, as sheet-relative A1 ranges ("A2:A4"):
   * "unsupported" when the host lacks ExcelApi 1.13, "too many" above Excel's 512. One sync.
   */
  mergedAreas(sheet: string, block: Block): Promise<string[] | "unsupported" | "too many">;
  /**
   * The workbook's date system (File > Options > Advanced > "Use 1904 date system"), whose serials
   * Range.values hands over as they are. Office.js has no property for it: Excel's DATE
   * (Workbook.functions.date, ExcelApi 1.2) answers 2026-01-01 with 46023 in the 1900 system and
   * 44561 in the 1904 system. One sync.
   */
  dateSystem(): Promise<DateSystem>;
  /** Calls `handler` with the changed address (A1 style, sheet-relative) when cells change. */
  onChanged(sheet: string, handler: (change: CellChange) => void): Promise<() => Promise<void>>;
}

export interface CellWrite {
  row: number;
  col: number;
  values: unknown[][];
  /**
   * The first `textCols` columns are formatted as Text before the values are written, so Excel
   * keeps them as written (it parses other text like typed input: dates, numbers, formulas).
   */
  textCols?: number;
}

export interface CellChange {
  block: Block;
  /** Row/column inserts and deletes shift everything: the pane re-validates in full. */
  structural: boolean;
}

/** An error Excel reported, with a message an analyst can act on. */
export class ExcelProblem extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}
