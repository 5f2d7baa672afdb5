/**
 * An in-memory stand-in for the part of the Excel JavaScript API the add-in uses, modelled on what
 * Excel is documented to do (each behaviour cites its source; tests/fake-excel.test.ts tests the
 * stand-in itself):
 *
 * - Office's proxy semantics: properties can be read only after load() + sync(); writes are queued
 *   and applied at sync(), all or nothing.
 *   https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model
 * - Payload limits: Excel on the web refuses a request or response over 5 MB (RichApi.Error); on
 *   every platform a read is limited to 5,000,000 cells.
 *   https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
 *   and docs/excel/performance.md "Payload size limit best practices".
 * - Events arrive after the sync that caused them, with `source` "Local" or "Remote" (a co-author).
 *   https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events#events-and-coauthoring
 * - Inserting or deleting rows shifts the cells, formats, conditional formats and Tables below and
 *   raises onChanged with changeType RowInserted / RowDeleted (Excel.DataChangeType).
 * - Sorting: Excel's Sort on a cell of a plain range expands to the contiguous block around it
 *   (CurrentRegion), so columns beside the data move with their rows; sorting a Table sorts its
 *   data body only. Both raise onRowSorted with the moved rows' address, not onChanged.
 *   https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-worksheets#handle-sorting-events
 * - Tables have a header row, a data body and an optional totals row; values written directly
 *   below a Table extend it ("Coauthoring in Excel add-ins": use Range.values to add rows); values
 *   written in the column right of a Table join it when the AutoCorrect option "Include new rows
 *   and columns in table" (Application.AutoCorrect.AutoExpandListRange) is on: `autoExpandTables`.
 *   Table.columns.add adds a column at the Table's right edge.
 *   https://learn.microsoft.com/office/dev/add-ins/excel/co-authoring-in-excel-add-ins#avoid-table-row-conflicts-in-coauthoring-scenarios
 * - Conditional formats: `type` must be loaded before it is read; loading a type-specific property
 *   (items/textComparison/rule) on a collection that holds formats of other types fails at sync
 *   with "This operation is not permitted for the current object" (office-js #2180);
 *   Range.clear() with All or Formats removes the conditional formats inside the range.
 *   https://github.com/OfficeDev/office-js/issues/2180
 * - Workbook.getSelectedRange() throws when several areas are selected (API reference: "If
 *   multiple ranges are selected, this method will throw an error").
 * - Values written as text are parsed like typed input (a number, percentage, TRUE/FALSE or date
 *   text becomes a number, boolean or date serial; a leading "=" makes a formula; a leading
 *   apostrophe keeps text) unless the cell's number format is Text ("@").
 *   https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member
 * - Worksheet protection blocks writes to that sheet's cells; workbook structure protection
 *   (Workbook.protection) blocks adding sheets but not writing cells.
 *   https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-workbooks#protect-workbook-structure
 * - The workbook's date system (File > Options > Advanced > "Use 1904 date system"): date serials
 *   count from 1900-01-00 or from 1904-01-01, 1,462 days apart; typed dates and Functions.date
 *   (Excel's DATE: "the number that represents the date in Microsoft Excel date-time code",
 *   ExcelApi 1.2) give the serial of the workbook's system. Office.js has no property for it.
 *   https://learn.microsoft.com/javascript/api/excel/excel.functions#excel-excel-functions-date-member(1)
 *   and Microsoft support, "Date systems in Excel".
 * - Excel.run(object, batch) runs the batch on the passed object's request context, so a handler
 *   registered in one run can be removed in a later one.
 *   https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events#remove-an-event-handler
 *
 * It counts syncs and measures each request's and response's JSON size. Used by the unit tests of
 * excel-io.ts and bundled as the office.js replacement of the browser test (so: no Node APIs).
 */
import { columnLetters } from "../../src/shared/columns";
import { formatBlock, parseAddress } from "../../src/taskpane/a1";

export interface Block {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface BatchStats {
  requestBytes: number;
  responseBytes: number;
  operations: number;
}

// The event payloads and enum values are typed against @types/office-js, so a drift from the real
// API's names fails `npm run typecheck`.
export type EventSource = `${Excel.EventSource}`;
export type ChangedEvent = Pick<Excel.WorksheetChangedEventArgs, "address" | "changeType" | "source">;
export type SortedEvent = Pick<Excel.WorksheetRowSortedEventArgs, "address" | "source">;
/** Some members of an Office.js enum, each with the enum's own string value. */
type EnumValues<E> = { readonly [K in keyof E]?: `${E[K] & string}` };

export interface ConditionalFormatRecord {
  id: number;
  block: Block;
  type: string;
  rule?: { operator: string; text: string };
  fill?: string;
  font?: string;
}

interface CellFormat {
  bold?: boolean;
  numberFormat?: string;
}

/** Excel's Text number format: values written to such cells stay text. */
const TEXT_FORMAT = "@";
const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

export class FakeSheet {
  grid: unknown[][] = [];
  readonly formats = new Map<string, CellFormat>();
  /** Formulas by "row,col" (the grid holds their values). */
  readonly formulas = new Map<string, string>();
  readonly conditionalFormats: ConditionalFormatRecord[] = [];
  readonly columnWidths = new Map<number, number>();
  /** Merged ranges (Home > Merge & Center): the value is in the top-left cell, the others read "". */
  merges: Block[] = [];
  isProtected = false;
  /**
   * Home > Format > Hide & Unhide > Hide Sheet ("Hidden"), or hidden so that only code can show it
   * again ("VeryHidden"). Worksheet.visibility, ExcelApi 1.1 to read (learn.microsoft.com/javascript/
   * api/excel/excel.worksheet#excel-excel-worksheet-visibility-member; Excel.SheetVisibility).
   */
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  readonly handlers: ((e: ChangedEvent) => void)[] = [];
  readonly sortHandlers: ((e: SortedEvent) => void)[] = [];
  constructor(
    public name: string,
    /** The workbook's date system, for typed dates. */
    private readonly dateSystem: () => 1900 | 1904 = () => 1900,
  ) {}

