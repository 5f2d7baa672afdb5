/**
 * The task pane's Excel module (excel-io.ts) and controller against the in-memory stand-in of the
 * Excel object model: header detection, Tables, the never-overwrite refusal, Excel errors,
 * clearing, re-validation on edit, settings that travel in the workbook, chunks and syncs.
 */
import { FakeWorkbook, installFakeExcel, type FakeSheet } from "./helpers/fake-excel";
import { SAMPLE_AS_OF, SAMPLE_DEMO_TOTALS, SAMPLE_TOTALS, sampleMembersRows, sampleRows, sampleSize } from "./helpers/sample-sheet";
import { createExcelIO } from "../src/taskpane/excel-io";
import { Cancelled, CHUNK_MAX_BYTES, PaneController, PaneProblem } from "../src/taskpane/controller";
import { ExcelProblem } from "../src/taskpane/io";
import { dayFromISO } from "../src/engine";
import { dayFirstTextNote, naTextNote } from "../src/shared/report-text";
import { generateClaims } from "./bench/generate-claims";

const AS_OF = dayFromISO(SAMPLE_AS_OF) as number;
/** The sample sheet's real size (last used row and column). */
let size: { rows: number; cols: number };
beforeAll(async () => {
  size = await sampleSize();
});
const NOW = () => new Date(Date.UTC(2026, 5, 30, 17, 0));

async function setup(rows?: unknown[][]): Promise<{ book: FakeWorkbook; sheet: FakeSheet; pane: PaneController }> {
  const book = installFakeExcel(new FakeWorkbook());
  const sheet = book.addSheet("Claims", rows ?? (await sampleRows()));
  return { book, sheet, pane: new PaneController(createExcelIO(), NOW) };
}
/** A sheet of generated claims (header in row 1) in a fresh stand-in workbook. */
function generatedSheet(rows: number): { book: FakeWorkbook; sheet: FakeSheet; pane: PaneController } {
  const generated = generateClaims(rows);
  const book = installFakeExcel(new FakeWorkbook());
  const sheet = book.addSheet("Claims", [generated.header, ...generated.rows]);
  return { book, sheet, pane: new PaneController(createExcelIO(), NOW) };
}
const column = (sheet: FakeSheet, col: number, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => sheet.get(from + i, col));
const snapshot = (book: FakeWorkbook) => JSON.stringify(book.sheets.map((s) => [s.name, s.grid, [...s.formats], s.conditionalFormats]));

