/**
 * The CLI's rate book: `ecm rates` / `ecm limits` print the defaults to start from, `--rates` and
 * `--limits` read an analyst's book (CSV, or a workbook's "ECM Rates" / "ECM Limits" sheets as the
 * task pane's "Insert the default rate table" lays them out), `--plan` names the plan of a file
 * without a Plan column, and the limit flags override the book for a run.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";

/** The CLI as of 2026-12-01: the claims below run into July 2026. */
const late = (...args: string[]) => cli(...args, "--as-of", "2026-12-01");

const dir = mkdtempSync(join(tmpdir(), "ecm-rates-"));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const json = (out: string) =>
  JSON.parse(out) as {
    rows: { row: number; status: string; expected: number; findings: { rule: string; message: string }[] }[];
    summary: {
      expectedTotal: number;
      rateTable: string;
      paid?: { total: number; underpaid: number; overpaid: number };
      byMonth: { month: string; plan: string; lines: number; members: number; pepmMembers: number; expected: number; paid: number }[];
    };
  };

const BOOK = `Plan,HCPCS,Modifiers,Rate,Kind,TAR required,Effective from,Effective to,Source
PlanA,G9008,U1,400,pepm,yes,,2026-06-30,PlanA contract 2026
PlanA,G9008,U1,425,pepm,yes,2026-07-01,,PlanA amendment 1
PlanB,G9008,U1,380,pepm,yes,,,PlanB contract
,G9008,U8,5,outreach,no,,,seed line 10
`;
const CLAIMS = `Member ID,DOS,HCPCS,Modifiers,TAR,Billed Amount,Paid Amount
M1,2026-06-30,G9008,U1,T1,425,400
M1,2026-07-01,G9008,U1,T1,425,400
M2,2026-07-01,G9008,U8,,5,5
M2,2026-07-02,G9008,U8,,5,5
M2,2026-07-03,G9008,U8,,5,5
`;