  get(row: number, col: number): unknown {
    return this.grid[row]?.[col] ?? "";
  }
  set(row: number, col: number, value: unknown): void {
    while (this.grid.length <= row) this.grid.push([]);
    const r = this.grid[row] as unknown[];
    while (r.length <= col) r.push("");
    r[col] = value ?? "";
    this.formulas.delete(`${row},${col}`);
  }
  /** What Excel stores when this text is entered in the cell (see parseTyped). */
  enter(row: number, col: number, value: unknown): void {
    const typed = parseTyped(value, this.formats.get(`${row},${col}`)?.numberFormat === TEXT_FORMAT, this.dateSystem());
    this.set(row, col, typed.value);
    if (typed.formula !== undefined) this.formulas.set(`${row},${col}`, typed.formula);
  }
  /** Bounding box of the non-empty cells, like getUsedRange(true). */
  used(): Block | undefined {
    let top = Infinity,
      left = Infinity,
      bottom = -1,
      right = -1;
    this.grid.forEach((r, i) =>
      r.forEach((v, j) => {
        if (v === "" || v === null || v === undefined) return;
        top = Math.min(top, i);
        left = Math.min(left, j);
        bottom = Math.max(bottom, i);
        right = Math.max(right, j);
      }),
    );
    return bottom < 0 ? undefined : { row: top, col: left, rows: bottom - top + 1, cols: right - left + 1 };
  }
  values(b: Block): unknown[][] {
    return Array.from({ length: b.rows }, (_, i) => Array.from({ length: b.cols }, (_, j) => this.get(b.row + i, b.col + j)));
  }
  isEmptyAt(row: number, col: number): boolean {
    const v = this.get(row, col);
    return v === "" || v === null || v === undefined;
  }
  /** Moves every row-keyed thing at or below `at` by `delta` rows (negative: rows at..at-delta-1 are gone). */
  shiftRows(at: number, delta: number): void {
    if (delta > 0) this.grid.splice(at, 0, ...Array.from({ length: delta }, () => [] as unknown[]));
    else this.grid.splice(at, -delta);
    const shiftKeys = <V>(map: Map<string, V>) => {
      const entries = [...map];
      map.clear();
      for (const [key, v] of entries) {
        const [r = 0, c = 0] = key.split(",").map(Number);
        if (delta < 0 && r >= at && r < at - delta) continue;
        map.set(`${r >= at ? r + delta : r},${c}`, v);
      }
    };
    shiftKeys(this.formats);
    shiftKeys(this.formulas);
    for (let i = this.conditionalFormats.length - 1; i >= 0; i--) {
      const cf = this.conditionalFormats[i] as ConditionalFormatRecord;
      const moved = shiftBlock(cf.block, at, delta);
      if (moved === undefined) this.conditionalFormats.splice(i, 1);
      else cf.block = moved;
    }
    this.merges = this.merges.flatMap((m) => shiftBlock(m, at, delta) ?? []);
  }
  /** Merges a range as Home > Merge & Center does: the top-left value stays, the other cells are emptied. */
  merge(b: Block): void {
    for (let i = 0; i < b.rows; i++) for (let j = 0; j < b.cols; j++) if (i > 0 || j > 0) this.set(b.row + i, b.col + j, "");
    this.merges.push(b);
  }
}

/** A block after rows are inserted (delta > 0) or deleted (delta < 0) at `at`; undefined when all its rows were deleted. */
function shiftBlock(b: Block, at: number, delta: number): Block | undefined {
  const end = b.row + b.rows; // exclusive
  if (delta > 0) {
    if (at <= b.row) return { ...b, row: b.row + delta };
    if (at < end) return { ...b, rows: b.rows + delta }; // inserted inside: the block grows
    return b;
  }
  const gone = -delta;
  const cutEnd = at + gone;
  const keptAbove = Math.max(0, Math.min(end, at) - b.row);
  const keptBelow = Math.max(0, end - Math.max(b.row, cutEnd));
  const rows = keptAbove + keptBelow;
  if (rows === 0) return undefined;
  const row = b.row < at ? b.row : Math.max(at, b.row - gone);
  return { ...b, row, rows };
}

/**
 * Excel's parsing of text entered in a cell, as far as the tests need it: formulas, numbers,
 * percentages, booleans and ISO or US dates (1900 date system). A leading apostrophe keeps text.
 */
export function parseTyped(value: unknown, asText: boolean, dateSystem: 1900 | 1904 = 1900): { value: unknown; formula?: string } {
  if (typeof value !== "string" || asText || value === "") return { value };
  if (value.startsWith("'")) return { value: value.slice(1) };
  if (value.startsWith("=") && value.length > 1) {
    const constant = Number(value.slice(1));
    return { value: Number.isFinite(constant) && value.slice(1).trim() !== "" ? constant : "#NAME?", formula: value };
  }
  const t = value.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return { value: Number(t) };
  if (/^[+-]?\d+(\.\d+)?%$/.test(t)) return { value: Number(t.slice(0, -1)) / 100 };
  if (/^(true|false)$/i.test(t)) return { value: t.toUpperCase() === "TRUE" };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  const ymd = iso !== null ? [iso[1], iso[2], iso[3]] : us !== null ? [us[3], us[1], us[2]] : undefined;
  if (ymd !== undefined) {
    const [y, m, d] = ymd.map(Number) as [number, number, number];
    const ms = Date.UTC(y, m - 1, d);
    const check = new Date(ms);
    if (check.getUTCMonth() === m - 1 && check.getUTCDate() === d) return { value: serialOf(ms, dateSystem) };
  }
  return { value };
}

/** The serial of a UTC midnight in a date system (1900: 1970-01-01 is 25,569; 1904: 1,462 less). */
function serialOf(ms: number, dateSystem: 1900 | 1904): number {
  return Math.round(ms / 86_400_000) + 25_569 - (dateSystem === 1904 ? 1_462 : 0);
}

export interface FakeTable {
  name: string;
  sheet: string;
  /** The whole Table: header row, data body and (when showTotals) the totals row. */
  block: Block;
  showTotals?: boolean;
}

export type Platform = "web" | "windows" | "mac";

const LIMIT = 5 * 1024 * 1024;

/** The most an add-in's settings may hold in one document (office-js#621): 2 MB. */
export const SETTINGS_LIMIT = 2 * 1024 * 1024;

function officeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, name: "RichApi.Error" });
}

export const address = (b: Block): string => `${columnLetters(b.col)}${b.row + 1}:${columnLetters(b.col + b.cols - 1)}${b.row + b.rows}`;
const intersects = (a: Block, b: Block): boolean =>
  a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
const inside = (a: Block, b: Block): boolean =>
  a.row >= b.row && a.col >= b.col && a.row + a.rows <= b.row + b.rows && a.col + a.cols <= b.col + b.cols;

