/**
 * The task pane against what analysts do in real Excel, as the stand-in models it (see
 * tests/helpers/fake-excel.ts for the documented behaviours): sorting, inserting and deleting
 * rows, Tables with totals rows, other conditional formats, multi-area selections, protected
 * workbook structure, co-authors' edits, long free-text columns and typed-input parsing.
 */
import { FakeWorkbook, installFakeExcel, type FakeSheet } from "./helpers/fake-excel";
import { SAMPLE_AS_OF, SAMPLE_TOTALS, sampleRows } from "./helpers/sample-sheet";
import { HEADER } from "./helpers/claims";
import { createExcelIO, SETTINGS_KEY } from "../src/taskpane/excel-io";
import { explain } from "../src/taskpane/excel-run";
import { PaneController } from "../src/taskpane/controller";
import { ExcelProblem, type CellChange, type StoredSettings } from "../src/taskpane/io";
import { dayFromISO, resultCells, serialFromDay, validateGrid, type Cell } from "../src/engine";
import fc from "fast-check";

const AS_OF = dayFromISO(SAMPLE_AS_OF) as number;
const NOW = () => new Date(Date.UTC(2026, 5, 30, 17, 0));
const DATA_COLS = 10;
const RESULT_COL = 10;

async function setup(rows?: unknown[][], configure?: (book: FakeWorkbook) => void, settingsBudget?: number) {
  const book = installFakeExcel(new FakeWorkbook());
  configure?.(book);
  const sheet = book.addSheet("Claims", rows ?? (await sampleRows()));
  return { book, sheet, pane: new PaneController(createExcelIO(), NOW, settingsBudget) };
}

/** The result columns a first run on exactly these claims writes (a fresh workbook). */
async function freshResults(claims: unknown[][]): Promise<unknown[][]> {
  const saved = (globalThis as { Excel?: unknown }).Excel;
  const { sheet, pane } = await setup(claims);
  await pane.validate(AS_OF);
  (globalThis as { Excel?: unknown }).Excel = saved;
  return sheet.values({ row: 0, col: DATA_COLS, rows: claims.length, cols: 4 });
}
const dataOf = (sheet: FakeSheet, rows: number) => sheet.values({ row: 0, col: 0, rows, cols: DATA_COLS });
const resultsOf = (sheet: FakeSheet, rows: number, col = RESULT_COL) => sheet.values({ row: 0, col, rows, cols: 4 });
const ours = (sheet: FakeSheet) => sheet.conditionalFormats.filter((cf) => ["OK", "WARN", "ERROR"].includes(cf.rule?.text ?? ""));