describe("task pane: finding the claims", () => {
  it("detects the header row and every column of a realistic sheet", async () => {
    const { pane } = await setup();
    const found = await pane.inspect();
    expect(found.located).toMatchObject({
      sheetName: "Claims",
      region: { row: 0, col: 0, rows: size.rows, cols: size.cols },
      protected: false,
    });
    expect(found.headerRow).toBe(0);
    expect(found.columns).toEqual({ member: 0, dos: 1, hcpcs: 2, modifiers: 3, units: 4, billed: 5, tar: 6, enrollment: 7, method: 8 });
    expect(found.missing).toEqual([]);
  });

  it("reads dates in the workbook's date system: a workbook set to 1904 gives the same results", async () => {
    const results = async (dateSystem: 1900 | 1904) => {
      const book = installFakeExcel(new FakeWorkbook());
      book.dateSystem = dateSystem;
      const sheet = book.addSheet("Claims", await sampleRows(undefined, undefined, "Claims", dateSystem));
      book.addSheet("ECM Members", await sampleMembersRows(dateSystem));
      book.active = "Claims";
      const pane = new PaneController(createExcelIO(), NOW);
      const run = await pane.validate(AS_OF);
      return { cells: sheet.grid.map((r) => r.slice(size.cols)), expected: run.summary.expectedTotal, touched: book.touched };
    };
    const inDefault = await results(1900);
    const in1904 = await results(1904);
    expect(in1904.cells).toEqual(inDefault.cells);
    expect(in1904.expected).toBe(inDefault.expected);
    expect(in1904.touched.has("Workbook.functions.date")).toBe(true);
  });

  it("says when a date is text that only reads day first: the other dates may have been swapped when the file was opened", async () => {
    // A day-first CSV opened in Excel set to month first: 02/03/2026 became a date cell (February 3,
    // serial 46056), 16/03/2026 stayed text.
    const rows = [
      ["", "Member ID", "DOS", "HCPCS", "Modifiers", "TAR"],
      ["", "90000001A", 46056, "G9008", "U1", "TAR-1"],
      ["", "90000002B", "16/03/2026", "G9008", "U1", "TAR-2"],
    ];
    const { pane } = await setup(rows);
    const run = await pane.validate(AS_OF);
    expect(run.notes).toEqual([dayFirstTextNote("16/03/2026", 3, "C")]);
    expect(run.notes[0]).toMatch(/^row 3, column C: "16\/03\/2026" is a day-first date that Excel kept as text\./);
    expect(run.summary.byRule).toEqual({ "ECM-DOS": 1 });
    const { pane: typed } = await setup([rows[0] as unknown[], ["", "90000001A", "03/16/2026", "G9008", "U1", "TAR-1"]]);
    expect((await typed.validate(AS_OF)).notes).toEqual([]); // month first, as Excel reads: nothing to say
  });

  it("says when cells hold NA, R's missing value, that Excel kept as text: checked as typed, and how to clear them", async () => {
    // tests/fixtures/workbooks/r-write-csv.csv as Excel opens it: its dates become date cells, and
    // NA, quoted or not, the text NA (the CLI, reading the file, tells them apart; a sheet cannot).
    const rows = [
      ["", "MemberID", "DateOfService", "HCPCS", "Modifiers", "Units", "BilledAmount", "TAR", "EnrollmentDate"],
      ["1", "90000001A", 46083, "G9012", "NA", 1, 150, "TAR-1", "NA"],
      ["2", "90000001A", 46091, "G9008", "U1", 1, 400, "TAR-1", "NA"],
      ["3", "90000001A", 46093, "G9007", "NA", 1, 75, "NA", "NA"],
    ];
    const { pane } = await setup(rows);
    const run = await pane.validate(AS_OF);
    expect(run.notes).toEqual([naTextNote(6, 2, "E")]);
    expect(run.notes[0]).toMatch(/^6 cells hold NA \(the first: row 2, column E\), which R writes where a value is missing\./);
    expect(run.summary.byRule).toMatchObject({ "ECM-MODIFIER": 2, "ECM-ENROLL-DATE": 3 });
    // NA only where it is a placeholder (the member, the TAR): ECM-MEMBER and ECM-TAR say so; no note.
    const { pane: placeholders } = await setup([
      rows[0] as unknown[],
      ["1", "NA", 46091, "G9008", "U1", 1, 400, "NA", ""],
      ["2", "90000001A", 46091, "G9008", "U1", 1, 400, "TAR-1", "NAB"],
    ]);
    const quiet = await placeholders.validate(AS_OF);
    expect(quiet.notes).toEqual([]);
    expect(quiet.summary.byRule).toMatchObject({ "ECM-MEMBER": 1, "ECM-TAR": 1 });
  });

  it("says which of two columns with the same heading it read, by their sheet letters, unless another was picked by hand", async () => {
    const rows = [
      ["", "Member ID", "DOS", "HCPCS", "Modifiers", "TAR", "HCPCS", "Service Code Billed"],
      ["", "90000001A", "2026-03-02", "G9008", "U1", "TAR-1", "G9999", "G9008"],
    ];
    const { pane } = await setup(rows);
    const run = await pane.validate(AS_OF);
    expect(run.notes).toEqual(['columns D ("HCPCS") and G ("HCPCS") both name HCPCS: the first, D, is read.']);
    await pane.pickColumn("Claims", "hcpcs", "Service Code Billed");
    expect((await pane.validate(AS_OF)).notes).toEqual([]);
  });

  it("says which other visible sheets also hold claims (a sheet per month): the rules across lines saw this sheet only", async () => {
    const claims = (member: string, dos: string) => [
      ["ECM claims, export of 2026-07-01"], // a title row above the header, as on the validated sheet
      [],
      ["Member ID", "DOS", "HCPCS", "Modifiers", "TAR"],
      [member, dos, "G9008", "U1", "TAR-1"],
    ];
    const { book, pane } = await setup(claims("90000001A", "2026-03-02"));
    book.addSheet("Apr", claims("90000001A", "2026-04-02"));
    book.addSheet("Notes", [["Reviewer", "Member ID", "Comment"]]); // a member column alone is not a claims header
    book.addSheet("Old", claims("90000001A", "2025-04-02")).visibility = "Hidden";
    book.addSheet("May", claims("90000001A", "2026-05-04"));
    const run = await pane.validate(AS_OF);
    expect(run.notes).toEqual([
      'sheets "Apr" and "May" also hold claims and were not checked: the rules that look across lines (outreach limits, PEPM once a month, duplicates) saw sheet "Claims" only. Select a cell on another sheet and validate again to check it, or put the claims on one sheet to check them together.',
    ]);
    expect(book.touched.has("Worksheet.visibility")).toBe(true);
    // Validating May names the others the same way; the hidden sheet is never named.
    book.active = "May";
    book.selection = { sheet: "May", block: { row: 0, col: 0, rows: 1, cols: 1 } };
    expect((await pane.validate(AS_OF)).notes).toEqual([
      expect.stringMatching(/^sheets "Claims" and "Apr" also hold claims .* saw sheet "May" only\./),
    ]);
  });

  it("names a sheet that looks like a members list when none is used, until one is picked or (none) is", async () => {
    const { book, pane } = await setup();
    book.addSheet("Members Nov", await sampleMembersRows()); // "ECM Members", renamed: no longer found by name
    await pane.loadSettings();
    const before = await pane.validate(AS_OF);
    expect(before.notes).toEqual([
      'sheet "Members Nov" looks like a members list (member ID and enrollment date columns) but no members list was used, so enrollment dates came from the claims alone and ECM-NOT-IN-MEMBERS and ECM-DISENROLLED could not fire. To use it, pick it under Options > Members list.',
    ]);
    await pane.pickMembers({ sheet: "Members Nov" });
    const picked = await pane.validate(AS_OF);
    expect(picked.notes).toEqual([]);
    expect(picked.summary.byRule["ECM-NOT-IN-MEMBERS"]).toBeGreaterThan(0);
    // The picked sheet renamed again: Validate stops, and names the sheet that looks like the list.
    book.userRenameSheet("Members Nov", "Members Dec");
    await expect(pane.validate(AS_OF)).rejects.toThrow(
      'The members list (sheet "Members Nov") is not in the workbook any more (renamed or deleted?): pick it again under Options (sheet "Members Dec" looks like one), or pick "(none)". Nothing was changed.',
    );
    await pane.pickMembers(null);
    expect((await pane.validate(AS_OF)).notes).toEqual([]);
  });

  it("does not take the add-in's own sheets (members list, rate table, limits, summary) for claims", async () => {
    const { book, pane } = await setup();
    book.addSheet("ECM Members", await sampleMembersRows());
    await pane.setOptions({ summarySheet: true });
    await pane.insertDefaultBook();
    book.active = "Claims";
    book.selection = { sheet: "Claims", block: { row: 0, col: 0, rows: 1, cols: 1 } };
    await pane.validate(AS_OF); // writes ECM Summary
    expect(book.sheets.map((s) => s.name)).toEqual(["Claims", "ECM Members", "ECM Rates", "ECM Limits", "ECM Summary"]);
    expect((await pane.validate(AS_OF)).notes).toEqual([]);
  });

  it("reads the tops of many other sheets 40 to a request, and names ten of them", async () => {
    const claims = [
      ["Member ID", "DOS", "HCPCS", "Modifiers", "TAR"],
      ["90000001A", "2026-03-02", "G9008", "U1", "TAR-1"],
    ];
    const run = async (others: number) => {
      const { book, pane } = await setup(claims);
      // Every cell of each sheet's top filled with text: the most a request for it can carry.
      const top = Array.from({ length: 30 }, (_, r) =>
        Array.from({ length: 30 }, (_, c) => (r === 0 ? (claims[0]?.[c] ?? `Column ${c}`) : "x".repeat(40))),
      );
      for (let k = 1; k <= others; k++) book.addSheet(`Month ${k}`, top);
      const before = book.syncs;
      const result = await pane.validate(AS_OF);
      return { syncs: book.syncs - before, notes: result.notes };
    };
    const alone = await run(0);
    const many = await run(85);
    expect(many.syncs - alone.syncs).toBe(3); // the tops of 85 sheets: 40 + 40 + 5
    expect(many.notes).toEqual([expect.stringMatching(/^sheets "Month 1", "Month 2", .*"Month 10" and 75 more also hold claims /)]);
  });

  it("finds claims that start lower and further right, under blank rows", async () => {
    const rows = await sampleRows(10);
    const shifted = [[], [], ...rows.map((r) => ["", "", ...r])];
    const { pane, sheet } = await setup(shifted);
    const found = await pane.inspect();
    expect(found.headerRow).toBe(2);
    expect(found.columns.member).toBe(2);
    await pane.validate(AS_OF);
    expect(sheet.get(2, 12)).toBe("ECM Status");
    expect(sheet.get(3, 12)).toBe("OK");
  });

  it("uses the Excel Table under the selection, and writes beside it", async () => {
    const rows = await sampleRows(12);
    const { book, sheet, pane } = await setup([["Claims export, June"], [], ...rows]);
    book.tables.push({ name: "ClaimsTable", sheet: "Claims", block: { row: 2, col: 0, rows: 12, cols: 10 } });
    book.selection = { sheet: "Claims", block: { row: 5, col: 3, rows: 1, cols: 1 } };
    const found = await pane.inspect();
    expect(found.located.tableName).toBe("ClaimsTable");
    expect(found.key).toBe("Claims/ClaimsTable");
    expect(found.headerRow).toBe(2);
    const result = await pane.validate(AS_OF);
    expect(result.summary.rows).toBe(11);
    expect(column(sheet, 10, 2, 4)).toEqual(["ECM Status", "OK", "OK"]);
    expect(sheet.get(0, 0)).toBe("Claims export, June");
  });

  it("lets the analyst pick a column it could not find; the pick travels in the workbook", async () => {
    const rows = await sampleRows();
    (rows[0] as unknown[])[6] = "Prior Auth Ref";
    const { book, sheet, pane } = await setup(rows);
    expect((await pane.inspect()).columns.tar).toBeUndefined();
    await pane.validate(AS_OF);
    expect(String(sheet.get(1 + 8, 10))).toBe("ERROR"); // row 10: TAR "missing"
    await pane.pickColumn("Claims", "tar", "Prior Auth Ref");
    // A colleague opens the shared file: a fresh pane reads the pick from the workbook.
    const colleague = new PaneController(createExcelIO(), NOW);
    await colleague.loadSettings();
    expect((await colleague.inspect()).columns.tar).toBe(6);
    await colleague.validate(AS_OF);
    expect(sheet.get(9, 10)).toBe("OK");
    expect(JSON.parse(book.settings.get("ecm.claims") as string).mapping).toEqual({ Claims: { tar: "Prior Auth Ref" } });
  });

  it("keeps a co-author's record: it saves its own sheet's record into the settings as they are now, not as it loaded them", async () => {
    const book = installFakeExcel(new FakeWorkbook());
    book.addSheet("June", await sampleRows());
    book.addSheet("July", await sampleRows());
    // Two analysts' panes on one workbook (Excel on the web shares its settings between co-authors).
    // Bea's pane loaded the settings before Ana's run saved its record, and saves after it.
    const io = createExcelIO();
    const stale = await io.loadSettings();
    const ana = new PaneController(createExcelIO(), NOW);
    let loads = 0;
    const bea = new PaneController({ ...io, loadSettings: () => (++loads === 1 ? Promise.resolve(stale) : io.loadSettings()) }, NOW);
    book.active = "June";
    await ana.validate(AS_OF);
    book.active = "July";
    await bea.validate(AS_OF);
    const saved = JSON.parse(book.settings.get("ecm.claims") as string) as { results: Record<string, unknown> };
    expect(Object.keys(saved.results).sort()).toEqual(["July", "June"]);
    // And Ana's columns are still hers: a sort there re-validates in place, not refused.
    book.active = "June";
    book.userSort("June", { row: 1, col: 0 }, 2, true);
    await expect(ana.validate(AS_OF)).resolves.toMatchObject({ sheetName: "June" });
  });

  it("explains missing required columns", async () => {
    const { pane } = await setup([
      ["Name", "Amount"],
      ["x", 1],
    ]);
    await expect(pane.validate(AS_OF)).rejects.toThrow(
      "Missing required columns: Member ID, Date of service, HCPCS. Pick them under Columns",
    );
  });
});