export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  readonly settings = new Map<string, unknown>();
  active = "";
  /** The selection; `areas` when the user selected several ranges (Ctrl+click). */
  selection: { sheet: string; block: Block; areas?: Block[] } = { sheet: "", block: { row: 0, col: 0, rows: 1, cols: 1 } };
  /** Simulates a cell being edited in the grid: every sync fails as it does in Excel. */
  cellEditMode = false;
  /** Makes the sync with this number (1-based, counted from now) fail with an Excel error code. */
  failSync: { at: number; code: string } | undefined;
  /** Where the add-in runs: the 5 MB request/response limit applies on the web only. */
  platform: Platform = "web";
  /** The most cells one read may return (all platforms). */
  readCellLimit = 5_000_000;
  /** The Excel API set the host supports (Office.context.requirements), e.g. "1.13"; older hosts lack getMergedAreasOrNullObject. */
  excelApi = "1.17";
  /** AutoCorrect "Include new rows and columns in table" (on in a new Excel installation). */
  autoExpandTables = true;
  /** Review > Protect Workbook (structure): sheets cannot be added, deleted or renamed. */
  structureProtected = false;
  /** File > Options > Advanced > "Use 1904 date system" (saved in the workbook). */
  dateSystem: 1900 | 1904 = 1900;
  readonly batches: BatchStats[] = [];
  /** Names of the Excel API members the add-in touched (what TESTING.md must check in real Excel). */
  readonly touched = new Set<string>();
  private delivering: Promise<void> = Promise.resolve();

  addSheet(name: string, rows: unknown[][] = []): FakeSheet {
    const sheet = new FakeSheet(name, () => this.dateSystem);
    rows.forEach((r, i) => r.forEach((v, j) => sheet.set(i, j, v)));
    this.sheets.push(sheet);
    if (this.active === "") {
      this.active = name;
      this.selection = { sheet: name, block: { row: 0, col: 0, rows: 1, cols: 1 } };
    }
    return sheet;
  }
  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }
  addTable(name: string, sheet: string, block: Block, showTotals = false): FakeTable {
    const table: FakeTable = { name, sheet, block, showTotals };
    this.tables.push(table);
    return table;
  }
  get syncs(): number {
    return this.batches.length;
  }

  /** Delivers an event after the current sync (and any event before it), as Excel does. */
  emit(deliver: () => void): void {
    this.delivering = this.delivering.then(
      () =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            deliver();
            resolve();
          }, 0),
        ),
    );
  }
  /** Resolves once every event raised so far has been delivered. */
  async settled(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.delivering;
      await seen;
    } while (seen !== this.delivering);
  }
  private changed(sheet: FakeSheet, b: Block | string, changeType: ChangedEvent["changeType"], source: EventSource): void {
    const event: ChangedEvent = { address: typeof b === "string" ? b : address(b), changeType, source };
    this.emit(() => {
      for (const h of [...sheet.handlers]) h(event);
    });
  }

  /** Writes values into cells, parsed like typed input, extending Tables as Excel does; returns the changed block. */
  writeCells(sheet: FakeSheet, b: Block, values: readonly (readonly unknown[])[]): void {
    values.forEach((r, i) => r.forEach((v, j) => sheet.enter(b.row + i, b.col + j, v)));
    this.expandTables(sheet, b);
  }
  private expandTables(sheet: FakeSheet, b: Block): void {
    for (const t of this.tables.filter((x) => x.sheet === sheet.name)) {
      const tb = t.block;
      const overlapsCols = b.col < tb.col + tb.cols && tb.col < b.col + b.cols;
      const overlapsRows = b.row < tb.row + tb.rows && tb.row < b.row + b.rows;
      if (!t.showTotals && b.row === tb.row + tb.rows && overlapsCols) {
        // Rows written directly below the Table: it grows down over the non-empty rows written.
        let rows = 0;
        while (rows < b.rows && [...Array(tb.cols).keys()].some((j) => !sheet.isEmptyAt(b.row + rows, tb.col + j))) rows++;
        t.block = { ...tb, rows: tb.rows + rows };
      } else if (this.autoExpandTables && b.col === tb.col + tb.cols && overlapsRows) {
        // A column entered right of the Table joins it; Excel names a blank heading "ColumnN".
        t.block = { ...tb, cols: tb.cols + b.cols };
        for (let j = 0; j < b.cols; j++) if (sheet.isEmptyAt(tb.row, b.col + j)) sheet.set(tb.row, b.col + j, `Column${tb.cols + j + 1}`);
      }
    }
  }

  /** A user's (or, with source "Remote", a co-author's) edit in the grid: typed values, then onChanged. */
  userEdit(sheetName: string, row: number, col: number, values: unknown[][], source: EventSource = "Local"): void {
    const sheet = this.sheet(sheetName) as FakeSheet;
    const b = { row, col, rows: values.length, cols: values[0]?.length ?? 1 };
    this.writeCells(sheet, b, values);
    this.changed(sheet, b, "RangeEdited", source);
  }
  /**
   * Right-click the sheet tab > Rename (here, or a co-author's). Excel refuses a name that is blank,
   * longer than 31 characters, holds a colon, backslash, slash, ?, *, [ or ], begins or ends with an apostrophe, is
   * "History", or is another sheet's name in any case ("You typed an invalid name for a sheet or
   * chart…", Excel's message for Worksheet.Name; support.microsoft.com "Rename a worksheet"). The
   * sheet's Tables stay on it; Worksheet.id would change only between sessions (office-js-docs#297),
   * which the stand-in does not model.
   */
  userRenameSheet(from: string, to: string): void {
    const sheet = this.sheet(from);
    if (sheet === undefined) throw new Error(`no sheet ${from}`);
    const taken = this.sheets.some((s) => s !== sheet && s.name.toLowerCase() === to.toLowerCase());
    if (to.trim() === "" || to.length > 31 || /[:\\/?*[\]]/.test(to) || /^'|'$/.test(to) || to.toLowerCase() === "history" || taken)
      throw new Error(`Excel refuses the sheet name ${JSON.stringify(to)}`);
    if (this.structureProtected) throw new Error("The workbook's structure is protected: sheets cannot be renamed.");
    sheet.name = to;
    for (const t of this.tables) if (t.sheet === from) t.sheet = to;
    if (this.active === from) this.active = to;
    if (this.selection.sheet === from) this.selection = { ...this.selection, sheet: to };
  }
  /**
   * Table Design > Table Name: Excel refuses a name already taken by a Table (or a defined name) in
   * any case, or one that is not a valid name (the stand-in checks: starts with a letter or "_", then
   * letters, digits, "_" or "."; no spaces).
   */
  userRenameTable(from: string, to: string): void {
    const table = this.tables.find((t) => t.name === from);
    if (table === undefined) throw new Error(`no table ${from}`);
    if (!/^[A-Za-z_][\w.]*$/.test(to) || this.tables.some((t) => t !== table && t.name.toLowerCase() === to.toLowerCase()))
      throw new Error(`Excel refuses the table name ${JSON.stringify(to)}`);
    table.name = to;
  }
  /** Right-click the sheet tab > Delete: the sheet and its Tables are gone. */
  userDeleteSheet(name: string): void {
    const at = this.sheets.findIndex((s) => s.name === name);
    if (at < 0) throw new Error(`no sheet ${name}`);
    if (this.structureProtected) throw new Error("The workbook's structure is protected: sheets cannot be deleted.");
    this.sheets.splice(at, 1);
    for (let i = this.tables.length - 1; i >= 0; i--) if (this.tables[i]?.sheet === name) this.tables.splice(i, 1);
    const first = this.sheets[0]?.name ?? "";
    if (this.active === name) this.active = first;
    if (this.selection.sheet === name) this.selection = { sheet: first, block: { row: 0, col: 0, rows: 1, cols: 1 } };
  }
  /** Home > Insert > Insert Sheet Rows at 0-based `at`. */
  userInsertRows(sheetName: string, at: number, count = 1): void {
    const sheet = this.sheet(sheetName) as FakeSheet;
    sheet.shiftRows(at, count);
    for (const t of this.tables.filter((x) => x.sheet === sheetName)) t.block = shiftBlock(t.block, at, count) as Block;
    this.changed(sheet, `${at + 1}:${at + count}`, "RowInserted", "Local");
  }
  /** Home > Delete > Delete Sheet Rows. */
  userDeleteRows(sheetName: string, at: number, count = 1): void {
    const sheet = this.sheet(sheetName) as FakeSheet;
    sheet.shiftRows(at, -count);
    for (let i = this.tables.length - 1; i >= 0; i--) {
      const t = this.tables[i] as FakeTable;
      if (t.sheet !== sheetName) continue;
      const moved = shiftBlock(t.block, at, -count);
      if (moved === undefined) this.tables.splice(i, 1);
      else t.block = moved;
    }
    this.changed(sheet, `${at + 1}:${at + count}`, "RowDeleted", "Local");
  }
  /**
   * Data > Sort on the column `byCol` with the active cell at (row, col): inside a Table, its data
   * body is sorted; elsewhere the contiguous block around the cell (its first row taken as the
   * header). Whole rows of the sorted region move, with their cell formats. Raises onRowSorted.
   */
  userSort(sheetName: string, at: { row: number; col: number }, byCol: number, descending = false): Block {
    const sheet = this.sheet(sheetName) as FakeSheet;
    const table = this.tables.find((t) => t.sheet === sheetName && intersects(t.block, { ...at, rows: 1, cols: 1 }));
    let body: Block;
    if (table !== undefined) {
      const tb = table.block;
      body = { row: tb.row + 1, col: tb.col, rows: tb.rows - 1 - (table.showTotals ? 1 : 0), cols: tb.cols };
    } else {
      const region = currentRegion(sheet, at);
      body = { ...region, row: region.row + 1, rows: region.rows - 1 };
    }
    const rows = Array.from({ length: body.rows }, (_, i) => {
      const r = body.row + i;
      return {
        values: Array.from({ length: body.cols }, (_, j) => sheet.get(r, body.col + j)),
        formats: Array.from({ length: body.cols }, (_, j) => sheet.formats.get(`${r},${body.col + j}`)),
      };
    });
    const key = (v: unknown) =>
      (typeof v === "number" ? [0, v] : v === "" || v === null ? [2, 0] : [1, String(v).toLowerCase()]) as [number, number | string];
    const k = byCol - body.col;
    rows.sort((a, b) => {
      const [ta, va] = key(a.values[k]);
      const [tb, vb] = key(b.values[k]);
      if (ta !== tb) return ta - tb; // numbers, then text, blanks last (either order)
      const c = va < vb ? -1 : va > vb ? 1 : 0;
      return descending ? -c : c;
    });
    rows.forEach((r, i) =>
      r.values.forEach((v, j) => {
        sheet.set(body.row + i, body.col + j, v);
        const fkey = `${body.row + i},${body.col + j}`;
        const f = r.formats[j];
        if (f === undefined) sheet.formats.delete(fkey);
        else sheet.formats.set(fkey, f);
      }),
    );
    const event: SortedEvent = { address: address(body), source: "Local" };
    this.emit(() => {
      for (const h of [...sheet.sortHandlers]) h(event);
    });
    return body;
  }

  /** The `Excel` namespace to install as a global. */
  api(): Record<string, unknown> {
    const workbook = this;
    return {
      // Excel.run(batch), Excel.run(options, batch), or Excel.run(object, batch): the latter runs on that object's context.
      run: async <T>(a: unknown, b?: (ctx: RequestContext) => Promise<T>): Promise<T> => {
        const batch = (typeof a === "function" ? a : b) as (ctx: RequestContext) => Promise<T>;
        const context = a instanceof RequestContext ? a : new RequestContext(workbook);
        return batch(context);
      },
      ConditionalFormatType: {
        containsText: "ContainsText",
        colorScale: "ColorScale",
        dataBar: "DataBar",
        custom: "Custom",
      } satisfies EnumValues<typeof Excel.ConditionalFormatType>,
      ConditionalTextOperator: { beginsWith: "BeginsWith", contains: "Contains" } satisfies EnumValues<
        typeof Excel.ConditionalTextOperator
      >,
      ClearApplyTo: { all: "All", contents: "Contents", formats: "Formats" } satisfies EnumValues<typeof Excel.ClearApplyTo>,
      DataChangeType: {
        rangeEdited: "RangeEdited",
        unknown: "Unknown",
        rowInserted: "RowInserted",
        rowDeleted: "RowDeleted",
      } satisfies EnumValues<typeof Excel.DataChangeType>,
      EventSource: { local: "Local", remote: "Remote" } satisfies EnumValues<typeof Excel.EventSource>,
      ErrorCodes: { invalidSelection: "InvalidSelection", accessDenied: "AccessDenied" } satisfies EnumValues<typeof Excel.ErrorCodes>,
    };
  }
}