describe("ecm CLI: rate books", () => {
  it("prints the default rate book and limits as CSV, and that book read back gives the built-in verdicts", async () => {
    const rates = await cli("rates");
    expect(rates.code).toBe(0);
    expect(rates.out.split("\n")[0]).toBe("Plan,HCPCS,Modifiers,Rate,Kind,TAR required,Effective from,Effective to,Source");
    expect(rates.out.trim().split("\n")).toHaveLength(11);
    const limits = await cli("limits");
    expect(limits.out).toBe("Plan,Outreach per window,Window days,Outreach max,Lesser of billed,CIN format\n,5,30,5,yes,no\n");
    const book = file("default.csv", rates.out);
    const builtIn = json((await cli("assets/sample-claims.csv", "--format", "json")).out);
    const fromBook = json((await cli("assets/sample-claims.csv", "--format", "json", "--rates", book)).out);
    expect(fromBook.rows).toEqual(builtIn.rows);
    expect(fromBook.summary.rateTable).toBe("default.csv (10 rates)");
  });

  it("takes --plan for a file without a Plan column: the plan's rate on each side of its rate change", async () => {
    const rates = file("book.csv", BOOK);
    const claims = file("claims.csv", CLAIMS);
    const planA = json((await late(claims, "--rates", rates, "--plan", "PlanA", "--format", "json")).out);
    expect(planA.rows.map((r) => r.expected)).toEqual([400, 425, 5, 5, 5]);
    expect(planA.rows[1]?.findings.map((f) => f.rule)).toEqual(["ECM-UNDERPAID"]);
    expect(planA.summary.paid).toEqual({ total: 815, underpaid: 25, overpaid: 0 });
    expect(planA.summary.byMonth).toEqual([
      { month: "2026-06", plan: "PlanA", lines: 1, members: 1, pepmMembers: 1, outreachPaid: 0, expected: 400, paid: 400 },
      { month: "2026-07", plan: "PlanA", lines: 4, members: 2, pepmMembers: 1, outreachPaid: 3, expected: 440, paid: 415 },
    ]);
    const planB = json((await late(claims, "--rates", rates, "--plan", "planb", "--format", "json")).out);
    expect(planB.rows.map((r) => r.expected)).toEqual([380, 380, 5, 5, 5]);
    // A Plan column whose cells are empty or NULL (a query's result) leaves the lines to --plan.
    const withColumn = file(
      "claims-plan-column.csv",
      CLAIMS.replace("Paid Amount\n", "Paid Amount,Plan\n").replace(
        /\n(M\d.*)/g,
        (_, line: string) => `\n${line},${line.startsWith("M1") ? "NULL" : ""}`,
      ),
    );
    expect(json((await late(withColumn, "--rates", rates, "--plan", "planb", "--format", "json")).out).rows.map((r) => r.expected)).toEqual(
      [380, 380, 5, 5, 5],
    );
    const none = json((await late(claims, "--rates", rates, "--format", "json")).out);
    expect(none.rows[0]?.findings[0]?.message).toContain("has no rate for lines without a plan (add a Plan column)");
  });

  it("takes limits from --limits and from flags, flags over the book", async () => {
    const claims = file("outreach.csv", CLAIMS);
    const limits = file("limits.csv", "Plan,Outreach per window\n,2\n");
    const book = json((await late(claims, "--limits", limits, "--format", "json")).out);
    expect(book.rows.map((r) => r.findings.map((f) => f.rule).join())).toEqual(["", "", "", "", "ECM-OUTREACH-30D,ECM-OVERPAID"]); // the third attempt was paid: the plan may recoup it
    const flag = json((await late(claims, "--limits", limits, "--outreach-per-window", "3", "--format", "json")).out);
    expect(flag.rows[4]?.status).toBe("OK");
    const noLesser = json((await late(claims, "--no-lesser-of", "--format", "json")).out);
    expect(noLesser.rows.map((r) => r.expected)).toEqual([400, 400, 5, 5, 5]);
  });

  it("reads a workbook's ECM Rates and ECM Limits sheets", async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("ECM Rates");
    for (const line of BOOK.trim().split("\n")) sheet.addRow(line.split(",").map((v) => (/^\d+$/.test(v) ? Number(v) : v)));
    wb.addWorksheet("ECM Limits").addRows([
      ["Plan", "Outreach per window"],
      ["PlanA", 1],
    ]);
    const path = join(dir, "book.xlsx");
    await wb.xlsx.writeFile(path);
    const run = json((await late(file("claims2.csv", CLAIMS), "--rates", path, "--plan", "PlanA", "--format", "json")).out);
    expect(run.summary.rateTable).toBe('book.xlsx (sheet "ECM Rates") (4 rates), limits from book.xlsx (sheet "ECM Limits")');
    expect(run.rows.map((r) => r.status)).toEqual(["OK", "WARN", "OK", "ERROR", "ERROR"]);
  });

  it("says when the claims workbook has a rate table the run did not use (the task pane's ECM Rates), and --rates with the same file uses it", async () => {
    const wb = new ExcelJS.Workbook();
    const rows = (text: string) =>
      text
        .trim()
        .split("\n")
        .map((line) => line.split(",").map((v) => (/^\d+$/.test(v) ? Number(v) : v)));
    wb.addWorksheet("Claims").addRows(rows(CLAIMS));
    wb.addWorksheet("ECM Rates").addRows(rows(BOOK));
    const path = join(dir, "claims-with-book.xlsx");
    await wb.xlsx.writeFile(path);
    const builtIn = json((await late(path, "--plan", "PlanA", "--format", "json")).out) as ReturnType<typeof json> & {
      summary: { notes: string[] };
    };
    expect(builtIn.summary.rateTable).toContain("seed");
    expect(builtIn.summary.notes.filter((n) => n.includes("rate table"))).toEqual([
      `sheet "ECM Rates" looks like a rate table (HCPCS, Rate, Kind and TAR required columns) but the built-in rate table was used. To use it, as the task pane does, add --rates ${path}.`,
    ]);
    const own = json((await late(path, "--plan", "PlanA", "--format", "json", "--rates", path)).out) as typeof builtIn;
    expect(own.summary.rateTable).toBe('claims-with-book.xlsx (sheet "ECM Rates") (4 rates)');
    expect(own.summary.notes.filter((n) => n.includes("rate table"))).toEqual([]);
    expect(own.rows[1]?.expected).toBe(425); // PlanA's rate from 2026-07-01, not the built-in 400
  });

  it("reads a semicolon book whose rates have a decimal comma (7,50), as Excel saves one under a European regional format", async () => {
    const rates = file(
      "rates-de.csv",
      "Plan;HCPCS;Modifiers;Rate;Kind;TAR required;Effective from;Effective to;Source\nPlanA;G9008;U8;7,50;outreach;no;;;PlanA: 7,50 an attempt\n",
    );
    const claims = file("claims-plan-a.csv", "Member ID,DOS,HCPCS,Modifiers,Billed Amount,Plan\nM1,2026-03-02,G9008,U8,10,PlanA\n");
    const r = await late(claims, "--rates", rates, "--format", "json");
    const report = json(r.out) as ReturnType<typeof json> & { summary: { notes: string[] } };
    expect([r.code, report.rows.map((x) => [x.status, x.expected])]).toEqual([0, [["OK", 7.5]]]);
    expect(report.summary.notes).toContain(
      'rates-de.csv writes amounts with a decimal comma ("7,50" in row 2, column D), as a CSV saved under a European regional format does: its Rate cells are read so ("1.234,50" is 1,234.50).',
    );
    // A comma-delimited book with "7,50" is still refused: there it is no amount.
    const commaBook = file("rates-comma.csv", 'Plan,HCPCS,Modifiers,Rate,Kind,TAR required\nPlanA,G9008,U8,"7,50",outreach,no\n');
    expect((await late(claims, "--rates", commaBook)).code).toBe(2);
  });

  it("refuses a bad book (every problem a line), bad limits and bad flags (exit 2), before reading the claims", async () => {
    const bad = file("bad.csv", "HCPCS,Modifiers,Rate,Kind,TAR required\nG9008,U1,-400,pepm,yes\nG9008,U8,5,weekly,no\n");
    const run = await cli("assets/sample-claims.csv", "--rates", bad);
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      [
        "ecm: Rate table bad.csv: 2 problems:",
        'ecm:   row 2 Rate: "-400" is negative: a rate is $0 or more',
        'ecm:   row 3 Kind: "weekly" is not a kind: use pepm, outreach, engagement or info',
        "",
      ].join("\n"),
    );
    // More than the five the one-line message names: every one is listed (the book is mended in one go).
    const many = file("many.csv", `HCPCS,Modifiers,Rate,Kind,TAR required\n${"G9008,U1,-1,pepm,yes\n".repeat(7)}`);
    const seven = await cli("assets/sample-claims.csv", "--rates", many);
    expect(seven.err.split("\n").filter((l) => l.startsWith("ecm:   row "))).toHaveLength(7);
    expect(seven.err).not.toMatch(/and \d+ more/);
    expect(run.out).toBe("");
    const limits = await cli("assets/sample-claims.csv", "--limits", file("l.csv", "Plan,Window days\n,0\n"));
    expect(limits.code).toBe(2);
    expect(limits.err).toContain('row 2 Window days: "0" is not a whole number from 1 to 366');
    for (const [flag, value] of [
      ["--window-days", "0"],
      ["--outreach-per-window", "five"],
      ["--outreach-max", "1.5"],
    ]) {
      const r = await cli("assets/sample-claims.csv", flag as string, value as string);
      expect([r.code, r.err]).toEqual([
        2,
        `ecm: ${flag} must be a whole number from 1 to ${flag === "--window-days" ? 366 : 1000}, not "${value}"\n`,
      ]);
    }
    expect((await cli("assets/sample-claims.csv", "--plan", " ")).err).toContain("--plan needs a plan name");
  });

  it("shows the paid totals and the months in the table report", async () => {
    const claims = file("claims3.csv", CLAIMS);
    const run = await late(claims, "--rates", file("book3.csv", BOOK), "--plan", "PlanA");
    expect(run.out).toContain("Paid $815.00 of $840.00 expected: $25.00 underpaid, $0.00 overpaid");
    expect(run.out).toContain("By service month:");
    expect(run.out).toMatch(/2026-07\s+PlanA\s+\$440\.00\s+\$415\.00\s+4\s+2\s+1\s+3\n/);
  });
});