describe("task pane: validating and writing", () => {
  it("writes the four result columns, colours, settings and the summary sheet", async () => {
    const { book, sheet, pane } = await setup();
    const result = await pane.validate(AS_OF);
    expect(result.summary).toMatchObject(SAMPLE_TOTALS);
    expect([0, 1, 2, 3].map((k) => sheet.get(0, 10 + k))).toEqual(["ECM Status", "ECM Rules", "ECM Message", "ECM Expected"]);
    expect([sheet.get(6, 10), sheet.get(6, 11), sheet.get(9, 13)]).toEqual(["ERROR", "ECM-OUTREACH-30D", 400]);
    expect(sheet.get(38, 10)).toBe(""); // the blank row
    expect(sheet.conditionalFormats.map((cf) => [cf.rule?.text, cf.fill, cf.block])).toEqual([
      ["ERROR", "#FFC7CE", { row: 1, col: 10, rows: size.rows - 1, cols: 1 }],
      ["WARN", "#FFEB9C", { row: 1, col: 10, rows: size.rows - 1, cols: 1 }],
      ["OK", "#C6EFCE", { row: 1, col: 10, rows: size.rows - 1, cols: 1 }],
    ]);
    expect(sheet.formats.get("1,13")?.numberFormat).toBe("$#,##0.00");
    const settings = JSON.parse(book.settings.get("ecm.claims") as string);
    expect(settings.results.Claims).toMatchObject({
      col: 10,
      headerRow: 0,
      firstRow: 1,
      lastRow: size.rows - 1,
      at: "2026-06-30T17:00:00.000Z",
    });
    const summary = book.sheet("ECM Summary") as FakeSheet;
    expect(summary.values({ row: 5, col: 0, rows: 5, cols: 2 })).toEqual([
      ["Rows checked", SAMPLE_TOTALS.rows],
      ["OK", SAMPLE_TOTALS.ok],
      ["WARN", SAMPLE_TOTALS.warn],
      ["ERROR", SAMPLE_TOTALS.error],
      ["Expected reimbursement", SAMPLE_TOTALS.expectedTotal],
    ]);
    // Findings by rule, in the pane's order (errors first, the most frequent first), with each rule's severity.
    const heading = summary.grid.findIndex((r) => r[0] === "Rule");
    expect(summary.grid[heading]?.slice(0, 3)).toEqual(["Rule", "Findings", "Severity"]);
    const ruleRows = summary.grid.slice(heading + 1, heading + 1 + result.byRule.length).map((r) => r.slice(0, 3));
    expect(ruleRows).toEqual(result.byRule.map((g) => [g.rule, g.findings.length, g.severity]));
    expect(ruleRows[0]).toEqual(["ECM-TAR", 3, "error"]);
    expect(result.byRule[0]?.rule).toBe("ECM-TAR"); // errors first, the most frequent first
    // Each group says when its rule fires, for an analyst who does not know the rule IDs by heart.
    expect(result.byRule[0]?.when).toMatch(/^the rate row requires a TAR and the TAR cell is empty/);
    expect(result.byRule.find((g) => g.rule === "ECM-PEPM-BEFORE-ENROLL")?.when).toBe(
      "PEPM service line dated before the member's enrollment date",
    );
    expect(result.byRule.find((g) => g.rule === "ECM-OUTREACH-ENROLLED")).toMatchObject({ findings: [{ row: 9 }, { row: 15 }] });
  });

  it("re-uses its columns on the next run instead of adding new ones", async () => {
    const { sheet, pane } = await setup();
    await pane.validate(AS_OF);
    sheet.set(9, 6, ""); // clear a TAR: row 10 becomes an error
    await pane.validate(AS_OF);
    expect(sheet.used()).toEqual({ row: 0, col: 0, rows: size.rows, cols: size.cols + 4 });
    expect(sheet.get(9, 10)).toBe("ERROR");
  });

  it("selects the row of a finding", async () => {
    const { book, pane } = await setup();
    await pane.validate(AS_OF);
    await pane.selectRow(18);
    expect(book.selection).toEqual({ sheet: "Claims", block: { row: 17, col: 0, rows: 1, cols: 14 } });
  });

  it("clears only what it wrote: its columns, its colours, its record", async () => {
    const { book, sheet, pane } = await setup();
    sheet.conditionalFormats.push({
      id: 99,
      block: { row: 1, col: 0, rows: size.rows - 1, cols: size.cols + 4 },
      type: "ContainsText",
      rule: { operator: "Contains", text: "URGENT" },
      fill: "#000000",
    });
    const before = JSON.stringify(sheet.values({ row: 0, col: 0, rows: size.rows, cols: size.cols }));
    await pane.validate(AS_OF);
    expect(await pane.clear()).toBe('Cleared K:N on "Claims".');
    expect(sheet.used()).toEqual({ row: 0, col: 0, rows: size.rows, cols: size.cols });
    expect(JSON.stringify(sheet.values({ row: 0, col: 0, rows: size.rows, cols: size.cols }))).toBe(before);
    expect(sheet.conditionalFormats.map((cf) => cf.rule?.text)).toEqual(["URGENT"]);
    expect(JSON.parse(book.settings.get("ecm.claims") as string).results).toEqual({});
  });
});