/** The contiguous non-empty block around a cell (Excel's CurrentRegion), as Sort expands to. */
function currentRegion(sheet: FakeSheet, at: { row: number; col: number }): Block {
  let b: Block = { row: at.row, col: at.col, rows: 1, cols: 1 };
  for (let grew = true; grew;) {
    grew = false;
    const rowHas = (r: number) =>
      r >= 0 && [...Array(b.cols + 2).keys()].some((j) => b.col - 1 + j >= 0 && !sheet.isEmptyAt(r, b.col - 1 + j));
    const colHas = (c: number) =>
      c >= 0 && [...Array(b.rows + 2).keys()].some((i) => b.row - 1 + i >= 0 && !sheet.isEmptyAt(b.row - 1 + i, c));
    const grown: Block[] = [];
    if (rowHas(b.row - 1)) grown.push({ ...b, row: b.row - 1, rows: b.rows + 1 });
    else if (rowHas(b.row + b.rows)) grown.push({ ...b, rows: b.rows + 1 });
    else if (colHas(b.col - 1)) grown.push({ ...b, col: b.col - 1, cols: b.cols + 1 });
    else if (colHas(b.col + b.cols)) grown.push({ ...b, cols: b.cols + 1 });
    if (grown[0] !== undefined) {
      b = grown[0];
      grew = true;
    }
  }
  return b;
}

type Op = { apply: () => void; bytes: number; sheet?: string; write: boolean; check?: () => void };

/** Base of every proxy: loaded properties, pending loads, and the not-loaded guard. */
class Proxy {
  protected loaded = new Map<string, unknown>();
  protected wanted = new Set<string>();
  /** For the …OrNullObject proxies: whether the object is missing, decided at sync (isNullObject). */
  nullCheck: (() => boolean) | undefined;
  constructor(readonly ctx: RequestContext) {}
  /** The request context this object belongs to (Excel.run(object, batch) runs on it). */
  get context(): RequestContext {
    return this.ctx;
  }
  load(props: string | string[]): this {
    for (const p of (Array.isArray(props) ? props : props.split(",")).map((s) => s.trim())) this.wanted.add(p);
    this.ctx.pendingLoads.add(this);
    return this;
  }
  protected got<T>(prop: string): T {
    if (!this.loaded.has(prop))
      throw new Error(`The property '${prop}' is not available. Before reading it, call load() and context.sync().`);
    return this.loaded.get(prop) as T;
  }
  /** Called at sync before anything is applied: throws the error Excel would give for this load. */
  check(): void {}
  /** Called at sync: resolve the wanted properties; returns the response bytes. */
  resolve(): number {
    if (this.nullCheck !== undefined) this.loaded.set("isNullObject", this.nullCheck());
    let bytes = 0;
    for (const p of this.wanted) {
      const v = this.fetch(p);
      this.loaded.set(p, v);
      bytes += JSON.stringify(v ?? null).length + p.length + 4;
    }
    this.wanted.clear();
    return bytes;
  }
  protected fetch(_prop: string): unknown {
    return undefined;
  }
}

export class RequestContext {
  readonly pendingLoads = new Set<Proxy>();
  readonly ops: Op[] = [];
  readonly workbook: WorkbookProxy;
  constructor(readonly book: FakeWorkbook) {
    this.workbook = new WorkbookProxy(this);
  }
  queue(op: Op, member: string): void {
    this.ops.push(op);
    this.book.touched.add(member);
  }
  async sync(): Promise<void> {
    const book = this.book;
    const requestBytes = this.ops.reduce((n, o) => n + o.bytes, 0) + this.pendingLoads.size * 60;
    const stats: BatchStats = { requestBytes, responseBytes: 0, operations: this.ops.length + this.pendingLoads.size };
    book.batches.push(stats);
    const ops = this.ops.splice(0);
    const loads = [...this.pendingLoads];
    this.pendingLoads.clear();
    if (book.cellEditMode) throw officeError("InvalidOperationInCellEditMode", "Excel is in cell-editing mode.");
    if (book.failSync !== undefined && --book.failSync.at === 0) {
      const { code } = book.failSync;
      book.failSync = undefined;
      throw officeError(code, `Simulated ${code}.`);
    }
    const web = book.platform === "web";
    if (web && requestBytes > LIMIT)
      throw officeError("RequestPayloadSizeLimitExceeded", `The request payload size (${requestBytes}) has exceeded the limit.`);
    for (const op of ops) {
      if (op.write && op.sheet !== undefined && book.sheet(op.sheet)?.isProtected)
        throw officeError("AccessDenied", "The cell or chart you're trying to change is protected.");
      op.check?.();
    }
    for (const proxy of loads) proxy.check();
    for (const op of ops) op.apply();
    for (const proxy of loads) stats.responseBytes += proxy.resolve();
    if (web && stats.responseBytes > LIMIT)
      throw officeError("ResponsePayloadSizeLimitExceeded", `The response payload size (${stats.responseBytes}) has exceeded the limit.`);
  }
}

class WorkbookProxy {
  readonly worksheets: WorksheetCollectionProxy;
  readonly settings: SettingsProxy;
  /** Workbook.tables: every Table of the workbook. */
  readonly tables: TableCollectionProxy;
  /** Workbook.protection: the structure protection. */
  readonly protection: PropertyProxy<{ protected: boolean }>;
  /** Workbook.functions: Excel's worksheet functions, evaluated in the workbook (only DATE here). */
  readonly functions: FunctionsProxy;
  constructor(private readonly ctx: RequestContext) {
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.settings = new SettingsProxy(ctx);
    this.tables = new TableCollectionProxy(ctx, () => ctx.book.tables);
    this.protection = new PropertyProxy(ctx, { protected: () => ctx.book.structureProtected });
    this.functions = new FunctionsProxy(ctx);
  }
  getSelectedRange(): RangeProxy {
    this.ctx.book.touched.add("Workbook.getSelectedRange");
    const book = this.ctx.book;
    const { sheet, block } = book.selection;
    const multi = (book.selection.areas?.length ?? 1) > 1;
    const proxy = new RangeProxy(
      this.ctx,
      () => sheet,
      () => block,
    );
    if (multi) proxy.failure = () => officeError("InvalidSelection", "The current selection is invalid for this operation.");
    return proxy;
  }
}

/** Workbook.functions: each call returns a FunctionResult whose `value` (and `error`) is read after load + sync. */
class FunctionsProxy {
  constructor(private readonly ctx: RequestContext) {}
  /** DATE(year, month, day): the serial of that day in the workbook's date system (months and days roll over as in Excel). */
  date(year: number, month: number, day: number): PropertyProxy<{ value: number; error: string | null }> {
    this.ctx.book.touched.add("Workbook.functions.date");
    return new PropertyProxy(this.ctx, {
      value: () => serialOf(Date.UTC(year, month - 1, day), this.ctx.book.dateSystem),
      error: () => null,
    });
  }
}

