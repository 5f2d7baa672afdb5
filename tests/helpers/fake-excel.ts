/**
 * An in-memory stand-in for the part of the Excel JavaScript API the add-in uses, with Office's
 * proxy semantics: properties can be read only after load() + sync(); writes are queued and
 * applied at sync(), all or nothing. It counts syncs and measures each request's and response's
 * JSON size, and refuses a batch over 5 MB as Excel on the web does. Used by the unit tests of
 * excel-io.ts and bundled as the office.js replacement of the browser test.
 */

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

interface ConditionalFormatRecord {
  id: number;
  block: Block;
  type: string;
  rule?: { operator: string; text: string };
  fill?: string;
  font?: string;
}

export class FakeSheet {
  grid: unknown[][] = [];
  readonly formats = new Map<string, { bold?: boolean; numberFormat?: string }>();
  readonly conditionalFormats: ConditionalFormatRecord[] = [];
  readonly columnWidths = new Map<number, number>();
  isProtected = false;
  readonly handlers: ((e: { address: string; changeType: string; source: string }) => void)[] = [];
  constructor(public name: string) {}

  get(row: number, col: number): unknown {
    return this.grid[row]?.[col] ?? "";
  }
  set(row: number, col: number, value: unknown): void {
    while (this.grid.length <= row) this.grid.push([]);
    const r = this.grid[row] as unknown[];
    while (r.length <= col) r.push("");
    r[col] = value ?? "";
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
}

export interface FakeTable {
  name: string;
  sheet: string;
  block: Block;
}

const LIMIT = 5 * 1024 * 1024;

function officeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, name: "RichApi.Error" });
}

const letters = (c: number): string => {
  let n = c + 1;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};
const address = (b: Block): string => `${letters(b.col)}${b.row + 1}:${letters(b.col + b.cols - 1)}${b.row + b.rows}`;
const intersects = (a: Block, b: Block): boolean =>
  a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;

export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  readonly settings = new Map<string, unknown>();
  active = "";
  selection: { sheet: string; block: Block } = { sheet: "", block: { row: 0, col: 0, rows: 1, cols: 1 } };
  /** Simulates a cell being edited in the grid: every sync fails as it does in Excel. */
  cellEditMode = false;
  /** Makes the sync with this number (1-based, counted from now) fail with an Excel error code. */
  failSync: { at: number; code: string } | undefined;
  readonly batches: BatchStats[] = [];
  /** Names of the Excel API members the add-in touched (what TESTING.md must check in real Excel). */
  readonly touched = new Set<string>();

  addSheet(name: string, rows: unknown[][] = []): FakeSheet {
    const sheet = new FakeSheet(name);
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
  get syncs(): number {
    return this.batches.length;
  }
  /** A user's edit in the grid: changes the values and raises onChanged like Excel. */
  userEdit(sheetName: string, row: number, col: number, values: unknown[][]): void {
    const sheet = this.sheet(sheetName) as FakeSheet;
    values.forEach((r, i) => r.forEach((v, j) => sheet.set(row + i, col + j, v)));
    const addr = address({ row, col, rows: values.length, cols: values[0]?.length ?? 1 });
    for (const h of sheet.handlers) h({ address: addr, changeType: "RangeEdited", source: "Local" });
  }

  /** The `Excel` namespace to install as a global. */
  api(): Record<string, unknown> {
    const workbook = this;
    return {
      run: async <T>(a: unknown, b?: (ctx: RequestContext) => Promise<T>): Promise<T> => {
        const batch = (typeof a === "function" ? a : b) as (ctx: RequestContext) => Promise<T>;
        return batch(new RequestContext(workbook));
      },
      ConditionalFormatType: { containsText: "ContainsText" },
      ConditionalTextOperator: { beginsWith: "BeginsWith", contains: "Contains" },
      ClearApplyTo: { all: "All", contents: "Contents", formats: "Formats" },
      DataChangeType: { rangeEdited: "RangeEdited", unknown: "Unknown", rowInserted: "RowInserted", rowDeleted: "RowDeleted" },
    };
  }
}

type Op = { apply: () => void; bytes: number; sheet?: string; write: boolean };

/** Base of every proxy: loaded properties, pending loads, and the not-loaded guard. */
class Proxy {
  protected loaded = new Map<string, unknown>();
  protected wanted = new Set<string>();
  /** For the …OrNullObject proxies: whether the object is missing, decided at sync (isNullObject). */
  nullCheck: (() => boolean) | undefined;
  constructor(protected readonly ctx: RequestContext) {}
  load(props: string): this {
    for (const p of props.split(",")) this.wanted.add(p.trim());
    this.ctx.pendingLoads.add(this);
    return this;
  }
  protected got<T>(prop: string): T {
    if (!this.loaded.has(prop))
      throw new Error(`The property '${prop}' is not available. Before reading it, call load() and context.sync().`);
    return this.loaded.get(prop) as T;
  }
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
    if (requestBytes > LIMIT)
      throw officeError("RequestPayloadSizeLimitExceeded", `The request payload size (${requestBytes}) has exceeded the limit.`);
    for (const op of ops) {
      if (op.write && op.sheet !== undefined && book.sheet(op.sheet)?.isProtected)
        throw officeError("AccessDenied", "The cell or chart you're trying to change is protected.");
    }
    for (const op of ops) op.apply();
    for (const proxy of loads) stats.responseBytes += proxy.resolve();
    if (stats.responseBytes > LIMIT)
      throw officeError("ResponsePayloadSizeLimitExceeded", `The response payload size (${stats.responseBytes}) has exceeded the limit.`);
  }
}