describe("task pane: a totals row under the claims", () => {
  it("gets no verdict, is not counted, and the results say which row was left out", async () => {
    const rows = await sampleRows();
    const width = (rows[0] as unknown[]).length;
    // An analyst's "Total" row: the label, a count under Units and a sum under Billed Amount.
    const total: unknown[] = Array.from({ length: width }, () => "");
    total[0] = "Total";
    total[4] = 49;
    total[5] = 9999.5;
    const { book, sheet, pane } = await setup([...rows, total]);
    const result = await pane.validate(AS_OF);
    expect(result.summary).toMatchObject({ ...SAMPLE_TOTALS, totalsRows: [rows.length + 1] });
    expect(sheet.get(rows.length, 10)).toBe(""); // no status beside the totals row
    expect(sheet.get(rows.length, 0)).toBe("Total"); // and the analyst's row as it was
    const note = new RegExp(`^row ${rows.length + 1} reads as a totals row`);
    expect(result.notes).toContainEqual(expect.stringMatching(note));
    // The "ECM Summary" sheet, which travels with the workbook, says so too, under "Notes" at its end.
    const summary = (book.sheet("ECM Summary") as FakeSheet).grid.map((r) => r[0]);
    expect(summary.slice(summary.indexOf("Notes") + 1)).toEqual([expect.stringMatching(note)]);
  });
});