/** A proxy whose scalar properties are read from the workbook at sync. */
class PropertyProxy<T extends Record<string, unknown>> extends Proxy {
  /** The error Excel would give for this load at sync, if any. */
  failure: (() => Error | undefined) | undefined;
  get isNullObject(): boolean {
    return this.got<boolean>("isNullObject");
  }
  override check(): void {
    const error = this.failure?.();
    if (error !== undefined) throw error;
  }
  constructor(
    ctx: RequestContext,
    private readonly getters: { [K in keyof T]: () => T[K] },
  ) {
    super(ctx);
    for (const key of Object.keys(getters)) Object.defineProperty(this, key, { get: () => this.got(key) });
  }
  protected override fetch(prop: string): unknown {
    return (this.getters as Record<string, () => unknown>)[prop]?.();
  }
}

class WorksheetCollectionProxy extends Proxy {
  /** WorksheetCollection.items after load("items/name"): the sheets in workbook order. */
  get items(): WorksheetProxy[] {
    return this.got<WorksheetProxy[]>("items");
  }
  override resolve(): number {
    // load("items/name"): the sheets in workbook order (hidden ones included, as Excel lists them),
    // each with its name loaded; with "items/visibility" their visibility too.
    this.ctx.book.touched.add("WorksheetCollection.load");
    const names = this.ctx.book.sheets.map((s) => s.name);
    const visibility = this.wanted.has("items/visibility");
    if (visibility) this.ctx.book.touched.add("Worksheet.visibility");
    this.loaded.set(
      "items",
      names.map((name) => {
        const sheet = new WorksheetProxy(this.ctx, () => name);
        sheet.preloadName();
        if (visibility) sheet.preloadVisibility();
        return sheet;
      }),
    );
    this.wanted.clear();
    return JSON.stringify(names).length + 20;
  }
  getActiveWorksheet(): WorksheetProxy {
    this.ctx.book.touched.add("WorksheetCollection.getActiveWorksheet");
    return new WorksheetProxy(this.ctx, () => this.ctx.book.active);
  }
  getItem(name: string): WorksheetProxy {
    this.ctx.book.touched.add("WorksheetCollection.getItem");
    return new WorksheetProxy(this.ctx, () => {
      if (this.ctx.book.sheet(name) === undefined) throw officeError("ItemNotFound", `The requested resource doesn't exist: ${name}`);
      return name;
    });
  }
  getItemOrNullObject(name: string): WorksheetProxy {
    this.ctx.book.touched.add("WorksheetCollection.getItemOrNullObject");
    const proxy = new WorksheetProxy(this.ctx, () => name);
    proxy.nullCheck = () => this.ctx.book.sheet(name) === undefined;
    this.ctx.pendingLoads.add(proxy);
    return proxy;
  }
  add(name: string): WorksheetProxy {
    const book = this.ctx.book;
    this.ctx.queue(
      {
        apply: () => void book.addSheet(name),
        check: () => {
          // Structure protection: no sheet may be added (Review > Protect Workbook).
          if (book.structureProtected) throw officeError("AccessDenied", "The workbook structure is protected: a sheet cannot be added.");
        },
        bytes: 60 + name.length,
        write: true,
      },
      "WorksheetCollection.add",
    );
    return new WorksheetProxy(this.ctx, () => name);
  }
}

type EventRegistration = { remove: () => void; context: RequestContext };

class WorksheetProxy extends Proxy {
  readonly protection: PropertyProxy<{ protected: boolean }>;
  readonly tables: WorksheetTablesProxy;
  readonly onChanged: { add: (h: (e: ChangedEvent) => Promise<void> | void) => EventRegistration };
  readonly onRowSorted: { add: (h: (e: SortedEvent) => Promise<void> | void) => EventRegistration };
  constructor(
    ctx: RequestContext,
    readonly nameOf: () => string,
  ) {
    super(ctx);
    this.tables = new WorksheetTablesProxy(ctx, nameOf);
    this.protection = new PropertyProxy(ctx, { protected: () => ctx.book.sheet(nameOf())?.isProtected ?? false });
    const register = <E>(member: string, list: (s: FakeSheet) => ((e: E) => void)[]) => ({
      add: (handler: (e: E) => Promise<void> | void): EventRegistration => {
        ctx.book.touched.add(member);
        let sheet: FakeSheet | undefined;
        const h = (e: E) => void handler(e);
        ctx.queue(
          {
            apply: () => {
              sheet = ctx.book.sheet(nameOf());
              if (sheet !== undefined) list(sheet).push(h);
            },
            bytes: 60,
            write: false,
          },
          `${member}.add`,
        );
        return {
          context: ctx,
          remove: () =>
            ctx.queue(
              {
                apply: () => {
                  if (sheet === undefined) return;
                  const at = list(sheet).indexOf(h);
                  if (at >= 0) list(sheet).splice(at, 1);
                },
                bytes: 40,
                write: false,
              },
              "EventHandlerResult.remove",
            ),
        };
      },
    });
    this.onChanged = register<ChangedEvent>("Worksheet.onChanged", (s) => s.handlers);
    this.onRowSorted = register<SortedEvent>("Worksheet.onRowSorted", (s) => s.sortHandlers);
  }
  get isNullObject(): boolean {
    return this.got<boolean>("isNullObject");
  }
  get name(): string {
    return this.got<string>("name");
  }
  get visibility(): "Visible" | "Hidden" | "VeryHidden" {
    return this.got<"Visible" | "Hidden" | "VeryHidden">("visibility");
  }
  /** As a collection's load("items/name") leaves it. */
  preloadName(): void {
    this.loaded.set("name", this.nameOf());
  }
  /** As a collection's load("items/visibility") leaves it. */
  preloadVisibility(): void {
    this.loaded.set("visibility", this.ctx.book.sheet(this.nameOf())?.visibility);
  }
  override resolve(): number {
    return super.resolve() + 10;
  }
  protected override fetch(prop: string): unknown {
    if (prop === "name") return this.nameOf();
    if (prop === "visibility") {
      this.ctx.book.touched.add("Worksheet.visibility");
      return this.ctx.book.sheet(this.nameOf())?.visibility;
    }
    return undefined;
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): RangeProxy {
    this.ctx.book.touched.add("Worksheet.getRangeByIndexes");
    return new RangeProxy(this.ctx, this.nameOf, () => ({ row, col, rows, cols }));
  }
  getRange(): RangeProxy {
    this.ctx.book.touched.add("Worksheet.getRange");
    return new RangeProxy(this.ctx, this.nameOf, () => ({ row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLS }));
  }
  getUsedRangeOrNullObject(_valuesOnly?: boolean): RangeProxy {
    this.ctx.book.touched.add("Worksheet.getUsedRangeOrNullObject");
    const sheetOf = () => this.ctx.book.sheet(this.nameOf());
    const proxy = new RangeProxy(this.ctx, this.nameOf, () => sheetOf()?.used() ?? { row: 0, col: 0, rows: 0, cols: 0 });
    proxy.nullCheck = () => sheetOf()?.used() === undefined;
    return proxy;
  }
  activate(): void {
    this.ctx.queue(
      {
        apply: () => {
          this.ctx.book.active = this.nameOf();
        },
        bytes: 40,
        write: false,
      },
      "Worksheet.activate",
    );
  }
}

