/**
 * The pane's life in the shared runtime (src/taskpane/live.ts) against the Excel stand-in: the
 * re-validate-on-edit watcher, re-arming it at start-up, and "As of" after the pane is shown again.
 */
import { FakeWorkbook, installFakeExcel } from "./helpers/fake-excel";
import { SAMPLE_AS_OF, SAMPLE_TOTALS, sampleRows } from "./helpers/sample-sheet";
import { createExcelIO } from "../src/taskpane/excel-io";
import { PaneController } from "../src/taskpane/controller";
import { LiveWatcher, asOfWhenVisible, watchAtStart } from "../src/taskpane/live";
import type { CellChange } from "../src/taskpane/io";
import { dayFromISO } from "../src/engine";

const AS_OF = dayFromISO(SAMPLE_AS_OF) as number;
const NOW = () => new Date(Date.UTC(2026, 5, 30, 17, 0));
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function setup() {
  const book = installFakeExcel(new FakeWorkbook());
  const sheet = book.addSheet("Claims", await sampleRows());
  return { book, sheet };
}

describe("re-validate on edit: the watcher", () => {
  it("merges edits made close together into one re-validation, ignores co-authors and the pane's own writes, and stops when disarmed", async () => {
    const { book } = await setup();
    const seen: CellChange[] = [];
    let busy = false;
    const watcher = new LiveWatcher(
      createExcelIO(),
      async (c) => void seen.push(c),
      () => busy,
      20,
    );
    await watcher.arm("Claims");
    book.userEdit("Claims", 3, 6, [["TAR-1"]]);
    book.userEdit("Claims", 7, 2, [["G9008"]]);
    book.userEdit("Claims", 9, 6, [["TAR-9"]], "Remote");
    await book.settled();
    await wait(60);
    expect(seen).toEqual([{ block: { row: 3, col: 2, rows: 5, cols: 5 }, structural: false }]);
    busy = true;
    book.userEdit("Claims", 4, 6, [["TAR-2"]]);
    await book.settled();
    await wait(60);
    expect(seen.length).toBe(1);
    busy = false;
    await watcher.disarm();
    book.userEdit("Claims", 5, 6, [["TAR-3"]]);
    await book.settled();
    await wait(60);
    expect(seen.length).toBe(1);
    expect(watcher.watching).toBeUndefined();
  });

  it("is re-armed at start-up only when the workbook asks for it and this add-in's results are on the sheet", async () => {
    const { book } = await setup();
    const pane = new PaneController(createExcelIO(), NOW);
    const located = {
      sheetName: "Claims",
      region: { row: 0, col: 0, rows: 51, cols: 10 },
      protected: false,
      dateSystem: 1900 as const,
      otherSheets: [],
      sheets: ["Claims"],
    };
    await pane.setOptions({ revalidateOnEdit: true });
    expect(watchAtStart(await pane.loadSettings(), located)).toBe(false); // no results yet
    await pane.validate(AS_OF);
    expect(watchAtStart(await pane.loadSettings(), located)).toBe(true);
    await pane.setOptions({ revalidateOnEdit: false });
    expect(watchAtStart(await pane.loadSettings(), located)).toBe(false);
    expect(book.settings.has("ecm.claims")).toBe(true);
  });

  it("after a restart (nothing validated in this session) an edit re-validates into the same columns", async () => {
    const { book, sheet } = await setup();
    await new PaneController(createExcelIO(), NOW).validate(AS_OF);
    const fresh = new PaneController(createExcelIO(), NOW); // the workbook reopened
    book.userEdit("Claims", 17, 6, [["TAR-26-0202"]]);
    const result = await fresh.revalidate({ block: { row: 17, col: 6, rows: 1, cols: 1 }, structural: false }, undefined, AS_OF);
    expect(result?.summary).toMatchObject({ error: SAMPLE_TOTALS.error - 1 });
    expect(sheet.get(17, 10)).toBe("OK");
    expect(sheet.get(0, 14)).toBe(""); // the same columns, not new ones
  });

  it("after a restart on a renamed sheet: re-armed, and the first edit re-validates into the same columns and moves the record", async () => {
    const { book, sheet } = await setup();
    const pane = new PaneController(createExcelIO(), NOW);
    await pane.setOptions({ revalidateOnEdit: true });
    await pane.validate(AS_OF);
    book.userRenameSheet("Claims", "June");
    const fresh = new PaneController(createExcelIO(), NOW); // the workbook reopened
    const settings = await fresh.loadSettings();
    const located = await createExcelIO().locate();
    expect(watchAtStart(settings, located)).toBe(true);
    book.userEdit("June", 17, 6, [["TAR-26-0202"]]);
    const result = await fresh.revalidate({ block: { row: 17, col: 6, rows: 1, cols: 1 }, structural: false }, undefined, AS_OF);
    expect(result?.summary).toMatchObject({ error: SAMPLE_TOTALS.error - 1 });
    expect(sheet.get(17, 10)).toBe("OK");
    expect(sheet.get(0, 14)).toBe("");
    expect(Object.keys((await fresh.loadSettings()).results)).toEqual(["June"]);
    // A sheet of someone else's (no record fits): an edit there re-validates nothing.
    book.addSheet("Notes", [
      ["Member ID", "DOS", "HCPCS"],
      ["90000001A", "2026-03-02", "G9008"],
    ]);
    book.userDeleteSheet("June");
    book.active = "Notes";
    book.selection = { sheet: "Notes", block: { row: 0, col: 0, rows: 1, cols: 1 } };
    const other = new PaneController(createExcelIO(), NOW);
    expect(await other.revalidate({ block: { row: 1, col: 0, rows: 1, cols: 1 }, structural: false }, undefined, AS_OF)).toBeUndefined();
    expect(book.sheet("Notes")?.get(0, 3)).toBe("");
  });
});

describe("As of when the pane is shown again", () => {
  it("moves to today when the day changed and the analyst had left it at that day's date", () => {
    expect(asOfWhenVisible("2026-11-30", "2026-11-30", "2026-12-01")).toBe("2026-12-01");
    expect(asOfWhenVisible("2026-06-30", "2026-11-30", "2026-12-01")).toBe("2026-06-30"); // typed by the analyst
    expect(asOfWhenVisible("2026-12-01", "2026-12-01", "2026-12-01")).toBe("2026-12-01");
  });
});