describe("task pane: members list and the CIN option", () => {
  it("uses the sheet 'ECM Members' when the workbook has one, and shows every sheet and Table as a choice", async () => {
    const { book, pane } = await setup();
    book.addSheet("ECM Members", await sampleMembersRows());
    book.tables.push({ name: "PlanMembers", sheet: "ECM Members", block: { row: 0, col: 0, rows: 3, cols: 3 } });
    await pane.loadSettings();
    expect(await pane.memberSources()).toEqual({
      sheets: ["Claims", "ECM Members"],
      tables: ["PlanMembers"],
      chosen: { sheet: "ECM Members" },
    });
    const result = await pane.validate(AS_OF);
    expect(result.summary.byRule["ECM-NOT-IN-MEMBERS"]).toBe(6);
    expect(result.summary.byRule["ECM-DISENROLLED"]).toBe(1);
    expect(result.summary.byRule["ECM-MEMBER-FORMAT"]).toBeUndefined();
    await pane.setOptions({ cinFormat: true });
    expect((await pane.validate(AS_OF)).summary).toMatchObject(SAMPLE_DEMO_TOTALS); // what `npm run demo` reports
  });

  it("remembers the pick in the workbook: none, or a Table, which also serves a colleague opening the file", async () => {
    const { book, pane } = await setup();
    const members = await sampleMembersRows();
    book.addSheet("Plan file", members);
    book.tables.push({ name: "PlanMembers", sheet: "Plan file", block: { row: 0, col: 0, rows: members.length, cols: 3 } });
    await pane.loadSettings();
    expect((await pane.memberSources()).chosen).toBeNull(); // no "ECM Members" sheet: none
    expect((await pane.validate(AS_OF)).summary.byRule["ECM-NOT-IN-MEMBERS"]).toBeUndefined();
    await pane.pickMembers({ table: "PlanMembers" });
    const colleague = new PaneController(createExcelIO(), NOW); // same workbook, fresh pane
    await colleague.loadSettings();
    expect((await colleague.memberSources()).chosen).toEqual({ table: "PlanMembers" });
    expect((await colleague.validate(AS_OF)).summary.byRule["ECM-NOT-IN-MEMBERS"]).toBe(6);
  });

  it("refuses a members list it cannot trust, or one that is gone, before writing anything", async () => {
    const { book, sheet, pane } = await setup();
    book.addSheet("ECM Members", [
      ["Member ID", "ECM Enrollment Date"],
      ["90000001A", "pending"],
    ]);
    const before = JSON.stringify(sheet.values({ row: 0, col: 0, rows: size.rows, cols: size.cols + 4 }));
    await expect(pane.validate(AS_OF)).rejects.toThrow(
      new PaneProblem(
        'Members list: row 2: ECM Enrollment Date "pending" is not a date (use YYYY-MM-DD, M/D/YYYY or an Excel date). (sheet "ECM Members") Nothing was changed.',
      ),
    );
    // Several problems: each is a detail of the problem, listed under the message (the one-line message names five).
    const list = book.sheet("ECM Members");
    for (let r = 2; r <= 7; r++) list?.set(r, 0, `9000000${r}A`);
    for (let r = 2; r <= 7; r++) list?.set(r, 1, "soon");
    const many = await pane.validate(AS_OF).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(many).toBeInstanceOf(PaneProblem);
    expect((many as PaneProblem).message).toBe('The members list (sheet "ECM Members") has 7 problems; nothing was changed:');
    expect((many as PaneProblem).details).toHaveLength(7);
    expect((many as PaneProblem).details[6]).toBe(
      'row 8: ECM Enrollment Date "soon" is not a date (use YYYY-MM-DD, M/D/YYYY or an Excel date)',
    );
    await pane.pickMembers({ table: "Gone" });
    await expect(pane.validate(AS_OF)).rejects.toThrow(/The members list \(table "Gone"\) is not in the workbook any more/);
    expect(JSON.stringify(sheet.values({ row: 0, col: 0, rows: size.rows, cols: size.cols + 4 }))).toBe(before);
  });
});