describe("task pane after the analyst sorts, inserts or deletes rows", () => {
  it("re-validates in place after a sort that moved its result columns with the rows (not refused as a foreign edit)", async () => {
    const { book, sheet, pane } = await setup();
    const rows = (sheet.used() as { rows: number }).rows;
    await pane.validate(AS_OF);
    book.userSort("Claims", { row: 1, col: 0 }, 2, true); // by HCPCS, descending: result columns move along
    await pane.validate(AS_OF);
    expect(resultsOf(sheet, rows)).toEqual(await freshResults(dataOf(sheet, rows)));
  });

  it("re-validates in place after rows were inserted and deleted inside the claims", async () => {
    const { book, sheet, pane } = await setup();
    await pane.validate(AS_OF);
    book.userInsertRows("Claims", 5, 2);
    book.userDeleteRows("Claims", 20, 3);
    const rows = (sheet.used() as { rows: number }).rows;
    const result = await pane.validate(AS_OF);
    expect(resultsOf(sheet, rows)).toEqual(await freshResults(dataOf(sheet, rows)));
    expect(result.summary.rows).toBe(SAMPLE_TOTALS.rows - 3);
  });

  it("keeps its record within the settings' budget, and still re-validates in place after a sort with a smaller row set", async () => {
    const { book, sheet, pane } = await setup();
    const rows = (sheet.used() as { rows: number }).rows;
    await pane.validate(AS_OF);
    const full = String(book.settings.get(SETTINGS_KEY));
    const rowSetChars = (JSON.parse(full) as StoredSettings).results.Claims?.rows?.length ?? 0;
    expect(rowSetChars).toBeGreaterThan(50);
    // The same run with room for half of that row set.
    const budget = full.length - Math.floor(rowSetChars / 2);
    const small = await setup(undefined, undefined, budget);
    await small.pane.validate(AS_OF);
    const saved = String(small.book.settings.get(SETTINGS_KEY));
    // (the summary sheet's name, saved after the results, adds a few dozen characters)
    expect(saved.length).toBeLessThanOrEqual(budget + 60);
    expect(saved.length).toBeLessThan(full.length);
    expect((JSON.parse(saved) as StoredSettings).results.Claims?.rows).toMatch(/^\d+:/);
    small.book.userSort("Claims", { row: 1, col: 0 }, 2, true);
    await small.pane.validate(AS_OF);
    expect(resultsOf(small.sheet, rows)).toEqual(await freshResults(dataOf(small.sheet, rows)));
    small.sheet.set(7, RESULT_COL + 2, "Checked by Maria");
    await expect(small.pane.validate(AS_OF)).rejects.toThrow("Cells in K:N changed since the add-in wrote them");
  });

  it("still refuses a real edit of its result columns after a sort", async () => {
    const { book, sheet, pane } = await setup();
    await pane.validate(AS_OF);
    book.userSort("Claims", { row: 1, col: 0 }, 0);
    sheet.set(7, RESULT_COL + 2, "Checked by Maria");
    await expect(pane.validate(AS_OF)).rejects.toThrow("Cells in K:N changed since the add-in wrote them");
  });

  it("re-validates when the watched sheet is sorted (onRowSorted), and the stop really stops watching", async () => {
    const { book, sheet } = await setup();
    const io = createExcelIO();
    const changes: CellChange[] = [];
    const stop = await io.onChanged("Claims", (c) => changes.push(c));
    book.userSort("Claims", { row: 1, col: 0 }, 0);
    await book.settled();
    // The sample has a blank row (39): Excel sorts the block above it only.
    expect(changes).toEqual([{ block: { row: 1, col: 0, rows: 37, cols: 10 }, structural: true }]);
    await stop();
    book.userEdit("Claims", 3, 6, [["TAR-1"]]);
    await book.settled();
    expect(changes.length).toBe(1);
    expect(sheet.handlers.length + sheet.sortHandlers.length).toBe(0);
  });

  it("ignores a co-author's edits (source Remote): only the local analyst's edits re-validate", async () => {
    const { book } = await setup();
    const io = createExcelIO();
    const changes: CellChange[] = [];
    await io.onChanged("Claims", (c) => changes.push(c));
    book.userEdit("Claims", 3, 6, [["TAR-1"]], "Remote");
    book.userEdit("Claims", 4, 6, [["TAR-2"]], "Local");
    await book.settled();
    expect(changes).toEqual([{ block: { row: 4, col: 6, rows: 1, cols: 1 }, structural: false }]);
  });
});

describe("task pane with claims in an Excel Table", () => {
  const tableSetup = async (autoExpand: boolean) => {
    const rows = await sampleRows(12);
    rows.push(["Total", "", "", "", "", 60, "", "", "", ""]);
    const env = await setup(rows, (b) => (b.autoExpandTables = autoExpand));
    env.book.addTable("Claims", "Claims", { row: 0, col: 0, rows: 13, cols: 10 }, true);
    env.book.selection = { sheet: "Claims", block: { row: 3, col: 2, rows: 1, cols: 1 } };
    return env;
  };

  it.each([false, true])(
    "adds its four result columns as Table columns (AutoExpand %s), never validates the totals row, and they sort with their rows",
    async (autoExpand) => {
      const { book, sheet, pane } = await tableSetup(autoExpand);
      const result = await pane.validate(AS_OF);
      expect(book.tables[0]?.block).toEqual({ row: 0, col: 0, rows: 13, cols: 14 });
      expect(sheet.values({ row: 0, col: 10, rows: 1, cols: 4 })).toEqual([["ECM Status", "ECM Rules", "ECM Message", "ECM Expected"]]);
      expect(result.summary.rows).toBe(11);
      expect(sheet.values({ row: 12, col: 10, rows: 1, cols: 4 })).toEqual([["", "", "", ""]]); // the totals row
      book.userSort("Claims", { row: 3, col: 2 }, 1, true); // by date of service, descending
      const sorted = sheet.values({ row: 0, col: 0, rows: 12, cols: 14 });
      const fresh = await freshResults(sorted.map((r) => r.slice(0, 10)));
      // Each row kept its own verdict (status, rules, expected); only the row numbers its messages
      // cite are stale until the next run, which rewrites them (and is not refused).
      const verdicts = (rows: unknown[][]) => rows.map((r) => [r[0], r[1], r[3]]);
      expect(verdicts(sorted.map((r) => r.slice(10)))).toEqual(verdicts(fresh));
      await pane.validate(AS_OF);
      expect(sheet.values({ row: 0, col: 10, rows: 12, cols: 4 })).toEqual(fresh);
      expect(book.tables[0]?.block.cols).toBe(14);
    },
  );

  it("Clear results removes its Table columns and leaves the Table as it was", async () => {
    const { book, sheet, pane } = await tableSetup(false);
    const before = JSON.stringify(sheet.values({ row: 0, col: 0, rows: 13, cols: 10 }));
    await pane.validate(AS_OF);
    await pane.clear();
    expect(book.tables[0]?.block).toEqual({ row: 0, col: 0, rows: 13, cols: 10 });
    expect(JSON.stringify(sheet.values({ row: 0, col: 0, rows: 13, cols: 10 }))).toBe(before);
    expect(sheet.used()).toEqual({ row: 0, col: 0, rows: 13, cols: 10 });
  });
});