class WorkbookProxy {
  readonly worksheets: WorksheetCollectionProxy;
  readonly settings: SettingsProxy;
  /** Workbook.tables: every Table of the workbook. */
  readonly tables: TableCollectionProxy;
  constructor(private readonly ctx: RequestContext) {
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.settings = new SettingsProxy(ctx);
    this.tables = new TableCollectionProxy(ctx, () => ctx.book.tables);
  }
  getSelectedRange(): RangeProxy {
    this.ctx.book.touched.add("Workbook.getSelectedRange");
    const { sheet, block } = this.ctx.book.selection;
    return new RangeProxy(
      this.ctx,
      () => sheet,
      () => block,
    );
  }
}

class WorksheetCollectionProxy extends Proxy {
  /** WorksheetCollection.items after load("items/name"): the sheets in workbook order. */
  get items(): WorksheetProxy[] {
    return this.got<WorksheetProxy[]>("items");
  }
  override resolve(): number {
    // load("items/name"): the sheets in workbook order, each with its name loaded.
    this.ctx.book.touched.add("WorksheetCollection.load");
    const names = this.ctx.book.sheets.map((s) => s.name);
    this.loaded.set(
      "items",
      names.map((name) => {
        const sheet = new WorksheetProxy(this.ctx, () => name);
        sheet.preloadName();
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
    this.ctx.queue({ apply: () => void this.ctx.book.addSheet(name), bytes: 60 + name.length, write: true }, "WorksheetCollection.add");
    return new WorksheetProxy(this.ctx, () => name);
  }
}

class WorksheetProxy extends Proxy {
  readonly protection: { load: (p: string) => unknown; readonly protected: boolean };
  readonly onChanged: {
    add: (h: (e: { address: string; changeType: string; source: string }) => Promise<void> | void) => {
      remove: () => void;
      context: RequestContext;
    };
  };
  constructor(
    ctx: RequestContext,
    readonly nameOf: () => string,
  ) {
    super(ctx);
    const self = this;
    const protection = new (class extends Proxy {
      protected override fetch(): unknown {
        return ctx.book.sheet(self.nameOf())?.isProtected ?? false;
      }
      get protected(): boolean {
        return this.got<boolean>("protected");
      }
    })(ctx);
    this.protection = protection;
    this.onChanged = {
      add: (handler) => {
        ctx.book.touched.add("Worksheet.onChanged");
        let sheet: FakeSheet | undefined;
        const h = (e: { address: string; changeType: string; source: string }) => void handler(e);
        ctx.queue(
          {
            apply: () => {
              sheet = ctx.book.sheet(self.nameOf());
              sheet?.handlers.push(h);
            },
            bytes: 60,
            write: false,
          },
          "Worksheet.onChanged.add",
        );
        return {
          context: ctx,
          remove: () =>
            ctx.queue(
              {
                apply: () => {
                  if (sheet !== undefined) sheet.handlers.splice(sheet.handlers.indexOf(h), 1);
                },
                bytes: 40,
                write: false,
              },
              "EventHandlerResult.remove",
            ),
        };
      },
    };
  }
  get isNullObject(): boolean {
    return this.got<boolean>("isNullObject");
  }
  get name(): string {
    return this.got<string>("name");
  }
  /** As a collection's load("items/name") leaves it. */
  preloadName(): void {
    this.loaded.set("name", this.nameOf());
  }
  override resolve(): number {
    return super.resolve() + 10;
  }
  protected override fetch(prop: string): unknown {
    if (prop === "name") return this.nameOf();
    return undefined;
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): RangeProxy {
    this.ctx.book.touched.add("Worksheet.getRangeByIndexes");
    return new RangeProxy(this.ctx, this.nameOf, () => ({ row, col, rows, cols }));
  }
  getRange(): RangeProxy {
    this.ctx.book.touched.add("Worksheet.getRange");
    return new RangeProxy(this.ctx, this.nameOf, () => ({ row: 0, col: 0, rows: 1_048_576, cols: 16_384 }));
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
  constructor(
    ctx: RequestContext,
    readonly sheetOf: () => string,
    readonly blockOf: () => Block,
  ) {
    super(ctx);
    const range = this;
    const cellFormat = (apply: (f: { bold?: boolean; numberFormat?: string }) => void) => () => {
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
    this.ctx.queue(
      {
        apply: () => {
          const sheet = this.ctx.book.sheet(sheetName) as FakeSheet;
          values.forEach((r, i) => r.forEach((v, j) => sheet.set(b.row + i, b.col + j, v)));
          for (const h of sheet.handlers) h({ address: address(b), changeType: "RangeEdited", source: "Local" });
        },
        bytes: JSON.stringify(values).length + 80,
        sheet: sheetName,
        write: true,
      },
      "Range.values (set)",
    );
  }
  set numberFormat(value: unknown) {
    const fmt = typeof value === "string" ? value : String((value as unknown[][])[0]?.[0]);
    const sheetName = this.sheetOf();
    const b = this.blockOf();
    this.ctx.queue(
      {
        apply: () => {
          const sheet = this.ctx.book.sheet(sheetName) as FakeSheet;
          for (let i = 0; i < b.rows; i++) {
            const key = `${b.row + i},${b.col}`;
            sheet.formats.set(key, { ...(sheet.formats.get(key) ?? {}), numberFormat: fmt });
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
  getTables(_fullyContained?: boolean): TableCollectionProxy {
    this.ctx.book.touched.add("Range.getTables");
    return new TableCollectionProxy(this.ctx, () => {
      const sheet = this.sheetOf();
      const b = this.blockOf();
      return this.ctx.book.tables.filter((t) => t.sheet === sheet && intersects(t.block, b));
    });
  }
  clear(_applyTo?: string): void {
    const sheetName = this.sheetOf();
    const b = this.blockOf();
    this.ctx.queue(
      {
        apply: () => {
          const sheet = this.ctx.book.sheet(sheetName) as FakeSheet;
          for (let i = 0; i < b.rows && b.row + i < sheet.grid.length; i++)
            for (let j = 0; j < b.cols; j++) {
              if (sheet.grid[b.row + i] !== undefined && b.col + j < (sheet.grid[b.row + i] as unknown[]).length)
                sheet.set(b.row + i, b.col + j, "");
              sheet.formats.delete(`${b.row + i},${b.col + j}`);
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
  constructor(
    ctx: RequestContext,
    private readonly find: () => FakeTable[],
  ) {
    super(ctx);
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

class TableProxy extends Proxy {
  constructor(
    ctx: RequestContext,
    private readonly tableOf: () => FakeTable,
  ) {
    super(ctx);
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
  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.table.sheet);
  }
  getRange(): RangeProxy {
    this.ctx.book.touched.add("Table.getRange");
    return new RangeProxy(
      this.ctx,
      () => this.table.sheet,
      () => this.table.block,
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
  override load(props: string): this {
    return super.load(props.includes("items") ? "items" : props);
  }
  override resolve(): number {
    const sheet = this.ctx.book.sheet(this.range.sheetOf()) as FakeSheet;
    const b = this.range.blockOf();
    const records = sheet.conditionalFormats.filter((cf) => intersects(cf.block, b));
    this.loaded.set(
      "items",
      records.map((cf) => new ConditionalFormatProxy(this.ctx, this.range, cf)),
    );
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
          record.id = sheet.conditionalFormats.length + 1;
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

class ConditionalFormatProxy {
  readonly textComparison: { format: { fill: { color: string }; font: { color: string } }; rule: { operator: string; text: string } };
  constructor(
    private readonly ctx: RequestContext,
    private readonly range: RangeProxy,
    private readonly record: ConditionalFormatRecord,
  ) {
    const rec = record;
    const queue = (member: string, apply: () => void) => ctx.queue({ apply, bytes: 80, sheet: range.sheetOf(), write: true }, member);
    this.textComparison = {
      format: {
        fill: {
          set color(v: string) {
            queue("TextConditionalFormat.format.fill.color", () => (rec.fill = v));
          },
          get color(): string {
            return rec.fill ?? "";
          },
        },
        font: {
          set color(v: string) {
            queue("TextConditionalFormat.format.font.color", () => (rec.font = v));
          },
          get color(): string {
            return rec.font ?? "";
          },
        },
      },
      set rule(v: { operator: string; text: string }) {
        queue("TextConditionalFormat.rule", () => (rec.rule = { ...v }));
      },
      get rule(): { operator: string; text: string } {
        if (rec.rule === undefined) throw new Error("not loaded");
        return rec.rule;
      },
    };
  }
  get type(): string {
    return this.record.type;
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
    this.ctx.queue(
      { apply: () => void this.ctx.book.settings.set(key, value), bytes: JSON.stringify(value).length + key.length + 40, write: false },
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

/** Installs the stand-in as the global `Excel` (and a minimal `Office`) and returns the workbook. */
export function installFakeExcel(book = new FakeWorkbook()): FakeWorkbook {
  const g = globalThis as unknown as Record<string, unknown>;
  g.Excel = book.api();
  return book;
}