describe("the Excel stand-in's members-list calls (as Office.js documents them)", () => {
  it("lists sheets in workbook order and Tables by name after load('items/name'), and gives null objects for missing ones", async () => {
    const book = installFakeExcel(new FakeWorkbook());
    book.addSheet("A", [["x"]]);
    book.addSheet("B", [["y"]]);
    book.tables.push({ name: "T", sheet: "B", block: { row: 0, col: 0, rows: 1, cols: 1 } });
    const io = createExcelIO();
    expect(await io.sources()).toEqual({ sheets: ["A", "B"], tables: ["T"] });
    expect(await io.readSource({ sheet: "B" })).toEqual([["y"]]);
    expect(await io.readSource({ table: "T" })).toEqual([["y"]]);
    expect(await io.readSource({ sheet: "C" })).toBeUndefined();
    expect(await io.readSource({ table: "U" })).toBeUndefined();
  });
});

describe("task pane: never overwrites", () => {
  it("refuses when someone edited its result columns, leaves the sheet as it was, and offers free columns", async () => {
    const { book, sheet, pane } = await setup();
    await pane.validate(AS_OF);
    sheet.set(4, 12, "Checked by Maria, OK to bill");
    const before = snapshot(book);
    const failure = await pane.validate(AS_OF).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PaneProblem);
    expect((failure as PaneProblem).message).toBe(
      "Cells in K:N changed since the add-in wrote them (someone edited its results, first in K5:N5). The add-in will not write over it. Move that data, or write the results to O:R instead.",
    );
    expect(snapshot(book)).toBe(before);
    await pane.validate(AS_OF, undefined, undefined, (failure as PaneProblem).alternativeColumn);
    expect(sheet.get(4, 12)).toBe("Checked by Maria, OK to bill");
    expect([sheet.get(0, 14), sheet.get(6, 14)]).toEqual(["ECM Status", "ERROR"]);
  });

  it("refuses to write next to a Table over the user's data", async () => {
    const rows = await sampleRows(12);
    rows.forEach((r, i) => r.push(i === 3 ? "my note" : null));
    const { book, pane } = await setup(rows);
    book.tables.push({ name: "T", sheet: "Claims", block: { row: 0, col: 0, rows: 12, cols: 10 } });
    const before = snapshot(book);
    await expect(pane.validate(AS_OF)).rejects.toThrow("The result columns K:N are not empty (first data in K4:N4).");
    expect(snapshot(book)).toBe(before);
  });

  it("does not take columns with its headings but other data for its own", async () => {
    const rows = await sampleRows(5);
    rows.forEach((r, i) => r.push(...(i === 0 ? ["ECM Status", "ECM Rules", "ECM Message", "ECM Expected"] : ["to review", "", "", ""])));
    const { pane } = await setup(rows);
    await expect(pane.validate(AS_OF)).rejects.toThrow("K:N has the add-in's headings but holds other data.");
  });
});