describe("task pane and conditional formats", () => {
  it("keeps exactly its three rules however often it validates", async () => {
    const { sheet, pane } = await setup();
    for (let i = 0; i < 4; i++) await pane.validate(AS_OF);
    expect(ours(sheet).length).toBe(3);
  });

  it("clears and rolls back beside other conditional formats (a colour scale over the status column)", async () => {
    const { book, sheet, pane } = await setup();
    const scale = { id: 50, block: { row: 0, col: 0, rows: 60, cols: 20 }, type: "ColorScale" };
    const bars = { id: 51, block: { row: 1, col: RESULT_COL, rows: 10, cols: 1 }, type: "DataBar" };
    sheet.conditionalFormats.push(scale, bars);
    await pane.validate(AS_OF);
    await pane.validate(AS_OF);
    expect(ours(sheet).length).toBe(3);
    await pane.clear();
    expect(sheet.conditionalFormats.map((cf) => cf.id)).toEqual([50, 51]);
    // A failure while formatting takes the partial columns back out, beside the same formats.
    book.failSync = { at: 6, code: "EditModeConflict" };
    await expect(pane.validate(AS_OF)).rejects.toBeInstanceOf(ExcelProblem);
    expect(
      resultsOf(sheet, 51)
        .flat()
        .every((v) => v === ""),
    ).toBe(true);
    expect(sheet.conditionalFormats.map((cf) => cf.id)).toEqual([50, 51]);
  });
});

describe("task pane: selections, protection, text, sizes", () => {
  it("falls back to the active sheet when several areas are selected", async () => {
    const { book, pane } = await setup();
    book.selection = {
      sheet: "Claims",
      block: { row: 2, col: 1, rows: 1, cols: 1 },
      areas: [
        { row: 2, col: 1, rows: 1, cols: 1 },
        { row: 8, col: 4, rows: 2, cols: 1 },
      ],
    };
    const found = await pane.inspect();
    expect(found.located.sheetName).toBe("Claims");
    expect((await pane.validate(AS_OF)).summary).toMatchObject(SAMPLE_TOTALS);
  });

  it("validates under workbook structure protection and says why the summary sheet is missing", async () => {
    const { book, sheet, pane } = await setup(undefined, (b) => (b.structureProtected = true));
    const result = await pane.validate(AS_OF);
    expect(result.summary).toMatchObject(SAMPLE_TOTALS);
    expect(sheet.get(6, RESULT_COL)).toBe("ERROR");
    expect(book.sheet("ECM Summary")).toBeUndefined();
    expect(result.note).toContain("The summary sheet was not written: the workbook's structure is protected");
  });

  it("writes text as text: its messages and the summary sheet's dates are not turned into numbers or formulas", async () => {
    const { book, pane } = await setup();
    await pane.validate(AS_OF);
    const summary = book.sheet("ECM Summary") as FakeSheet;
    expect(summary.values({ row: 3, col: 0, rows: 1, cols: 2 })).toEqual([["As-of date", SAMPLE_AS_OF]]);
    expect(summary.formulas.size).toBe(0);
  });

  it("reads a sheet with a long free-text column in chunks under the limit", async () => {
    const rows = await sampleRows();
    const long = rows.map((r, i) => (i === 0 || r[0] === null ? r : r.map((v, j) => (j === 9 ? "n".repeat(4000) : v))));
    const many = [long[0] as unknown[], ...Array.from({ length: 40 }, () => long.slice(1)).flat()];
    const { book, pane } = await setup(many);
    const result = await pane.validate(AS_OF);
    expect(result.summary.rows).toBe(many.length - 1 - 40); // the sample's blank row, 40 times
    expect(Math.max(...book.batches.map((b) => b.responseBytes))).toBeLessThan(5 * 1024 * 1024);
  });

  it("explains Excel's payload-size refusals", () => {
    for (const code of ["ResponsePayloadSizeLimitExceeded", "RequestPayloadSizeLimitExceeded"]) {
      let message = "";
      try {
        explain(Object.assign(new Error("x"), { code }));
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/too large for one request to Excel.*Nothing was changed/);
    }
  });
});

