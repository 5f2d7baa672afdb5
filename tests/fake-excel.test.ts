/**
 * Tests of the Excel stand-in itself (tests/helpers/fake-excel.ts): each documented Excel behaviour
 * it models, called the way Office.js code calls it. A stand-in that drifts from Excel would let
 * the task pane's tests pass for the wrong reason.
 */
import { FakeWorkbook, installFakeExcel, parseTyped, type ChangedEvent, type SortedEvent } from "./helpers/fake-excel";

/* eslint-disable @typescript-eslint/no-explicit-any -- the stand-in is driven through the untyped global, as Office.js code would */
type Ctx = any;
const run = <T>(batch: (context: Ctx) => Promise<T>): Promise<T> => (globalThis as any).Excel.run(batch);
const runOn = <T>(object: unknown, batch: (context: Ctx) => Promise<T>): Promise<T> => (globalThis as any).Excel.run(object, batch);
/* eslint-enable @typescript-eslint/no-explicit-any */

function book(rows: unknown[][] = []): FakeWorkbook {
  const b = installFakeExcel(new FakeWorkbook());
  b.addSheet("S", rows);
  return b;
}
const sheetOf = (b: FakeWorkbook) => b.sheet("S") as NonNullable<ReturnType<FakeWorkbook["sheet"]>>;

describe("Excel stand-in: sorting", () => {
  const rows = [
    ["Member", "Code", "", "Status"],
    ["M3", "G9008", "", "ERROR"],
    ["M1", "G9012", "", "OK"],
    ["M2", "G9008", "", "WARN"],
  ];

  it("expands a plain range's sort to the contiguous block, so the columns beside the data move with their rows", () => {
    // Column C is empty in every row, so D is not part of A:B's block and stays put …
    const b = book(rows);
    b.userSort("S", { row: 1, col: 0 }, 0);
    expect(sheetOf(b).values({ row: 0, col: 0, rows: 4, cols: 4 })).toEqual([
      ["Member", "Code", "", "Status"],
      ["M1", "G9012", "", "ERROR"],
      ["M2", "G9008", "", "OK"],
      ["M3", "G9008", "", "WARN"],
    ]);
    // … while a status column right beside the data moves with its rows.
    const joined = book(rows.map((r) => [r[0], r[1], r[3]]));
    joined.userSort("S", { row: 2, col: 1 }, 0, true);
    expect(sheetOf(joined).values({ row: 1, col: 0, rows: 3, cols: 3 })).toEqual([
      ["M3", "G9008", "ERROR"],
      ["M2", "G9008", "WARN"],
      ["M1", "G9012", "OK"],
    ]);
  });

  it("sorts only a Table's data body, leaving columns outside the Table and its totals row in place; raises onRowSorted, not onChanged", async () => {
    const b = book([...rows.map((r) => [r[0], r[1], r[3]]), ["Total", "", ""]]);
    b.addTable("T", "S", { row: 0, col: 0, rows: 5, cols: 2 }, true);
    const changed: ChangedEvent[] = [];
    const sorted: SortedEvent[] = [];
    sheetOf(b).handlers.push((e) => changed.push(e));
    sheetOf(b).sortHandlers.push((e) => sorted.push(e));
    b.userSort("S", { row: 1, col: 0 }, 0);
    expect(sorted).toEqual([]); // not yet: events arrive later
    await b.settled();
    expect(sheetOf(b).values({ row: 1, col: 0, rows: 4, cols: 3 })).toEqual([
      ["M1", "G9012", "ERROR"],
      ["M2", "G9008", "OK"],
      ["M3", "G9008", "WARN"],
      ["Total", "", ""],
    ]);
    expect(sorted).toEqual([{ address: "A2:B4", source: "Local" }]);
    expect(changed).toEqual([]);
  });
});