describe("task pane: Excel errors leave the workbook as it was", () => {
  it("says so when the sheet is protected", async () => {
    const { book, sheet, pane } = await setup();
    sheet.isProtected = true;
    const before = snapshot(book);
    await expect(pane.validate(AS_OF)).rejects.toThrow(
      'Sheet "Claims" is protected: unprotect it (Review > Unprotect Sheet), then validate again. Nothing was changed.',
    );
    expect(snapshot(book)).toBe(before);
  });

  it("turns Excel's cell-edit-mode error into a clear message", async () => {
    const { book, pane } = await setup();
    book.cellEditMode = true;
    const failure = await pane.validate(AS_OF).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ExcelProblem);
    expect((failure as ExcelProblem).message).toBe("Excel is busy editing a cell. Press Enter or Esc in the sheet, then try again.");
  });

  it("takes its partial results back out when Excel fails part-way through writing", async () => {
    const { book, sheet, pane } = generatedSheet(70_000);
    const before = sheet.used();
    const failure = await pane
      .validate(AS_OF, (p) => {
        if (p.phase === "write" && p.done > 0) book.failSync = { at: 1, code: "EditModeConflict" }; // the second chunk's write fails
      })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ExcelProblem);
    expect((failure as ExcelProblem).message).toBe("Someone else is editing the same cells (co-authoring). Wait a moment, then try again.");
    expect(sheet.used()).toEqual(before);
  }, 60_000);

  it("can be cancelled while reading, before anything is written", async () => {
    const { book, pane } = await setup();
    const before = snapshot(book);
    const abort = new AbortController();
    abort.abort();
    await expect(pane.validate(AS_OF, () => undefined, abort.signal)).rejects.toBeInstanceOf(Cancelled);
    expect(snapshot(book)).toBe(before);
  });
});

