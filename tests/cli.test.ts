import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { cli } from "./helpers/cli";
import { runCli, USAGE } from "../src/cli/run";
import { CLI_OPTIONS, type CliOption } from "../src/cli/options";
import { RULES, dayFromISO, validateGrid } from "../src/engine";
import { loadSheet, sheetNamed } from "../src/cli/read";
import { writeAnnotated } from "../src/cli/annotate";
import {
  SAMPLE_AS_OF,
  SAMPLE_DEMO_SHOWS,
  SAMPLE_DEMO_TOTALS,
  SAMPLE_EXPECTED_TEXT,
  SAMPLE_SHOWS,
  SAMPLE_TOTALS,
} from "./helpers/sample-sheet";

const SAMPLE_XLSX = "assets/sample-claims.xlsx";
const SAMPLE_CSV = "assets/sample-claims.csv";
const tmp = mkdtempSync(join(tmpdir(), "ecm-cli-"));

describe("ecm CLI", () => {
  it("prints the JSON report in the documented shape, exit 1 when there are ERROR rows", async () => {
    const { code, out, err } = await cli(SAMPLE_XLSX, "--format", "json");
    expect(code).toBe(1);
    expect(err).toBe("");
    const report = JSON.parse(out) as { rows: Record<string, unknown>[]; summary: Record<string, unknown> };
    expect(Object.keys(report)).toEqual(["rows", "summary"]);
    expect(report.rows[0]).toEqual({ row: 2, status: "OK", expected: 5, findings: [] });
    for (const r of report.rows) {
      expect(Object.keys(r)).toEqual(["row", "status", "expected", "findings"]);
      for (const f of r.findings as Record<string, unknown>[]) {
        // zod-issue shape: { rule, severity, field?, rows?, params, message }
        expect(Object.keys(f)).toEqual(["rule", "severity", "field", "rows", "params", "message"].filter((k) => k in f));
        expect(typeof f.params).toBe("object");
        expect(typeof f.message).toBe("string");
      }
    }
    // Params carry the values as data: the 30-day finding on row 7 names the window and the paid rows.
    expect((report.rows[5]?.findings as Record<string, unknown>[])[0]).toEqual({
      rule: "ECM-OUTREACH-30D",
      severity: "error",
      field: "dos",
      rows: [2, 3, 4, 5, 6],
      params: { attempt: 6, windowDays: 30, from: "2026-01-05", dos: "2026-02-03", paid: 5, paidRows: [2, 3, 4, 5, 6], limit: 5 },
      message:
        "6th outreach attempt within 30 days (2026-01-05 to 2026-02-03): the member already has 5 paid attempts in that window (rows 2, 3, 4, 5, 6); at most 5 are paid in any rolling 30-day period.",
    });
    expect(report.summary).toMatchObject({ ...SAMPLE_TOTALS, asOf: SAMPLE_AS_OF });
  });

  it("shows on the sample workbook the rules it was written to show, all of them rules of the catalogue", async () => {
    const { out } = await cli(SAMPLE_XLSX, "--format", "json");
    const byRule = (JSON.parse(out) as { summary: { byRule: Record<string, number> } }).summary.byRule;
    expect(Object.keys(byRule).sort()).toEqual([...SAMPLE_SHOWS].sort());
    for (const id of SAMPLE_SHOWS) expect(RULES.map((r) => r.id)).toContain(id);
  });

  it("takes a members list (--members, its 'ECM Members' sheet by default, or a CSV) and the CIN check (--cin)", async () => {
    const summaryOf = (out: string) =>
      (JSON.parse(out) as { summary: { byRule: Record<string, number> } & Record<string, number> }).summary;
    const fromSheet = await cli(SAMPLE_XLSX, "--format", "json", "--members", SAMPLE_XLSX, "--cin");
    expect(fromSheet.err).toBe("");
    expect(summaryOf(fromSheet.out)).toMatchObject(SAMPLE_DEMO_TOTALS);
    expect(Object.keys(summaryOf(fromSheet.out).byRule).sort()).toEqual([...SAMPLE_DEMO_SHOWS].sort());
    const fromCsv = await cli(SAMPLE_XLSX, "--format", "json", "--members", "assets/sample-members.csv", "--cin");
    expect(fromCsv.out).toBe(fromSheet.out);
    const named = await cli(SAMPLE_XLSX, "--format", "json", "--members", SAMPLE_XLSX, "--members-sheet", "ECM Members", "--cin");
    expect(named.out).toBe(fromSheet.out);
  });

  it("refuses a members list it cannot trust, a line per problem naming its rows", async () => {
    const list = join(tmp, "members-bad.csv");
    writeFileSync(list, "Member ID,ECM Enrollment Date\n90000001A,2026-02-16\n90000002B,pending\n90000001A,2026-02-17\n");
    const { code, out, err } = await cli(SAMPLE_CSV, "--members", list);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toBe(
      [
        `ecm: ${list}: Members list: 2 problems:`,
        'ecm:   row 3: ECM Enrollment Date "pending" is not a date (use YYYY-MM-DD, M/D/YYYY or an Excel date)',
        "ecm:   rows 2 and 4 list the same member with different dates (enrolled 2026-02-16 vs enrolled 2026-02-17); keep one",
        "",
      ].join("\n"),
    );
    const noHeader = join(tmp, "members-noheader.csv");
    writeFileSync(noHeader, "90000001A,2026-02-16\n");
    const headless = await cli(SAMPLE_CSV, "--members", noHeader);
    expect(headless.code).toBe(2);
    expect(headless.err).not.toContain("90000001A"); // a member ID is never echoed
    expect((await cli(SAMPLE_CSV, "--members-sheet", "X")).err).toBe(
      "ecm: --members-sheet without --members reads a sheet of the claims workbook, and FILE has no sheets: give the list with --members FILE\n",
    );
  });

  it("gives identical verdicts for the .xlsx and the .csv of the sample", async () => {
    const x = JSON.parse((await cli(SAMPLE_XLSX, "--format", "json")).out) as { rows: unknown[] };
    const c = JSON.parse((await cli(SAMPLE_CSV, "--format", "json")).out) as { rows: unknown[] };
    expect(c.rows).toEqual(x.rows);
  });

  it("uses --as-of for ECM-FUTURE", async () => {
    const late = JSON.parse((await cli(SAMPLE_CSV, "--format", "json", "--as-of", "2026-12-31")).out) as {
      summary: { byRule: Record<string, number> };
    };
    expect(late.summary.byRule["ECM-FUTURE"]).toBeUndefined();
  });

  it("prints CSV and a readable table", async () => {
    const csv = (await cli(SAMPLE_CSV, "--format", "csv")).out.split("\n");
    expect(csv[0]).toBe("row,status,expected,rules,message");
    expect(csv[1]).toBe("2,OK,5.00,,");
    const table = (await cli(SAMPLE_CSV)).out;
    const t = SAMPLE_TOTALS;
    expect(table).toContain(`Rows checked: ${t.rows}   OK: ${t.ok}   WARN: ${t.warn}   ERROR: ${t.error}`);
    expect(table).toContain(`Expected reimbursement: ${SAMPLE_EXPECTED_TEXT}`);
    expect(table).toMatch(/^\s+33 {2}ERROR {2}\s+\$0\.00 {2}ECM-MEMBER/m);
    // Findings by rule, as the task pane lists them: errors first, the most frequent first, each
    // with its severity, its count and when it fires.
    const byRule = table.slice(table.indexOf("Findings by rule:\n"), table.indexOf("By service month:")).trim().split("\n").slice(1);
    expect(byRule[0]).toBe(`  ECM-TAR                  error       3  ${RULES.find((r) => r.id === "ECM-TAR")?.when}`);
    const parsed = byRule.map((line) => {
      const m = /^ {2}(\S+) +(error|warning|info) +(\d+) {2}(.+)$/.exec(line);
      expect(m).not.toBeNull();
      const rule = RULES.find((r) => r.id === m?.[1]);
      expect({ severity: m?.[2], when: m?.[4] }).toEqual({ severity: rule?.severity, when: rule?.when });
      return { rank: ["error", "warning", "info"].indexOf(m?.[2] ?? ""), n: Number(m?.[3]) };
    });
    expect(parsed).toHaveLength(SAMPLE_SHOWS.length);
    for (let k = 1; k < parsed.length; k++) {
      const [a, b] = [parsed[k - 1], parsed[k]] as [{ rank: number; n: number }, { rank: number; n: number }];
      expect(a.rank < b.rank || (a.rank === b.rank && a.n >= b.n)).toBe(true);
    }
  });

  it("finds a sheet named in another case, as Excel does (--sheet, --members-sheet; with and without --out)", async () => {
    const exact = await cli(SAMPLE_XLSX, "--sheet", "Claims", "--format", "json", "--as-of", "2026-06-30");
    const lower = await cli(SAMPLE_XLSX, "--sheet", "claims", "--format", "json", "--as-of", "2026-06-30");
    expect(lower.err).toBe("");
    expect(lower.out).toBe(exact.out);
    expect(JSON.parse(lower.out).summary.sheet).toBe("Claims");
    const copy = join(tmp, "case.xlsx");
    const copied = await cli(SAMPLE_XLSX, "--sheet", "CLAIMS", "--format", "json", "--as-of", "2026-06-30", "--out", copy);
    expect(copied.out).toBe(exact.out);
    const members = ["--members", SAMPLE_XLSX, "--format", "json", "--as-of", "2026-06-30"];
    const listed = await cli(SAMPLE_XLSX, ...members, "--members-sheet", "ecm MEMBERS");
    expect(listed.err).toBe("");
    expect(listed.out).toBe((await cli(SAMPLE_XLSX, ...members, "--members-sheet", "ECM Members")).out);
    expect(sheetNamed(["Claims", "claims"], "claims")).toBe("claims"); // an exact name first (a file not written by Office)
    expect(sheetNamed(["Claims"], "Nope")).toBe("Nope");
  });

  it("--help lists every option it accepts, with its short form and value, the exit codes and examples", async () => {
    for (const flag of ["--help", "-h"]) {
      const { code, out, err } = await cli(flag);
      expect(code).toBe(0);
      expect(err).toBe("");
      expect(out.split("\n")[0]).toMatch(/^usage: ecm FILE/);
      // The usage line is written by hand (its grouping: --force with --out, --members-sheet with --members).
      for (const o of CLI_OPTIONS) if (o.name !== "help") expect([o.name, USAGE.includes(`[--${o.name}`)]).toEqual([o.name, true]);
      for (const o of CLI_OPTIONS as readonly CliOption[]) {
        const line = out
          .split("\n")
          .filter((l) => l.startsWith("  "))
          .find((l) => l.includes(`--${o.name} `));
        expect(line).toBeDefined();
        if (o.short !== undefined) expect(line).toContain(`-${o.short}, --${o.name}`);
        if (o.value !== undefined) expect(line).toContain(`--${o.name} ${o.value}`);
        expect(line).toContain(o.help);
      }
      expect(out).toContain("Exit code: 0 no ERROR line, 1 some ERROR lines, 2 the file or the arguments could not be used.");
      expect(out).toContain("ecm rates > rates.csv");
    }
  });

  it("accepts every option --help lists, and its short form", async () => {
    const { out } = await cli(SAMPLE_XLSX, "-f", "json", "-v", "--cin", "--no-lesser-of", "--date-order", "mdy", "--window-days", "30");
    expect(Object.keys(JSON.parse(out) as object)).toEqual(["rows", "summary"]);
  });

  it("exits 0 when no row has an error", async () => {
    const file = join(tmp, "clean.csv");
    writeFileSync(file, "CIN,DOS,Code,Modifier,Auth #\n900A,2026-03-02,G9008,U1,T1\n900A,2026-04-02,g9008,u1 gq,T1\n");
    const { code, out } = await cli(file);
    expect(code).toBe(0);
    expect(out).toContain("Rows checked: 2   OK: 2");
  });

  it.each([
    [["missing.xlsx"], "cannot read missing.xlsx"],
    [[SAMPLE_XLSX, "--sheet", "Nope"], 'no sheet named "Nope"'],
    [[SAMPLE_CSV, "--as-of", "2026-02-30"], "--as-of must be a real date"],
    [[SAMPLE_CSV, "--format", "xml"], "--format must be table, json or csv"],
    [["notes.docx"], "unsupported file type"],
    [[], "give exactly one FILE"],
    [[SAMPLE_CSV, "--bogus"], "Unknown option"],
    [[SAMPLE_CSV, "--out", SAMPLE_CSV], "never overwritten"],
  ])("exits 2 with a one-line message for %p", async (args, text) => {
    const { code, err, out } = await cli(...args);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain(text);
    expect(err.trim().split("\n")).toHaveLength(1);
  });

  it("exits 2 naming the required columns when no header is found", async () => {
    const file = join(tmp, "noheader.csv");
    writeFileSync(file, "Name,Amount\nx,1\n");
    const { code, err } = await cli(file);
    expect(code).toBe(2);
    expect(err).toContain('Missing required columns: Member ID (e.g. "Member ID", "CIN" or "Medi-Cal ID")');
    expect(err).toContain('Headers seen in row 1: "Name", "Amount"');
  });

  it("exits 2 on a file that is not a workbook", async () => {
    const file = join(tmp, "broken.xlsx");
    writeFileSync(file, "not a zip");
    const { code, err } = await cli(file);
    expect(code).toBe(2);
    expect(err).toContain("is not an .xlsx workbook (it is not a zip package)");
  });

  it("writes an annotated copy and re-uses its result columns on the next run", async () => {
    const first = join(tmp, "annotated.xlsx");
    const second = join(tmp, "annotated-again.xlsx");
    expect((await cli(SAMPLE_XLSX, "--out", first)).code).toBe(1);
    expect((await cli(first, "--out", second, "--format", "json")).code).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(second);
    const ws = wb.getWorksheet("Claims");
    if (ws === undefined) throw new Error("sheet missing");
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      "Member ID",
      "Date of Service",
      "HCPCS",
      "Modifiers",
      "Units",
      "Billed Amount",
      "TAR Number",
      "ECM Enrollment Date",
      "Outreach Method",
      "Notes",
      "ECM Status",
      "ECM Rules",
      "ECM Message",
      "ECM Expected",
    ]);
    expect(ws.getCell("K7").value).toBe("ERROR");
    expect(ws.getCell("L7").value).toBe("ECM-OUTREACH-30D");
    expect(ws.getCell("N10").value).toBe(400);
    expect((ws.getCell("K7").fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFC7CE");
    expect(ws.getCell("K39").value).toBeNull(); // the blank row gets no verdict
    expect(ws.getCell("A2").value).toBe("90000001A"); // user data untouched
  });

  it("streams the annotated copy of a large workbook: every sheet, dates, results and colours", async () => {
    const source = join(tmp, "two-sheets.xlsx");
    const wb = new ExcelJS.Workbook();
    const notes = wb.addWorksheet("Notes");
    notes.addRow(["keep me"]);
    notes.addRow(["a merged title", "", "", "after"]);
    notes.mergeCells("A2:C2");
    wb.addWorksheet("Lookup", { state: "hidden" }).addRow(["hidden"]);
    const claims = wb.addWorksheet("Claims");
    claims.addRow(["Member ID", "DOS", "HCPCS", "Modifiers", "TAR"]);
    claims.addRow(["900A", new Date(Date.UTC(2026, 2, 2)), "G9008", "U1", "T1"]);
    claims.addRow(["900A", new Date(Date.UTC(2026, 2, 3)), "G9008", "U1", ""]);
    await wb.xlsx.writeFile(source);
    const input = await loadSheet(source, { sheet: "Claims", forCopy: true, fullModelMaxBytes: 0 });
    expect(input.workbook).toBeUndefined();
    expect(input.sheets?.map((s) => [s.name, s.state])).toEqual([
      ["Notes", "visible"],
      ["Lookup", "hidden"],
      ["Claims", "visible"],
    ]);
    const result = validateGrid(input.grid, { asOf: dayFromISO("2026-06-30") as number });
    if (!result.ok) throw new Error(result.message);
    const out = join(tmp, "two-sheets-annotated.xlsx");
    await writeAnnotated(out, input, result.headerRow, result.verdicts);
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.readFile(out);
    expect(copy.worksheets.map((w) => [w.name, w.state])).toEqual([
      ["Notes", "visible"],
      ["Lookup", "hidden"], // a hidden sheet stays hidden
      ["Claims", "visible"],
    ]);
    expect(copy.getWorksheet("Notes")?.getCell("A1").value).toBe("keep me");
    // A merged range stays merged, its value in its top-left cell; the cell after it is where it was.
    const merged = copy.getWorksheet("Notes") as ExcelJS.Worksheet;
    expect([merged.getCell("C2").isMerged, merged.getCell("C2").master.address, merged.getCell("A2").value]).toEqual([
      true,
      "A2",
      "a merged title",
    ]);
    expect([merged.getCell("D2").isMerged, merged.getCell("D2").value]).toEqual([false, "after"]);
    const ws = copy.getWorksheet("Claims") as ExcelJS.Worksheet;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      "Member ID",
      "DOS",
      "HCPCS",
      "Modifiers",
      "TAR",
      "ECM Status",
      "ECM Rules",
      "ECM Message",
      "ECM Expected",
    ]);
    expect(ws.getCell("B2").value).toEqual(new Date(Date.UTC(2026, 2, 2)));
    expect([ws.getCell("F2").value, ws.getCell("I2").value, ws.getCell("F3").value, ws.getCell("G3").value]).toEqual([
      "OK",
      400,
      "ERROR",
      "ECM-TAR",
    ]);
    expect((ws.getCell("F3").fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFC7CE");
  });

  it("says when an .xlsx copy keeps values only (a workbook over the full-model size), and only then", async () => {
    let out = "";
    const run = (maxBytes: number | undefined, copy: string) =>
      runCli([SAMPLE_XLSX, "--format", "json", "--out", join(tmp, copy), "--force"], {
        stdout: (t) => (out = t),
        stderr: () => undefined,
        cwd: () => process.cwd(),
        today: () => dayFromISO("2026-06-30") as number,
        ...(maxBytes === undefined ? {} : { copyFullModelMaxBytes: maxBytes }),
      });
    const notes = () => (JSON.parse(out) as { summary: { notes: string[] } }).summary.notes.filter((n) => n.includes("copy"));
    await run(0, "values-only.xlsx");
    const size = (statSync(SAMPLE_XLSX).size / 1024 / 1024).toFixed(1);
    expect(notes()).toEqual([
      `The annotated copy keeps the workbook's values, hidden sheets and merged cells but not its formats, formulas, comments or Tables: a workbook over 0 MB (this one: ${size} MB) is copied as values, to stay fast. To keep everything, validate it in Excel with the task pane, or write a CSV copy (--out copy.csv).`,
    ]);
    await run(undefined, "full.xlsx"); // the sample is well under 2 MB: a full copy, no note
    expect(notes()).toEqual([]);
  });

  it("writes an annotated CSV copy", async () => {
    const out = join(tmp, "annotated.csv");
    await cli(SAMPLE_CSV, "--out", out);
    expect(existsSync(out)).toBe(true);
    const text = execFileSync("head", ["-2", out]).toString().split("\n");
    expect(text[0]).toBe(
      "Member ID,Date of Service,HCPCS,Modifiers,Units,Billed Amount,TAR Number,ECM Enrollment Date,Outreach Method,Notes,ECM Status,ECM Rules,ECM Message,ECM Expected",
    );
    expect(text[1]).toBe('90000001A,1/5/2026,G9008,"U8, GQ",1,5,,,Phone call,1st outreach attempt,OK,,,5');
  });

  it("works as the npm script, with real exit codes", () => {
    const ok = spawnSync("npm", ["run", "--silent", "ecm", "--", SAMPLE_CSV, "--as-of", "2026-06-30", "--format", "json"], {
      encoding: "utf8",
    });
    expect(ok.status).toBe(1);
    expect((JSON.parse(ok.stdout) as { summary: { rows: number } }).summary.rows).toBe(SAMPLE_TOTALS.rows);
    const bad = spawnSync("npm", ["run", "--silent", "ecm", "--", "missing.csv"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("ecm: cannot read missing.csv: ENOENT\n");
  });

  it("ships compiled: bin/ecm-claims.js runs build/cli's JavaScript with plain node (no tsx), building it when missing", () => {
    const launched = spawnSync(process.execPath, ["bin/ecm-claims.js", SAMPLE_CSV, "--as-of", "2026-06-30", "--format", "json"], {
      encoding: "utf8",
      env: { ...process.env, NODE_OPTIONS: "" },
    });
    expect(launched.status).toBe(1);
    expect((JSON.parse(launched.stdout) as { summary: { rows: number } }).summary.rows).toBe(SAMPLE_TOTALS.rows);
    expect(existsSync("build/cli/cli/main.js")).toBe(true);
    expect(readFileSync("build/cli/cli/main.js", "utf8")).not.toContain("tsx");
    expect(JSON.parse(readFileSync("package.json", "utf8")).bin).toEqual({ "ecm-claims": "bin/ecm-claims.js" });
  }, 60_000);

  it("compiles after a change once, not on every run, though an incremental compile leaves main.js older than the sources", () => {
    const launch = () => spawnSync(process.execPath, ["bin/ecm-claims.js", "limits"], { encoding: "utf8" });
    const stamp = "build/cli/.built-by-launcher";
    expect(launch().status).toBe(0);
    // Every build mark before the newest source, as after editing src/cli/read.ts: one compile.
    const sources = ["src/cli", "src/engine", "src/shared"].flatMap((d) =>
      readdirSync(d, { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(".ts"))
        .map((f) => join(d, f)),
    );
    const past = new Date(Math.max(...sources.map((f) => statSync(f).mtimeMs)) - 60_000);
    for (const f of ["build/cli/cli/main.js", "build/cli/.tsbuildinfo", stamp]) if (existsSync(f)) utimesSync(f, past, past);
    expect(launch().status).toBe(0);
    const compiledAt = statSync(stamp).mtimeMs;
    expect(compiledAt).toBeGreaterThan(past.getTime());
    // main.js still older than that source (the compile had nothing new to write to it): no compile.
    utimesSync("build/cli/cli/main.js", past, past);
    expect(launch().stdout).toMatch(/^Plan,/);
    expect(statSync(stamp).mtimeMs).toBe(compiledAt);
  }, 60_000);
});
