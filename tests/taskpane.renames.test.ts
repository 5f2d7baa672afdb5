/**
 * A renamed sheet keeps what the add-in remembers about it (src/taskpane/renames.ts): the record of
 * its results and the analyst's column picks are kept by sheet name (Worksheet.id changes between
 * sessions, office-js-docs#297), so after Right-click > Rename they are found under the old name,
 * checked against the cells, and moved; a record that does not fit the cells is left alone.
 */
import { FakeWorkbook, installFakeExcel } from "./helpers/fake-excel";
import { SAMPLE_AS_OF, SAMPLE_TOTALS, sampleRows } from "./helpers/sample-sheet";
import { createExcelIO } from "../src/taskpane/excel-io";
import { PaneController } from "../src/taskpane/controller";
import type { StoredSettings } from "../src/taskpane/io";
import { dayFromISO } from "../src/engine";

const AS_OF = dayFromISO(SAMPLE_AS_OF) as number;
const NOW = () => new Date(Date.UTC(2026, 5, 30, 17, 0));
const saved = (book: FakeWorkbook) => JSON.parse(book.settings.get("ecm.claims") as string) as StoredSettings;

/** The sample with its TAR column headed "Prior Auth Ref", which only a pick maps; validated with that pick. */
async function validatedWithPick() {
  const rows = await sampleRows();
  (rows[0] as unknown[])[6] = "Prior Auth Ref";
  const book = installFakeExcel(new FakeWorkbook());
  const sheet = book.addSheet("Claims", rows);
  const pane = new PaneController(createExcelIO(), NOW);
  await pane.loadSettings();
  await pane.pickColumn("Claims", "tar", "Prior Auth Ref");
  const run = await pane.validate(AS_OF);
  return { book, sheet, run };
}