describe("Excel stand-in: inserting and deleting rows", () => {
  it("shifts cells, formats, conditional formats and Tables below, and raises onChanged with the change type after the edit", async () => {
    const b = book([["h"], ["a"], ["b"], ["c"]]);
    const s = sheetOf(b);
    s.formats.set("2,0", { bold: true });
    s.conditionalFormats.push({ id: 1, block: { row: 1, col: 0, rows: 3, cols: 1 }, type: "ContainsText" });
    b.addTable("T", "S", { row: 0, col: 0, rows: 4, cols: 1 });
    const events: ChangedEvent[] = [];
    s.handlers.push((e) => events.push(e));
    b.userInsertRows("S", 2, 2);
    expect(s.values({ row: 0, col: 0, rows: 6, cols: 1 }).flat()).toEqual(["h", "a", "", "", "b", "c"]);
    expect(s.formats.get("4,0")).toEqual({ bold: true });
    expect(s.conditionalFormats[0]?.block).toEqual({ row: 1, col: 0, rows: 5, cols: 1 });
    expect(b.tables[0]?.block).toEqual({ row: 0, col: 0, rows: 6, cols: 1 });
    b.userDeleteRows("S", 1, 1);
    expect(s.values({ row: 0, col: 0, rows: 5, cols: 1 }).flat()).toEqual(["h", "", "", "b", "c"]);
    expect(s.conditionalFormats[0]?.block).toEqual({ row: 1, col: 0, rows: 4, cols: 1 });
    expect(events).toEqual([]);
    await b.settled();
    expect(events).toEqual([
      { address: "3:4", changeType: "RowInserted", source: "Local" },
      { address: "2:2", changeType: "RowDeleted", source: "Local" },
    ]);
  });
});

describe("Excel stand-in: Tables", () => {
  const table = () => {
    const b = book([
      ["Member", "Code"],
      ["M1", "G9008"],
      ["Total", ""],
    ]);
    b.addTable("T", "S", { row: 0, col: 0, rows: 3, cols: 2 }, true);
    return b;
  };

  it("gives the header row, data body and totals row ranges", async () => {
    const b = table();
    const ranges = await run(async (context) => {
      const t = context.workbook.tables.getItem("T");
      const parts = [t.getRange(), t.getHeaderRowRange(), t.getDataBodyRange(), t.getTotalRowRange()];
      for (const p of parts) p.load("values");
      t.load("showTotals");
      await context.sync();
      const totals: boolean = t.showTotals;
      return { values: parts.map((p) => p.values), totals };
    });
    expect(ranges.values).toEqual([
      [
        ["Member", "Code"],
        ["M1", "G9008"],
        ["Total", ""],
      ],
      [["Member", "Code"]],
      [["M1", "G9008"]],
      [["Total", ""]],
    ]);
    expect(ranges.totals).toBe(true);
    expect(b.tables[0]?.block.rows).toBe(3);
  });

  it("grows down over values written directly below it, and right over a column entered beside it only when AutoExpand is on", async () => {
    const b = book([["Member"], ["M1"]]);
    b.addTable("T", "S", { row: 0, col: 0, rows: 2, cols: 1 });
    await run(async (context) => {
      context.workbook.worksheets.getItem("S").getRangeByIndexes(2, 0, 1, 1).values = [["M2"]];
      await context.sync();
    });
    expect(b.tables[0]?.block).toEqual({ row: 0, col: 0, rows: 3, cols: 1 });
    b.userEdit("S", 0, 1, [["Note"]]);
    expect(b.tables[0]?.block.cols).toBe(2);
    b.autoExpandTables = false;
    b.userEdit("S", 0, 2, [["Other"]]);
    expect(b.tables[0]?.block.cols).toBe(2);
  });

  it("adds a Table column at the right edge with columns.add, and deletes it by name", async () => {
    const b = book([
      ["Member", "", "mine"],
      ["M1", "", "x"],
    ]);
    b.autoExpandTables = false;
    b.addTable("T", "S", { row: 0, col: 0, rows: 2, cols: 1 });
    await run(async (context) => {
      context.workbook.tables.getItem("T").columns.add(null, undefined, "ECM Status");
      await context.sync();
    });
    expect(b.tables[0]?.block.cols).toBe(2);
    expect(sheetOf(b).values({ row: 0, col: 0, rows: 2, cols: 4 })).toEqual([
      ["Member", "ECM Status", "", "mine"],
      ["M1", "", "", "x"],
    ]);
    await run(async (context) => {
      const columns = ["ECM Status", "Not there"].map((name) => context.workbook.tables.getItem("T").columns.getItemOrNullObject(name));
      for (const column of columns) column.load("name");
      await context.sync();
      expect(columns.map((c) => c.isNullObject)).toEqual([false, true]);
      columns[0].delete();
      await context.sync();
    });
    expect(b.tables[0]?.block.cols).toBe(1);
    expect(sheetOf(b).values({ row: 0, col: 0, rows: 1, cols: 3 })).toEqual([["Member", "", "mine"]]);
  });
});