class RangeProxy extends Proxy {
  readonly format: {
    font: { bold: boolean; color: string };
    columnWidth: number;
    autofitColumns: () => void;
  };
  readonly conditionalFormats: ConditionalFormatCollectionProxy;
  /** Set on a selection Excel cannot give as one range: every load from it fails at sync. */
  failure: (() => Error) | undefined;
  constructor(
    ctx: RequestContext,
    readonly sheetOf: () => string,
    readonly blockOf: () => Block,
  ) {
    super(ctx);
    const range = this;
    const cellFormat = (apply: (f: CellFormat) => void) => () => {
      const sheet = ctx.book.sheet(sheetOf()) as FakeSheet;
      const b = blockOf();
      for (let i = 0; i < Math.min(b.rows, 5000); i++)
        for (let j = 0; j < b.cols; j++) {
          const key = `${b.row + i},${b.col + j}`;
          const f = sheet.formats.get(key) ?? {};
          apply(f);
          sheet.formats.set(key, f);
        }
    };
    this.format = {
      font: {
        set bold(v: boolean) {
          ctx.queue({ apply: cellFormat((f) => (f.bold = v)), bytes: 60, sheet: sheetOf(), write: true }, "RangeFormat.font.bold");
        },
        get bold(): boolean {
          throw new Error("not loaded");
        },
        set color(_v: string) {
          ctx.queue({ apply: () => undefined, bytes: 60, sheet: sheetOf(), write: true }, "RangeFormat.font.color");
        },
        get color(): string {
          throw new Error("not loaded");
        },
      },
      set columnWidth(v: number) {
        ctx.queue(
          {
            apply: () => void (ctx.book.sheet(sheetOf()) as FakeSheet).columnWidths.set(blockOf().col, v),
            bytes: 60,
            sheet: sheetOf(),
            write: true,
          },
          "RangeFormat.columnWidth",
        );
      },
      get columnWidth(): number {
        throw new Error("not loaded");
      },
      autofitColumns: () => ctx.queue({ apply: () => undefined, bytes: 50, sheet: sheetOf(), write: true }, "RangeFormat.autofitColumns"),
    };
    this.conditionalFormats = new ConditionalFormatCollectionProxy(ctx, range);
  }
  override check(): void {
    if (this.failure !== undefined) throw this.failure();
    if (this.wanted.has("values")) {
      const b = this.blockOf();
      if (b.rows * b.cols > this.ctx.book.readCellLimit)
        throw officeError(
          "ResponsePayloadSizeLimitExceeded",
          `A read is limited to ${this.ctx.book.readCellLimit} cells; this range has ${b.rows * b.cols}.`,
        );
    }
  }
  get isNullObject(): boolean {
    return this.got<boolean>("isNullObject");
  }
  get values(): unknown[][] {
    return this.got<unknown[][]>("values");
  }
  set values(values: unknown[][]) {
    const b = this.blockOf();
    if (values.length !== b.rows || values.some((r) => r.length !== b.cols)) {
      throw officeError(
        "InvalidArgument",
        `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${b.rows}×${b.cols}).`,
      );
    }
    const sheetName = this.sheetOf();
    const book = this.ctx.book;
    this.ctx.queue(
      {
        apply: () => {
          const sheet = book.sheet(sheetName) as FakeSheet;
          book.writeCells(sheet, b, values);
          book.emit(() => {
            for (const h of [...sheet.handlers]) h({ address: address(b), changeType: "RangeEdited", source: "Local" });
          });
        },
        bytes: JSON.stringify(values).length + 80,
        sheet: sheetName,
        write: true,
      },
      "Range.values (set)",
    );
  }
  /** One format for every cell, or a matrix of the range's shape. */
  set numberFormat(value: unknown) {
    const sheetName = this.sheetOf();
    const b = this.blockOf();
    const at = (i: number, j: number): string =>
      typeof value === "string"
        ? value
        : String((value as unknown[][])[Array.isArray(value) && value.length === 1 ? 0 : i]?.[j] ?? "General");
    this.ctx.queue(
      {
        apply: () => {
          const sheet = this.ctx.book.sheet(sheetName) as FakeSheet;
          for (let i = 0; i < b.rows; i++)
            for (let j = 0; j < b.cols; j++) {
              const key = `${b.row + i},${b.col + j}`;
              sheet.formats.set(key, { ...(sheet.formats.get(key) ?? {}), numberFormat: at(i, j) });
            }
        },
        bytes: JSON.stringify(value).length + 80,
        sheet: sheetName,
        write: true,
      },
      "Range.numberFormat (set)",
    );
  }
  get rowIndex(): number {
    return this.got<number>("rowIndex");
  }
  get columnIndex(): number {
    return this.got<number>("columnIndex");
  }
  get rowCount(): number {
    return this.got<number>("rowCount");
  }
  get columnCount(): number {
    return this.got<number>("columnCount");
  }
  protected override fetch(prop: string): unknown {
    const b = this.blockOf();
    if (prop === "values") {
      this.ctx.book.touched.add("Range.values (load)");
      return (this.ctx.book.sheet(this.sheetOf()) as FakeSheet).values(b);
    }
    const map: Record<string, number> = { rowIndex: b.row, columnIndex: b.col, rowCount: b.rows, columnCount: b.cols };
    return map[prop];
  }
  /**
   * Range.getMergedAreasOrNullObject (ExcelApi 1.13): the merged areas whose top-left cell is in the
   * range (office-js #3611: areas that only overlap it are not returned, "by design"); a null
   * object when there are none; the call fails when there are more than 512 (its documented
   * limit; the stand-in fails the sync with GeneralException). `address` as RangeAreas gives it:
   * "Sheet1!A2:A4, Sheet1!C5:D5".
   */
  getMergedAreasOrNullObject(): PropertyProxy<{ address: string }> {
    this.ctx.book.touched.add("Range.getMergedAreasOrNullObject");
    const found = (): Block[] => {
      const b = this.blockOf();
      return (this.ctx.book.sheet(this.sheetOf())?.merges ?? []).filter((m) => intersects({ ...m, rows: 1, cols: 1 }, b));
    };
    const sheet = this.sheetOf();
    const areas = new PropertyProxy<{ address: string }>(this.ctx, {
      address: () =>
        found()
          .map((m) => `${sheet}!${formatBlock(m)}`)
          .join(", "),
    });
    areas.nullCheck = () => found().length === 0;
    areas.failure = () =>
      found().length > 512 ? officeError("GeneralException", "There are more than 512 merged areas in the range.") : undefined;
    this.ctx.pendingLoads.add(areas);
    return areas;
  }
  getTables(_fullyContained?: boolean): TableCollectionProxy {
    this.ctx.book.touched.add("Range.getTables");
    const collection = new TableCollectionProxy(this.ctx, () => {
      const sheet = this.sheetOf();
      const b = this.blockOf();
      return this.ctx.book.tables.filter((t) => t.sheet === sheet && intersects(t.block, b));
    });
    collection.failure = this.failure;
    return collection;
  }
  clear(applyTo = "All"): void {
    const sheetName = this.sheetOf();
    const b = this.blockOf();
    this.ctx.queue(
      {
        apply: () => {
          const sheet = this.ctx.book.sheet(sheetName) as FakeSheet;
          for (let i = 0; i < b.rows && b.row + i < sheet.grid.length; i++)
            for (let j = 0; j < b.cols; j++) {
              const key = `${b.row + i},${b.col + j}`;
              if (applyTo !== "Formats" && sheet.grid[b.row + i] !== undefined && b.col + j < (sheet.grid[b.row + i] as unknown[]).length)
                sheet.set(b.row + i, b.col + j, "");
              if (applyTo !== "Contents") sheet.formats.delete(key);
            }
          if (applyTo !== "Contents") {
            // Conditional formats wholly inside the cleared range go with the formats (a partly
            // covered one is kept whole here; Excel would trim its range).
            for (let k = sheet.conditionalFormats.length - 1; k >= 0; k--)
              if (inside((sheet.conditionalFormats[k] as ConditionalFormatRecord).block, b)) sheet.conditionalFormats.splice(k, 1);
          }
        },
        bytes: 80,
        sheet: sheetName,
        write: true,
      },
      "Range.clear",
    );
  }
  select(): void {
    const sheet = this.sheetOf();
    const block = this.blockOf();
    this.ctx.queue(
      {
        apply: () => {
          this.ctx.book.selection = { sheet, block };
        },
        bytes: 60,
        write: false,
      },
      "Range.select",
    );
  }
}