describe("re-validate on edit after rows move", () => {
  it("rewrites the results in place after inserted rows and after a sort (structural changes re-validate in full)", async () => {
    const { book, sheet, pane } = await setup();
    await pane.validate(AS_OF);
    book.userInsertRows("Claims", 10, 1);
    book.userEdit("Claims", 10, 0, [["90000009Z", 46100, "G9008", "U1", 1, 400, "TAR-9", "", "", ""]]);
    let rows = (sheet.used() as { rows: number }).rows;
    await pane.revalidate({ block: { row: 10, col: 0, rows: 1, cols: 16_384 }, structural: true });
    expect(resultsOf(sheet, rows)).toEqual(await freshResults(dataOf(sheet, rows)));
    book.userSort("Claims", { row: 1, col: 0 }, 1);
    rows = (sheet.used() as { rows: number }).rows;
    await pane.revalidate({ block: { row: 1, col: 0, rows: 38, cols: 14 }, structural: true });
    expect(resultsOf(sheet, rows)).toEqual(await freshResults(dataOf(sheet, rows)));
  });
});

describe("task pane: the header row", () => {
  it("finds the header under a title row, as the CLI and =ECM.VALIDATE do", async () => {
    const rows = await sampleRows();
    const { sheet, pane } = await setup([["ECM claims export, June 2026"], [], ...rows]);
    const found = await pane.inspect();
    expect(found.headerRow).toBe(2);
    expect(found.missing).toEqual([]);
    const result = await pane.validate(AS_OF);
    expect(result.summary).toMatchObject(SAMPLE_TOTALS);
    expect(sheet.get(0, RESULT_COL)).toBe(""); // the title row is left alone
    expect(sheet.get(2, RESULT_COL)).toBe("ECM Status");
  });
});

describe("task pane: merged cells among the claims", () => {
  const merged = async (configure?: (book: FakeWorkbook) => void) => {
    const { book, sheet, pane } = await setup(undefined, configure);
    sheet.merge({ row: 2, col: 0, rows: 3, cols: 1 }); // member IDs of rows 3–5 merged, as the CLI's merged fixture
    return { book, sheet, pane };
  };

  it("says the value of a merged range belongs to its top-left cell, as the CLI does", async () => {
    const { pane } = await merged();
    const result = await pane.validate(AS_OF);
    expect(result.notes).toEqual([
      "cells A3:A5 are merged: the value is in A3 only, so rows 4–5 read that column as empty; unmerge the cells and fill in every row.",
    ]);
    expect(result.byRule.find((g) => g.rule === "ECM-MEMBER")?.findings.map((f) => f.row)).toEqual(expect.arrayContaining([4, 5]));
  });

  it("says nothing it cannot know on a host without ExcelApi 1.13, and one note above Excel's 512 merged areas", async () => {
    const old = await merged((book) => (book.excelApi = "1.10"));
    expect((await old.pane.validate(AS_OF)).notes).toEqual([]);
    const many = await setup();
    for (let r = 0; r < 513; r++) {
      many.sheet.set(r + 100, 20, "note"); // a notes column of merged pairs below the claims: inside the used range
      many.sheet.merge({ row: r + 100, col: 20, rows: 1, cols: 2 });
    }
    const result = await many.pane.validate(AS_OF, undefined, undefined, 30);
    expect(result.notes).toEqual([expect.stringContaining("more than 512 merged ranges")]);
  });
});