describe("task pane: a renamed sheet", () => {
  it("keeps its column picks and its record: a colleague's pane finds them under the new name and moves them", async () => {
    const { book, sheet, run } = await validatedWithPick();
    expect(run.summary.error).toBe(SAMPLE_TOTALS.error);
    book.userRenameSheet("Claims", "Claims 2026-06");
    const colleague = new PaneController(createExcelIO(), NOW);
    await colleague.loadSettings();
    expect((await colleague.inspect()).columns.tar).toBe(6); // the pick, shown before validating
    const again = await colleague.validate(AS_OF);
    expect(again.summary).toEqual(run.summary);
    expect(again.layout.col).toBe(run.layout.col);
    expect(sheet.get(9, 10)).toBe("OK"); // row 10: its TAR read through the pick
    const settings = saved(book);
    expect(Object.keys(settings.results)).toEqual(["Claims 2026-06"]);
    expect(settings.mapping).toEqual({ "Claims 2026-06": { tar: "Prior Auth Ref" } });
  });

  it("keeps the order-free record: after a rename and a sort, Validate writes without asking", async () => {
    const { book, run } = await validatedWithPick();
    book.userRenameSheet("Claims", "June");
    book.userSort("June", { row: 1, col: 0 }, 2, true); // by HCPCS, descending: every result row moves
    const pane = new PaneController(createExcelIO(), NOW);
    const again = await pane.validate(AS_OF);
    expect(again.summary.error).toBe(run.summary.error);
    expect(Object.keys(saved(book).results)).toEqual(["June"]);
  });

  it("clears its results under the new name, and forgets the old record", async () => {
    const { book, sheet, run } = await validatedWithPick();
    book.userRenameSheet("Claims", "June");
    const pane = new PaneController(createExcelIO(), NOW);
    const col = run.layout.col;
    await expect(pane.clear()).resolves.toBe(`Cleared K:N on "June".`);
    expect([sheet.get(0, col), sheet.get(1, col)]).toEqual(["", ""]);
    expect(saved(book).results).toEqual({});
  });

  it("leaves a deleted sheet's record alone when another sheet's results do not fit it", async () => {
    const { book, sheet } = await validatedWithPick();
    // Another month's sheet, with the add-in's headings in the same columns but other results (an
    // annotated copy from the CLI pasted in); then the validated sheet is deleted.
    const rows = (await sampleRows()).map((r, i) => (i === 0 ? r : r.map((v, j) => (j === 0 && v !== "" ? `${String(v)}X` : v))));
    const may = book.addSheet("May", rows);
    for (let r = 0; r < 60; r++) for (let k = 0; k < 4; k++) may.set(r, 10 + k, sheet.get(r, 10 + k));
    may.set(2, 12, "edited by hand");
    book.userDeleteSheet("Claims");
    book.active = "May";
    const pane = new PaneController(createExcelIO(), NOW);
    await pane.validate(AS_OF);
    const settings = saved(book);
    expect(Object.keys(settings.results).sort()).toEqual(["Claims", "May"]);
    expect(settings.mapping).toEqual({ Claims: { tar: "Prior Auth Ref" } }); // not taken over by May
  });

  it("assumes nothing when two records of deleted sheets would fit", async () => {
    const { book } = await validatedWithPick();
    const settings = saved(book);
    const record = settings.results.Claims;
    book.settings.set("ecm.claims", JSON.stringify({ ...settings, results: { ...settings.results, Old: record } }));
    book.userRenameSheet("Claims", "June");
    const pane = new PaneController(createExcelIO(), NOW);
    expect((await pane.inspect()).columns.tar).toBeUndefined();
    await pane.validate(AS_OF);
    expect(Object.keys(saved(book).results).sort()).toEqual(["Claims", "June", "Old"]);
  });

  it("follows claims in an Excel Table to their renamed sheet, and the Table to its new name", async () => {
    const rows = await sampleRows();
    const book = installFakeExcel(new FakeWorkbook());
    book.addSheet("Claims", rows);
    const last = rows.length;
    book.addTable("Claims", "Claims", { row: 0, col: 0, rows: last, cols: 10 });
    book.selection = { sheet: "Claims", block: { row: 3, col: 2, rows: 1, cols: 1 } };
    const pane = new PaneController(createExcelIO(), NOW);
    await pane.validate(AS_OF);
    expect(Object.keys(saved(book).results)).toEqual(["Claims/Claims"]);
    book.userRenameSheet("Claims", "June");
    await new PaneController(createExcelIO(), NOW).validate(AS_OF);
    expect(Object.keys(saved(book).results)).toEqual(["June/Claims"]);
    // Table Design > Table Name: the record follows the Table too.
    book.userRenameTable("Claims", "ClaimsJune");
    const pane2 = new PaneController(createExcelIO(), NOW);
    await pane2.validate(AS_OF);
    expect(Object.keys(saved(book).results)).toEqual(["June/ClaimsJune"]);
    await expect(pane2.clear()).resolves.toContain('on "June"');
    expect(saved(book).results).toEqual({});
  });
});

describe("the stand-in's sheet rename and delete, and Table rename (Excel's rules for their names)", () => {
  it("refuses the names Excel refuses, moves the sheet's Tables, renames a Table, and deletes a sheet with its Tables", () => {
    const book = new FakeWorkbook();
    book.addSheet("Claims", [["a"]]);
    book.addSheet("Other", [["b"]]);
    book.addTable("T", "Claims", { row: 0, col: 0, rows: 1, cols: 1 });
    for (const bad of ["", "a/b", "a:b", "a?b", "a*b", "[a]", "a\\b", "'quoted'", "History", "other", "x".repeat(32)])
      expect(() => book.userRenameSheet("Claims", bad)).toThrow("Excel refuses the sheet name");
    book.userRenameSheet("Claims", "June (2)");
    expect(book.sheets.map((s) => s.name)).toEqual(["June (2)", "Other"]);
    expect(book.tables[0]?.sheet).toBe("June (2)");
    expect(book.active).toBe("June (2)");
    expect(() => book.userRenameTable("T", "has space")).toThrow("Excel refuses the table name");
    book.userRenameTable("T", "Claims_2026");
    expect(book.tables[0]?.name).toBe("Claims_2026");
    book.userDeleteSheet("June (2)");
    expect([book.sheets.map((s) => s.name), book.tables, book.active]).toEqual([["Other"], [], "Other"]);
    book.structureProtected = true;
    expect(() => book.userRenameSheet("Other", "New")).toThrow("structure is protected");
  });
});