class TableCollectionProxy extends Proxy {
  failure: (() => Error) | undefined;
  constructor(
    ctx: RequestContext,
    private readonly find: () => FakeTable[],
  ) {
    super(ctx);
  }
  override check(): void {
    if (this.failure !== undefined) throw this.failure();
  }
  get items(): TableProxy[] {
    return this.got<TableProxy[]>("items");
  }
  /** TableCollection.getItemOrNullObject: isNullObject after sync when there is no Table of that name. */
  getItemOrNullObject(name: string): TableProxy {
    this.ctx.book.touched.add("TableCollection.getItemOrNullObject");
    const found = () => this.find().find((t) => t.name === name);
    const proxy = new TableProxy(this.ctx, () => found() ?? { name, sheet: "", block: { row: 0, col: 0, rows: 0, cols: 0 } });
    proxy.nullCheck = () => found() === undefined;
    this.ctx.pendingLoads.add(proxy);
    return proxy;
  }
  getItem(name: string): TableProxy {
    this.ctx.book.touched.add("TableCollection.getItem");
    return new TableProxy(this.ctx, () => {
      const t = this.find().find((x) => x.name === name);
      if (t === undefined) throw officeError("ItemNotFound", `The requested resource doesn't exist: ${name}`);
      return t;
    });
  }
  override resolve(): number {
    const tables = this.find();
    this.loaded.set(
      "items",
      tables.map((t) => {
        const table = new TableProxy(this.ctx, () => t);
        table.preload();
        return table;
      }),
    );
    this.wanted.clear();
    return JSON.stringify(tables.map((t) => t.name)).length + 20;
  }
}

/**
 * Worksheet.tables: `add(address, hasHeaders)` converts a range (a Range or an A1 address on this
 * sheet) to a Table named Table1, Table2, … until the add-in sets `name`. As documented ("Create,
 * read, and manage tables", learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-tables, and
 * TableCollection.add): with hasHeaders the range's first row is the header; a range that overlaps
 * another Table cannot become one (the call fails at sync). Only hasHeaders = true is modelled.
 */
class WorksheetTablesProxy extends TableCollectionProxy {
  constructor(
    ctx: RequestContext,
    private readonly sheetOf: () => string,
  ) {
    // Worksheet.tables is a TableCollection of this sheet's Tables (load("items/name") lists them).
    super(ctx, () => ctx.book.tables.filter((t) => t.sheet === sheetOf()));
  }
  add(address: string | RangeProxy, hasHeaders: boolean): TableProxy {
    if (!hasHeaders) throw new Error("The stand-in models tables.add with hasHeaders = true only.");
    const book = this.ctx.book;
    const sheet = this.sheetOf();
    const block = (): Block => {
      if (typeof address !== "string") return address.blockOf();
      const parsed = parseAddress(address);
      if (parsed === undefined) throw new Error(`The stand-in reads A1 addresses only, not ${address}`);
      return parsed;
    };
    const table: FakeTable = { name: `Table${book.tables.length + 1}`, sheet, block: { row: 0, col: 0, rows: 0, cols: 0 } };
    this.ctx.queue(
      {
        check: () => {
          if (book.tables.some((t) => t.sheet === sheet && intersects(t.block, block())))
            throw officeError("InvalidArgument", "A table can't overlap another table.");
        },
        apply: () => {
          table.block = block();
          book.tables.push(table);
        },
        bytes: 80,
        write: true,
      },
      "TableCollection.add",
    );
    return new TableProxy(this.ctx, () => table);
  }
}

class TableProxy extends Proxy {
  readonly columns: TableColumnCollectionProxy;
  constructor(
    ctx: RequestContext,
    private readonly tableOf: () => FakeTable,
  ) {
    super(ctx);
    this.columns = new TableColumnCollectionProxy(ctx, tableOf);
  }
  private get table(): FakeTable {
    return this.tableOf();
  }
  get isNullObject(): boolean {
    return this.got<boolean>("isNullObject");
  }
  preload(): void {
    this.loaded.set("name", this.table.name);
  }
  get name(): string {
    return this.got<string>("name");
  }
  /**
   * Table.name: names are unique in the workbook, across Tables and defined names (Excel refuses a
   * duplicate; the stand-in fails the sync with ItemAlreadyExists, the Office.js error code for
   * "the resource being created already exists", learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-error-handling).
   */
  set name(value: string) {
    const book = this.ctx.book;
    this.ctx.queue(
      {
        check: () => {
          const table = this.table;
          if (book.tables.some((t) => t !== table && t.name.toLowerCase() === value.toLowerCase()))
            throw officeError("ItemAlreadyExists", `A table named ${value} already exists.`);
        },
        apply: () => {
          this.table.name = value;
        },
        bytes: 40 + value.length,
        write: true,
      },
      "Table.name (set)",
    );
  }
  get showTotals(): boolean {
    return this.got<boolean>("showTotals");
  }
  protected override fetch(prop: string): unknown {
    if (prop === "name") return this.table.name;
    if (prop === "showTotals") return this.table.showTotals === true;
    return undefined;
  }
  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.table.sheet);
  }
  private part(member: string, rowsOf: (b: Block, totals: number) => { row: number; rows: number }): RangeProxy {
    this.ctx.book.touched.add(member);
    return new RangeProxy(
      this.ctx,
      () => this.table.sheet,
      () => {
        const b = this.table.block;
        return { ...b, ...rowsOf(b, this.table.showTotals === true ? 1 : 0) };
      },
    );
  }
  getRange(): RangeProxy {
    return this.part("Table.getRange", (b) => ({ row: b.row, rows: b.rows }));
  }
  getHeaderRowRange(): RangeProxy {
    return this.part("Table.getHeaderRowRange", (b) => ({ row: b.row, rows: 1 }));
  }
  getDataBodyRange(): RangeProxy {
    return this.part("Table.getDataBodyRange", (b, totals) => ({ row: b.row + 1, rows: b.rows - 1 - totals }));
  }
  getTotalRowRange(): RangeProxy {
    return this.part("Table.getTotalRowRange", (b) => ({ row: b.row + b.rows - 1, rows: 1 }));
  }
}

class TableColumnCollectionProxy extends Proxy {
  constructor(
    ctx: RequestContext,
    private readonly tableOf: () => FakeTable,
  ) {
    super(ctx);
  }
  /** TableColumnCollection.add(index, values, name): here at the right edge only (index null), as the add-in uses it. */
  add(index: number | null | undefined, values?: unknown[][], name?: string): void {
    if (index !== null && index !== undefined) throw new Error("The stand-in adds Table columns at the end only.");
    const book = this.ctx.book;
    this.ctx.queue(
      {
        apply: () => {
          const t = this.tableOf();
          const sheet = book.sheet(t.sheet) as FakeSheet;
          const col = t.block.col + t.block.cols;
          // Cells right of the Table in its rows move one column right (the column is inserted).
          for (let i = 0; i < t.block.rows; i++) {
            const r = sheet.grid[t.block.row + i];
            if (r !== undefined && r.length > col) r.splice(col, 0, "");
          }
          t.block = { ...t.block, cols: t.block.cols + 1 };
          sheet.set(t.block.row, col, name ?? `Column${t.block.cols}`);
          values?.forEach((r, i) => sheet.enter(t.block.row + i, col, r[0]));
        },
        bytes: 80 + JSON.stringify(values ?? null).length,
        sheet: this.tableOf().sheet,
        write: true,
      },
      "TableColumnCollection.add",
    );
  }
  /** TableColumnCollection.getItemOrNullObject(name): a column proxy, isNullObject after sync when there is none. */
  getItemOrNullObject(name: string): TableColumnProxy {
    this.ctx.book.touched.add("TableColumnCollection.getItemOrNullObject");
    const proxy = new TableColumnProxy(this.ctx, this.tableOf, name);
    proxy.nullCheck = () => proxy.index() < 0;
    this.ctx.pendingLoads.add(proxy);
    return proxy;
  }
}

class TableColumnProxy extends Proxy {
  constructor(
    ctx: RequestContext,
    private readonly tableOf: () => FakeTable,
    private readonly heading: string,
  ) {
    super(ctx);
  }
  index(): number {
    const t = this.tableOf();
    return (this.ctx.book.sheet(t.sheet) as FakeSheet).values({ ...t.block, rows: 1 })[0]?.findIndex((h) => h === this.heading) ?? -1;
  }
  get isNullObject(): boolean {
    return this.got<boolean>("isNullObject");
  }
  protected override fetch(prop: string): unknown {
    return prop === "name" ? this.heading : undefined;
  }
  /** Deleting a Table column removes its cells: the cells right of it (in the Table's rows) move left. */
  delete(): void {
    const book = this.ctx.book;
    this.ctx.queue(
      {
        apply: () => {
          const j = this.index();
          if (j < 0) throw officeError("ItemNotFound", `The requested resource doesn't exist: ${this.heading}`);
          const t = this.tableOf();
          const sheet = book.sheet(t.sheet) as FakeSheet;
          const col = t.block.col + j;
          for (let i = 0; i < t.block.rows; i++) {
            const r = sheet.grid[t.block.row + i];
            if (r !== undefined && r.length > col) r.splice(col, 1);
            sheet.formats.delete(`${t.block.row + i},${col}`);
          }
          t.block = { ...t.block, cols: t.block.cols - 1 };
        },
        bytes: 60,
        sheet: this.tableOf().sheet,
        write: true,
      },
      "TableColumn.delete",
    );
  }
}