describe("Excel stand-in: conditional formats", () => {
  const withFormats = () => {
    const b = book([["x"], ["OK"]]);
    const s = sheetOf(b);
    s.conditionalFormats.push({
      id: 1,
      block: { row: 1, col: 0, rows: 1, cols: 1 },
      type: "ContainsText",
      rule: { operator: "BeginsWith", text: "OK" },
    });
    s.conditionalFormats.push({ id: 2, block: { row: 0, col: 0, rows: 2, cols: 2 }, type: "ColorScale" });
    return b;
  };

  it("needs `type` loaded before it is read", async () => {
    withFormats();
    await expect(
      run(async (context) => {
        const cfs = context.workbook.worksheets.getItem("S").getRangeByIndexes(1, 0, 1, 1).conditionalFormats;
        cfs.load("items");
        await context.sync();
        return cfs.items.map((cf: { type: string }) => cf.type);
      }),
    ).resolves.toEqual(["ContainsText", "ColorScale"]);
    await expect(
      run(async (context) => {
        const cf = context.workbook.worksheets.getItem("S").getRangeByIndexes(1, 0, 1, 1).conditionalFormats.add("ContainsText");
        await context.sync();
        const fresh = context.workbook.worksheets.getItem("S").getRangeByIndexes(1, 0, 1, 1).conditionalFormats;
        fresh.load("items/id");
        await context.sync();
        return [cf.type, fresh.items[0].type];
      }),
    ).rejects.toThrow("The property 'type' is not available");
  });

  it("fails a load of items/textComparison/rule when a format of another type is in the range (office-js #2180); item by item it works", async () => {
    withFormats();
    await expect(
      run(async (context) => {
        const cfs = context.workbook.worksheets.getItem("S").getRangeByIndexes(1, 0, 1, 1).conditionalFormats;
        cfs.load("items/type,items/textComparison/rule");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperation" });
    const rules = await run(async (context) => {
      const cfs = context.workbook.worksheets.getItem("S").getRangeByIndexes(1, 0, 1, 1).conditionalFormats;
      cfs.load("items/type");
      await context.sync();
      const texts = cfs.items.filter((cf: { type: string }) => cf.type === "ContainsText");
      for (const cf of texts) cf.textComparison.load("rule");
      await context.sync();
      return texts.map((cf: { textComparison: { rule: { text: string } } }) => cf.textComparison.rule.text);
    });
    expect(rules).toEqual(["OK"]);
  });

  it("Range.clear() removes the conditional formats inside the range, and keeps the cell values with Formats", async () => {
    const b = withFormats();
    await run(async (context) => {
      context.workbook.worksheets.getItem("S").getRangeByIndexes(1, 0, 1, 1).clear("Formats");
      await context.sync();
    });
    expect(sheetOf(b).conditionalFormats.map((cf) => cf.id)).toEqual([2]);
    expect(sheetOf(b).get(1, 0)).toBe("OK");
  });
});

describe("Excel stand-in: events, selection, typed input, protection, limits, contexts", () => {
  it("delivers onChanged after the sync that caused it, with source Local; a co-author's edit arrives as Remote", async () => {
    const b = book([["a"]]);
    const events: ChangedEvent[] = [];
    let duringSync = -1;
    await run(async (context) => {
      const ws = context.workbook.worksheets.getItem("S");
      ws.onChanged.add((e: ChangedEvent) => void events.push(e));
      await context.sync();
      ws.getRangeByIndexes(0, 0, 1, 1).values = [["b"]];
      await context.sync();
      duringSync = events.length;
    });
    b.userEdit("S", 1, 0, [["c"]], "Remote");
    await b.settled();
    expect(duringSync).toBe(0);
    expect(events).toEqual([
      { address: "A1:A1", changeType: "RangeEdited", source: "Local" },
      { address: "A2:A2", changeType: "RangeEdited", source: "Remote" },
    ]);
  });

  it("throws on getSelectedRange() when several areas are selected", async () => {
    const b = book([["a"]]);
    b.selection = {
      sheet: "S",
      block: { row: 0, col: 0, rows: 1, cols: 1 },
      areas: [
        { row: 0, col: 0, rows: 1, cols: 1 },
        { row: 3, col: 3, rows: 1, cols: 1 },
      ],
    };
    await expect(
      run(async (context) => {
        const tables = context.workbook.getSelectedRange().getTables(false);
        tables.load("items/name");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidSelection" });
  });

  it("gives DATE's serial and typed dates in the workbook's date system (1904: 1,462 less), after load and sync", async () => {
    const b = book();
    const date = async () =>
      run(async (context) => {
        const r = context.workbook.functions.date(2026, 1, 1);
        expect(() => r.value).toThrow(/load\(\)/); // a FunctionResult is read after load + sync
        r.load("value");
        await context.sync();
        return r.value as number;
      });
    expect(await date()).toBe(46023); // DATE(2026,1,1) in a new workbook
    expect(parseTyped("2026-01-01", false, 1904)).toEqual({ value: 44561 });
    b.dateSystem = 1904;
    expect(await date()).toBe(44561);
    await run(async (context) => {
      context.workbook.worksheets.getItem("S").getRangeByIndexes(5, 0, 1, 1).values = [["2026-01-01"]];
      await context.sync();
    });
    expect(b.sheet("S")?.get(5, 0)).toBe(44561);
  });

  it("installs an Office whose onReady() resolves with the host, as Office.js does once it is initialised", async () => {
    book();
    const office = (globalThis as unknown as { Office: { onReady(): Promise<{ host: string }> } }).Office;
    await expect(office.onReady()).resolves.toMatchObject({ host: "Excel" });
  });

  it("lists hidden sheets among the worksheets, with their visibility only when it was loaded", async () => {
    const b = book();
    b.addSheet("Old");
    (b.sheet("Old") as NonNullable<ReturnType<FakeWorkbook["sheet"]>>).visibility = "Hidden";
    b.addSheet("Lookup").visibility = "VeryHidden";
    const listed = await run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      await context.sync();
      expect(() => sheets.items[0].visibility).toThrow(/load\(\)/);
      sheets.load("items/name,items/visibility");
      await context.sync();
      return sheets.items.map((s: { name: string; visibility: string }) => [s.name, s.visibility]);
    });
    expect(listed).toEqual([
      ["S", "Visible"],
      ["Old", "Hidden"],
      ["Lookup", "VeryHidden"],
    ]);
  });

  it("parses text written to cells like typed input unless the cells are formatted as text", async () => {
    expect(parseTyped("2026-06-30", false)).toEqual({ value: 46203 });
    expect(parseTyped("6/30/2026", false)).toEqual({ value: 46203 });
    expect(parseTyped("0012", false)).toEqual({ value: 12 });
    expect(parseTyped("12%", false)).toEqual({ value: 0.12 });
    expect(parseTyped("true", false)).toEqual({ value: true });
    expect(parseTyped("=SUM(A1:A3)", false)).toEqual({ value: "#NAME?", formula: "=SUM(A1:A3)" });
    expect(parseTyped("'0012", false)).toEqual({ value: "0012" });
    expect(parseTyped("2026-02-30", false)).toEqual({ value: "2026-02-30" });
    expect(parseTyped("ERROR: ECM-TAR", false)).toEqual({ value: "ERROR: ECM-TAR" });
    expect(parseTyped("2026-06-30", true)).toEqual({ value: "2026-06-30" });
    const b = book();
    await run(async (context) => {
      const ws = context.workbook.worksheets.getItem("S");
      ws.getRangeByIndexes(0, 0, 1, 2).values = [["2026-06-30", "=1+1"]];
      const text = ws.getRangeByIndexes(1, 0, 1, 2);
      text.numberFormat = "@";
      text.values = [["2026-06-30", "=1+1"]];
      await context.sync();
    });
    expect(sheetOf(b).values({ row: 0, col: 0, rows: 2, cols: 2 })).toEqual([
      [46203, "#NAME?"],
      ["2026-06-30", "=1+1"],
    ]);
    expect(sheetOf(b).formulas.get("0,1")).toBe("=1+1");
  });

  it("refuses cell writes on a protected sheet, and only sheet additions under workbook structure protection", async () => {
    const b = book();
    b.structureProtected = true;
    await run(async (context) => {
      context.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, 1, 1).values = [["ok"]];
      const p = context.workbook.protection;
      p.load("protected");
      await context.sync();
      expect(p.protected).toBe(true);
    });
    expect(sheetOf(b).get(0, 0)).toBe("ok");
    await expect(
      run(async (context) => {
        context.workbook.worksheets.add("New");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "AccessDenied" });
    expect(b.sheet("New")).toBeUndefined();
    sheetOf(b).isProtected = true;
    await expect(
      run(async (context) => {
        context.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, 1, 1).values = [["no"]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "AccessDenied" });
  });

  it("applies the 5 MB payload limit on the web only, and the 5,000,000-cell read limit everywhere", async () => {
    const big = Array.from({ length: 3000 }, () => ["x".repeat(2000)]);
    const write = () =>
      run(async (context) => {
        context.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, big.length, 1).values = big;
        await context.sync();
      });
    const b = book();
    await expect(write()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    b.platform = "windows";
    await expect(write()).resolves.toBeUndefined();
    const read = (rows: number, cols: number) =>
      run(async (context) => {
        const r = context.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, rows, cols);
        r.load("values");
        await context.sync();
      });
    b.readCellLimit = 1000;
    await expect(read(100, 10)).resolves.toBeUndefined();
    await expect(read(101, 10)).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
  });

  it("holds at most 2 MB of an add-in's settings (office-js#621) and refuses a write past it, keeping what it had", async () => {
    const b = book();
    b.platform = "windows"; // not the web's 5 MB request limit: the settings' own
    const save = (key: string, chars: number) =>
      run(async (context) => {
        context.workbook.settings.add(key, "x".repeat(chars));
        await context.sync();
      });
    await expect(save("a", 1_500_000)).resolves.toBeUndefined();
    await expect(save("b", 600_000)).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(save("a", 2_100_000)).rejects.toMatchObject({ code: "InvalidArgument" });
    expect([...b.settings.keys()]).toEqual(["a"]);
    expect(String(b.settings.get("a")).length).toBe(1_500_000);
    await expect(save("a", 1_000_000)).resolves.toBeUndefined(); // a smaller value replaces the larger one
    await expect(save("b", 1_000_000)).resolves.toBeUndefined();
  });

  it("runs Excel.run(object, batch) on that object's context, so a handler added in one run is removed in another", async () => {
    const b = book([["a"]]);
    const registration = await run(async (context) => {
      const r = context.workbook.worksheets.getItem("S").onChanged.add(() => undefined);
      await context.sync();
      return r;
    });
    expect(sheetOf(b).handlers.length).toBe(1);
    await runOn(registration.context, async (context) => {
      registration.remove();
      await context.sync();
    });
    expect(sheetOf(b).handlers.length).toBe(0);
  });
});
