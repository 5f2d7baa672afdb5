/**
 * The task pane's "Rate table" section against the Excel stand-in: the default book inserted as
 * the editable Table ECM_Rates, an analyst's edit of one rate picked up by the next validation, a
 * bad book reported before anything is written, and what the pane refuses.
 */
import { FakeWorkbook, installFakeExcel } from "./helpers/fake-excel";
import { SAMPLE_AS_OF, SAMPLE_TOTALS, sampleRows } from "./helpers/sample-sheet";
import { createExcelIO } from "../src/taskpane/excel-io";
import { LIMITS_TABLE, PaneController, RATES_SHEET, RATES_TABLE } from "../src/taskpane/controller";
import { dayFromISO } from "../src/engine";
import "./helpers/custom-functions-global";
import { validateIn } from "../src/functions/functions";

const AS_OF = dayFromISO(SAMPLE_AS_OF) as number;
const NOW = () => new Date(Date.UTC(2026, 5, 30, 17, 0));

async function setup() {
  const book = installFakeExcel(new FakeWorkbook());
  const sheet = book.addSheet("Claims", await sampleRows());
  return { book, sheet, pane: new PaneController(createExcelIO(), NOW) };
}

describe("task pane: the rate table", () => {
  it("uses the built-in table until the workbook has one, then offers no second insert", async () => {
    const { book, pane } = await setup();
    const before = await pane.rateBook();
    expect(before).toMatchObject({ ok: true, source: "built-in" });
    expect(before.text).toContain("Built-in rate table");
    await expect(pane.insertDefaultBook()).resolves.toContain(`Inserted the default rate table as Table ${RATES_TABLE}`);
    expect(book.tables.map((t) => [t.name, t.sheet])).toEqual([
      [RATES_TABLE, RATES_SHEET],
      [LIMITS_TABLE, "ECM Limits"],
    ]);
    const after = await pane.rateBook();
    expect(after).toMatchObject({ ok: true, source: "workbook" });
    expect(after.text).toBe(`Table ${RATES_TABLE} in this workbook: 10 rates; limits from Table ${LIMITS_TABLE}.`);
    await expect(pane.insertDefaultBook()).resolves.toContain("already has the Table");
    expect(book.tables).toHaveLength(2);
  });

  it("validates the same with the inserted default table as with the built-in one", async () => {
    const { pane } = await setup();
    const builtIn = await pane.validate(AS_OF);
    await pane.insertDefaultBook();
    const inserted = await pane.validate(AS_OF);
    expect([builtIn.book.source, inserted.book.source]).toEqual(["built-in", "workbook"]); // what the Rate table section then shows
    expect(inserted.summary.expectedTotal).toBe(SAMPLE_TOTALS.expectedTotal);
    expect({ ...inserted.summary, byMonth: undefined }).toEqual({ ...builtIn.summary, byMonth: undefined });
  });

  it("inserts the default table, an analyst edits one rate, and the next validation pays the new rate", async () => {
    const { book, sheet, pane } = await setup();
    await pane.insertDefaultBook();
    const rates = book.sheet(RATES_SHEET);
    const values = rates?.values({ row: 0, col: 0, rows: 11, cols: 9 }) ?? [];
    const g9012 = values.findIndex((r) => r[1] === "G9012" && r[2] === ""); // successful engagement, $150
    expect(values[g9012]?.[3]).toBe(150);
    // A lower rate (a higher one would not show: the sample bills $150, and the plan pays the lesser of billed and rate).
    book.userEdit(RATES_SHEET, g9012, 3, [[140]]);
    const result = await pane.validate(AS_OF);
    // Every paid engagement line now expects $140: the total drops by $10 a line.
    const engagements = result.summary.byCode.G9012;
    expect(result.summary.expectedTotal).toBeLessThan(SAMPLE_TOTALS.expectedTotal);
    const rows = (sheet.used() as { rows: number }).rows;
    const written = sheet.values({ row: 1, col: 0, rows: rows - 1, cols: 14 });
    const paidEngagements = written.filter((r) => r[2] === "G9012" && (r[3] === "" || r[3] === null || r[3] === undefined) && r[13] !== 0);
    expect(paidEngagements.length).toBeGreaterThan(0);
    for (const r of paidEngagements) expect(r[13]).toBe(140);
    expect(SAMPLE_TOTALS.expectedTotal - result.summary.expectedTotal).toBe(10 * paidEngagements.length);
    expect(engagements?.lines).toBeGreaterThan(0);
  });

  it("reports every problem of a bad rate table and writes nothing", async () => {
    const { book, sheet, pane } = await setup();
    await pane.insertDefaultBook();
    book.userEdit(RATES_SHEET, 1, 3, [["four hundred"]]);
    book.userEdit(RATES_SHEET, 2, 4, [["weekly"]]);
    const state = await pane.rateBook();
    expect(state.ok).toBe(false);
    expect(state.ok ? [] : state.problems).toEqual([
      'Row 2 (Rate): "four hundred" is not an amount: write the rate in dollars, e.g. 400 or $5.00',
      'Row 3 (Kind): "weekly" is not a kind: use pepm, outreach, engagement or info',
    ]);
    const before = sheet.values({ row: 0, col: 0, rows: 60, cols: 16 });
    await expect(pane.validate(AS_OF)).rejects.toThrow("Correct the rate table, then validate again. Nothing was changed.");
    expect(sheet.values({ row: 0, col: 0, rows: 60, cols: 16 })).toEqual(before);
  });

  it("refuses to put the table on a sheet that holds data, and under structure protection, changing nothing", async () => {
    const { book, pane } = await setup();
    book.addSheet(RATES_SHEET, [["my notes"]]);
    await expect(pane.insertDefaultBook()).rejects.toThrow(`Sheet "${RATES_SHEET}" already holds data`);
    expect(book.tables).toHaveLength(0);
    expect(book.sheet(RATES_SHEET)?.values({ row: 0, col: 0, rows: 1, cols: 2 })).toEqual([["my notes", ""]]);
    const other = await setup();
    other.book.structureProtected = true;
    await expect(other.pane.insertDefaultBook()).rejects.toThrow("structure is protected");
    expect(other.book.tables).toHaveLength(0);
  });

  it("gives the verdicts =ECM.VALIDATE gives with the same ECM_Rates and ECM_Limits Tables", async () => {
    const { book, sheet, pane } = await setup();
    await pane.insertDefaultBook();
    const limits = book.sheet("ECM Limits");
    const limitValues = limits?.values({ row: 0, col: 0, rows: 2, cols: 6 }) ?? [];
    expect(limitValues[0]?.[3]).toBe("Outreach max");
    book.userEdit("ECM Limits", 1, 3, [[3]]); // the any-plan row: 3 attempts before engagement, not 5
    const used = sheet.used() as { rows: number; cols: number };
    const claims = sheet.values({ row: 0, col: 0, rows: used.rows, cols: used.cols });
    const ratesTable = book.sheet(RATES_SHEET)?.values({ row: 0, col: 0, rows: 11, cols: 9 }) ?? [];
    const limitsTable = limits?.values({ row: 0, col: 0, rows: 2, cols: 6 }) ?? [];
    await pane.validate(AS_OF);
    const written = sheet.values({ row: 1, col: used.cols, rows: used.rows - 1, cols: 2 });
    const fromFunction = validateIn(1900, claims, true, SAMPLE_AS_OF, undefined, ratesTable, limitsTable).slice(1);
    expect(fromFunction.map((r) => [r[0] ?? "", r[1] ?? ""])).toEqual(written.map((r) => [r[0] ?? "", r[1] ?? ""]));
    // The lower limit shows: more attempts over the maximum than with the default limits.
    const overMax = (rows: unknown[][]) => rows.filter((r) => String(r[1]).includes("ECM-OUTREACH-MAX")).length;
    const withDefaults = validateIn(1900, claims, true, SAMPLE_AS_OF, undefined, ratesTable).slice(1);
    expect(overMax(fromFunction)).toBeGreaterThan(overMax(withDefaults));
  });

  it("writes the months, paid totals and the book's name on the ECM Summary sheet", async () => {
    const { book, pane } = await setup();
    await pane.insertDefaultBook();
    await pane.validate(AS_OF);
    const summary = book.sheet("ECM Summary");
    const cells = summary?.values({ row: 0, col: 0, rows: 80, cols: 8 }) ?? [];
    expect(cells.find((r) => r[0] === "Rate table")?.[1]).toBe(`Table ${RATES_TABLE} (10 rates)`);
    const header = cells.findIndex((r) => r[0] === "Month");
    expect(cells[header]).toEqual(["Month", "Expected $", "Lines", "Members", "Members with paid PEPM", "Paid outreach attempts", "", ""]);
    const months = cells.slice(header + 1).filter((r) => r[0] !== undefined && r[0] !== "");
    expect(months.reduce((n, r) => n + (r[2] as number), 0)).toBe(SAMPLE_TOTALS.rows);
    expect(months.reduce((n, r) => n + (r[1] as number), 0)).toBeCloseTo(SAMPLE_TOTALS.expectedTotal, 2);
  });
});

describe("the stand-in's Worksheet.tables.add and Table.name", () => {
  it("makes a Table of the range with its first row as the header, refuses an overlap and a duplicate name", async () => {
    const book = installFakeExcel(new FakeWorkbook());
    book.addSheet("S", [
      ["a", "b"],
      [1, 2],
    ]);
    await Excel.run(async (context) => {
      const table = context.workbook.worksheets.getItem("S").tables.add("A1:B2", true);
      table.name = "T";
      await context.sync();
    });
    expect(book.tables).toEqual([{ name: "T", sheet: "S", block: { row: 0, col: 0, rows: 2, cols: 2 } }]);
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("S").tables.add("B2:C3", true);
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(
      Excel.run(async (context) => {
        const t = context.workbook.worksheets.getItem("S").tables.add("E1:F2", true);
        t.name = "t";
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    expect(book.tables).toHaveLength(1);
  });
});