class ConditionalFormatCollectionProxy extends Proxy {
  constructor(
    ctx: RequestContext,
    private readonly range: RangeProxy,
  ) {
    super(ctx);
  }
  get items(): ConditionalFormatProxy[] {
    return this.got<ConditionalFormatProxy[]>("items");
  }
  private records(): ConditionalFormatRecord[] {
    const sheet = this.ctx.book.sheet(this.range.sheetOf()) as FakeSheet;
    const b = this.range.blockOf();
    return sheet.conditionalFormats.filter((cf) => intersects(cf.block, b));
  }
  override check(): void {
    // office-js #2180: a type-specific path fails when any item is of another type.
    const typed = [...this.wanted].find((p) => /^items\/(textComparison|custom|colorScale|dataBar)\//.test(p));
    if (typed === undefined) return;
    const kind = typed.split("/")[1] as string;
    const wantType = { textComparison: "ContainsText", custom: "Custom", colorScale: "ColorScale", dataBar: "DataBar" }[kind];
    if (this.records().some((r) => r.type !== wantType))
      throw officeError("InvalidOperation", "This operation is not permitted for the current object.");
  }
  override resolve(): number {
    const records = this.records();
    const items = records.map((cf) => new ConditionalFormatProxy(this.ctx, this.range, cf));
    for (const item of items) item.preload([...this.wanted]);
    this.loaded.set("items", items);
    this.wanted.clear();
    return JSON.stringify(records.map((r) => [r.type, r.rule])).length + 20;
  }
  add(type: string): ConditionalFormatProxy {
    const record: ConditionalFormatRecord = { id: 0, block: this.range.blockOf(), type };
    const sheetName = this.range.sheetOf();
    this.ctx.queue(
      {
        apply: () => {
          const sheet = this.ctx.book.sheet(sheetName) as FakeSheet;
          record.id = Math.max(0, ...sheet.conditionalFormats.map((cf) => cf.id)) + 1;
          sheet.conditionalFormats.push(record);
        },
        bytes: 120,
        sheet: sheetName,
        write: true,
      },
      "ConditionalFormatCollection.add",
    );
    return new ConditionalFormatProxy(this.ctx, this.range, record);
  }
}

class ConditionalFormatProxy extends Proxy {
  readonly textComparison: {
    format: { fill: { color: string }; font: { color: string } };
    rule: { operator: string; text: string };
    load: (props: string) => void;
  };
  constructor(
    ctx: RequestContext,
    private readonly range: RangeProxy,
    private readonly record: ConditionalFormatRecord,
  ) {
    super(ctx);
    const rec = record;
    const self = this;
    const queue = (member: string, apply: () => void) => ctx.queue({ apply, bytes: 80, sheet: range.sheetOf(), write: true }, member);
    const text = new (class extends Proxy {
      override check(): void {
        if (rec.type !== "ContainsText") throw officeError("InvalidOperation", "This operation is not permitted for the current object.");
      }
      protected override fetch(prop: string): unknown {
        return prop === "rule" ? { ...(rec.rule ?? { operator: "", text: "" }) } : undefined;
      }
      ruleLoaded(): { operator: string; text: string } {
        return this.got("rule");
      }
      preloadRule(): void {
        this.loaded.set("rule", rec.rule === undefined ? undefined : { ...rec.rule });
      }
    })(ctx);
    this.textProxy = text;
    this.textComparison = {
      format: {
        fill: {
          set color(v: string) {
            queue("TextConditionalFormat.format.fill.color", () => (rec.fill = v));
          },
          get color(): string {
            throw new Error("not loaded");
          },
        },
        font: {
          set color(v: string) {
            queue("TextConditionalFormat.format.font.color", () => (rec.font = v));
          },
          get color(): string {
            throw new Error("not loaded");
          },
        },
      },
      set rule(v: { operator: string; text: string }) {
        queue("TextConditionalFormat.rule", () => (rec.rule = { ...v }));
      },
      get rule(): { operator: string; text: string } {
        if (self.record.type !== "ContainsText") throw new Error("The property 'rule' is not available on a format of this type.");
        return text.ruleLoaded();
      },
      load: (props: string) => void text.load(props),
    };
  }
  private readonly textProxy: Proxy & { preloadRule(): void };
  /** What a collection's load("items/…") left loaded on this item. */
  preload(paths: string[]): void {
    if (paths.some((p) => p === "items/type" || p === "type" || p === "items")) this.loaded.set("type", this.record.type);
    if (paths.some((p) => p.startsWith("items/textComparison"))) this.textProxy.preloadRule();
  }
  protected override fetch(prop: string): unknown {
    return prop === "type" ? this.record.type : undefined;
  }
  get type(): string {
    return this.got<string>("type");
  }
  delete(): void {
    const sheetName = this.range.sheetOf();
    this.ctx.queue(
      {
        apply: () => {
          const list = (this.ctx.book.sheet(sheetName) as FakeSheet).conditionalFormats;
          const at = list.indexOf(this.record);
          if (at >= 0) list.splice(at, 1);
        },
        bytes: 60,
        sheet: sheetName,
        write: true,
      },
      "ConditionalFormat.delete",
    );
  }
}

class SettingsProxy {
  constructor(private readonly ctx: RequestContext) {}
  getItemOrNullObject(key: string): SettingProxy {
    this.ctx.book.touched.add("SettingCollection.getItemOrNullObject");
    return new SettingProxy(this.ctx, key);
  }
  add(key: string, value: unknown): void {
    const book = this.ctx.book;
    this.ctx.queue(
      {
        // Microsoft allows an add-in 2 MB of settings per document ("We only support 2MB maximum for
        // settings", office-js#621); beyond, Excel refuses the write as office-js#3957 reports it.
        check: () => {
          const others = [...book.settings].filter(([k]) => k !== key);
          const total = [...others, [key, value] as const].reduce((n, [k, v]) => n + k.length + JSON.stringify(v).length, 0);
          if (total > SETTINGS_LIMIT)
            throw officeError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
        },
        apply: () => void book.settings.set(key, value),
        bytes: JSON.stringify(value).length + key.length + 40,
        write: false,
      },
      "SettingCollection.add",
    );
  }
}

class SettingProxy extends Proxy {
  constructor(
    ctx: RequestContext,
    private readonly key: string,
  ) {
    super(ctx);
    this.nullCheck = () => !this.ctx.book.settings.has(this.key);
  }
  get isNullObject(): boolean {
    return this.got<boolean>("isNullObject");
  }
  get value(): unknown {
    return this.got<unknown>("value");
  }
  protected override fetch(prop: string): unknown {
    return prop === "value" ? this.ctx.book.settings.get(this.key) : undefined;
  }
}

/** Installs the stand-in as the global `Excel` and returns the workbook. */
export function installFakeExcel(book = new FakeWorkbook()): FakeWorkbook {
  const g = globalThis as unknown as Record<string, unknown>;
  g.Excel = book.api();
  // Office.context.requirements.isSetSupported("ExcelApi", "1.13"): as the book's excelApi says
  // (learn.microsoft.com/office/dev/add-ins/develop/specify-api-requirements-runtime).
  g.Office = {
    // Office.onReady() without a callback returns a promise of the host and platform, resolved once
    // Office.js is initialised (learn.microsoft.com/javascript/api/office#office-office-onready-function(1)).
    onReady: () => Promise.resolve({ host: "Excel", platform: "PC" }),
    context: {
      requirements: {
        isSetSupported: (name: string, version?: string) => name === "ExcelApi" && minor(version ?? "1.1") <= minor(book.excelApi),
      },
    },
  };
  return book;
}

const minor = (version: string): number => Number(version.split(".")[1] ?? 0);