describe("task pane: cancelling while writing", () => {
  it("removes what it had written and leaves the claims as they were", async () => {
    const { book, sheet, pane } = generatedSheet(70_000);
    const before = sheet.used();
    const abort = new AbortController();
    const phases: string[] = [];
    const failure = await pane
      .validate(
        AS_OF,
        (p) => {
          phases.push(p.phase);
          if (p.phase === "write" && p.done > 0) abort.abort(); // during the second write chunk
        },
        abort.signal,
      )
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Cancelled);
    expect(phases.filter((p) => p === "write").length).toBe(2);
    expect(sheet.used()).toEqual(before);
    expect(book.settings.get("ecm.claims")).toBeUndefined();
  }, 60_000);
});

describe("task pane: re-validate on edit", () => {
  it("re-checks the edited member and rewrites only the rows whose verdict changed", async () => {
    const { book, sheet, pane } = await setup();
    await pane.validate(AS_OF);
    expect(sheet.get(17, 10)).toBe("ERROR"); // row 18: TAR missing
    const syncs = book.syncs;
    book.userEdit("Claims", 17, 6, [["TAR-26-0202"]]);
    const result = await pane.revalidate({ block: { row: 17, col: 6, rows: 1, cols: 1 }, structural: false });
    expect(sheet.get(17, 10)).toBe("OK");
    expect(sheet.get(18, 10)).toBe("WARN"); // row 19 is now the second PEPM line of April
    expect(result?.summary).toMatchObject({ error: SAMPLE_TOTALS.error - 1, warn: SAMPLE_TOTALS.warn });
    const written = book.batches.slice(syncs).filter((b) => b.requestBytes > 200);
    expect(written.length).toBeLessThanOrEqual(2); // the changed rows in one sync, the settings in another
  });

  it("on a large sheet re-checks the touched members and gives the totals of every line, months included", async () => {
    const { book, sheet, pane } = generatedSheet(6_000);
    const first = await pane.validate(AS_OF);
    // Empty a TAR of a paying PEPM line: that line becomes an error, the totals drop by its amount.
    const rowIndex = sheet.grid.findIndex((r, i) => i > 0 && r[3] === "U1" && sheet.get(i, 10) === "OK");
    const expected = sheet.get(rowIndex, 13) as number;
    book.userEdit("Claims", rowIndex, 6, [[""]]);
    const result = await pane.revalidate({ block: { row: rowIndex, col: 6, rows: 1, cols: 1 }, structural: false });
    expect(sheet.get(rowIndex, 10)).toBe("ERROR");
    expect(result?.summary.rows).toBe(6_000);
    expect(result?.summary.expectedTotal).toBeCloseTo(first.summary.expectedTotal - expected, 2);
    const months = (r: typeof result) => (r?.summary.byMonth ?? []).reduce((n, m) => n + m.expected, 0);
    expect(months(result)).toBeCloseTo(result?.summary.expectedTotal ?? 0, 2);
    expect(result?.summary.byMonth.length).toBe(first.summary.byMonth.length);
  });

  it("ignores changes to its own result columns", async () => {
    const { pane } = await setup();
    await pane.validate(AS_OF);
    expect(await pane.revalidate({ block: { row: 5, col: 10, rows: 1, cols: 4 }, structural: false })).toBeUndefined();
  });
});

describe("task pane: 100,000 rows", () => {
  it("reads and writes in chunks under 4 MB, in few syncs", async () => {
    const { book, pane } = generatedSheet(100_000);
    const result = await pane.validate(AS_OF);
    expect(result.summary.rows).toBe(100_000);
    const maxRequest = Math.max(...book.batches.map((b) => b.requestBytes));
    const maxResponse = Math.max(...book.batches.map((b) => b.responseBytes));
    expect(maxRequest).toBeLessThanOrEqual(CHUNK_MAX_BYTES);
    expect(maxResponse).toBeLessThanOrEqual(CHUNK_MAX_BYTES);
    const reads = book.batches.filter((b) => b.responseBytes > 100_000).length;
    const writes = book.batches.filter((b) => b.requestBytes > 100_000).length;
    expect(reads).toBeGreaterThanOrEqual(2);
    expect(writes).toBeGreaterThanOrEqual(2);
    // Reads: a 200-row probe, then chunks; writes: chunks, formats (after reading which rules are its own), settings (read
    // again first, so that a co-author's record saved meanwhile is kept), summary.
    expect(book.syncs).toBeLessThanOrEqual(23);
    if (process.env.ECM_REPORT) {
      process.stdout.write(
        `100k rows: ${book.syncs} syncs (${reads} chunk reads, ${writes} chunk writes); largest request ${(maxRequest / 1e6).toFixed(2)} MB, largest response ${(maxResponse / 1e6).toFixed(2)} MB\n`,
      );
    }
  }, 60_000);
});