describe("the stand-in's merged areas", () => {
  it("returns the areas whose top-left cell is in the range (office-js #3611), a null object for none, and moves them with inserted rows", async () => {
    const book = installFakeExcel(new FakeWorkbook());
    const sheet = book.addSheet("S", [["a"], ["b"], ["c"], ["d"]]);
    sheet.merge({ row: 1, col: 0, rows: 2, cols: 1 });
    expect(sheet.get(2, 0)).toBe("");
    const address = (a1: { row: number; rows: number }) =>
      Excel.run(async (context) => {
        const areas = context.workbook.worksheets.getItem("S").getRangeByIndexes(a1.row, 0, a1.rows, 3).getMergedAreasOrNullObject();
        areas.load("address");
        await context.sync();
        return areas.isNullObject ? null : areas.address;
      });
    expect(await address({ row: 0, rows: 4 })).toBe("S!A2:A3");
    expect(await address({ row: 2, rows: 2 })).toBeNull(); // overlaps, but its top-left cell is outside
    book.userInsertRows("S", 0, 2);
    expect(await address({ row: 0, rows: 10 })).toBe("S!A4:A5");
  });
});

describe("task pane and engine agree (property)", () => {
  const serial = (iso: string) => serialFromDay(dayFromISO(iso) as number);

  it("writes, for random claims, the status, rules, message and expected amount the engine gives each row", async () => {
    const HEAD = [...HEADER, "Paid Amount"];
    const line = fc.tuple(
      fc.constantFrom("900A", "900B", " 900a", "TBD", ""),
      fc.constantFrom(serial("2026-03-02"), serial("2026-03-20"), "2026-04-01", serial("2026-07-15"), "", "3/32/2026"),
      fc.constantFrom("G9008", "G9012", "G9007", "99213"),
      fc.constantFrom("U1", "U8", "U8 GQ", "U2", "", "U1U1"),
      fc.constantFrom(1, 2, ""),
      fc.constantFrom(400, 5, 150, "$400.00", -5, ""),
      fc.constantFrom("T1", "N/A", ""),
      fc.constantFrom(serial("2026-03-01"), "pending", ""),
      fc.constantFrom("Phone call", "mass mailing", "home visit", ""),
      fc.constantFrom(400, 0, "", "x"),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 20 }), async (lines) => {
        const rows: unknown[][] = [HEAD, ...lines];
        const { sheet, pane } = await setup(rows);
        await pane.validate(AS_OF);
        const result = validateGrid(rows as Cell[][], { asOf: AS_OF });
        if (!result.ok) throw new Error(result.message);
        const byRow = new Map(Array.from(result.verdicts, (v) => [v.row, resultCells(v)]));
        const written = sheet.values({ row: 1, col: HEAD.length, rows: lines.length, cols: 4 });
        written.forEach((cells, i) => expect(cells.map((c) => c ?? "")).toEqual(byRow.get(i + 2) ?? ["", "", "", ""]));
      }),
      { numRuns: 60 },
    );
  });

  it("after any edit of a claim cell, re-validate on edit leaves the result columns a full validation writes", async () => {
    const HEAD = [...HEADER, "Notes"];
    const values = [
      ["900A", "900B", "900C", ""],
      [serial("2026-03-02"), serial("2026-03-05"), serial("2026-04-01"), serial("2026-02-20"), ""],
      ["G9008", "G9012"],
      ["U1", "U8", "U8 GQ", ""],
      [1],
      [400, 5, 150, ""],
      ["T1", ""],
      [serial("2026-03-01"), ""],
      ["Phone call", "home visit", ""],
      ["see file", ""],
    ] as const;
    const line = fc.tuple(...values.map((v) => fc.constantFrom<unknown>(...v)));
    const edit = fc.tuple(fc.nat(), fc.integer({ min: 0, max: HEAD.length - 1 }), fc.nat());
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 2, maxLength: 15 }),
        fc.array(edit, { minLength: 1, maxLength: 3 }),
        async (lines, edits) => {
          const { book, sheet, pane } = await setup([HEAD, ...lines]);
          await pane.validate(AS_OF);
          for (const [r, c, v] of edits) {
            const row = 1 + (r % lines.length);
            const choices = values[c] as readonly unknown[];
            book.userEdit("Claims", row, c, [[choices[v % choices.length]]]);
            await pane.revalidate({ block: { row, col: c, rows: 1, cols: 1 }, structural: false });
          }
          const now = (sheet.values({ row: 0, col: 0, rows: lines.length + 1, cols: HEAD.length }) as unknown[][]).map((r) =>
            r.map((v) => v ?? ""),
          );
          expect(resultsOf(sheet, lines.length + 1)).toEqual(await freshResults(now)); // results right of the ten columns
        },
      ),
      { numRuns: 40 },
    );
  }, 30_000);
});
