/**
 * CSV files written by R (tests/fixtures/workbooks/make_r_csv.R: base R's write.csv and readr's
 * write_csv, Debian's r-base-core 4.2.2 and r-cran-readr 2.1.4): claims, a members list and a rate
 * book whose missing values are NA, unquoted, read as empty cells; a quoted "NA" as the text.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseCsvText } from "csv-parse/sync";
import { missingNote, parseCsvFile, quotedFields } from "../src/cli/csv";
import { cli } from "./helpers/cli";
import { naTextNote, naTextNotes } from "../src/shared/report-text";

const DIR = "tests/fixtures/workbooks";
const tmp = mkdtempSync(join(tmpdir(), "ecm-r-"));

type Report = {
  rows: { row: number; status: string; findings: { rule: string; message: string }[] }[];
  summary: Record<string, number> & { notes: string[] };
};
const statuses = (r: Report) => r.rows.map((x) => `${x.row} ${x.status} ${x.findings.map((f) => f.rule).join(",")}`.trim());

describe("R's missing value NA (make_r_csv.R: write.csv, readr's write_csv)", () => {
  type Json = Report & { rows: { findings: { rule: string; message: string }[] }[] };
  const runPath = async (path: string) =>
    JSON.parse((await cli(path, "--format", "json", "--members", join(DIR, "r-members.csv"))).out) as Json;
  const run = (file: string) => runPath(join(DIR, file));
  const membersNote = `r-members.csv writes NA, unquoted, where a value is missing, as R's write.csv and readr's write_csv do: its 3 such cells (the first in row 2, column C) are read as empty. An NA in quotes ("NA") is read as the text NA.`;

  it("reads an unquoted NA as empty: no false ECM-MODIFIER or ECM-ENROLL-DATE, and the members list is read", async () => {
    // Before, Modifiers NA was ECM-MODIFIER on the engagement and G9007 lines, EnrollmentDate NA
    // ECM-ENROLL-DATE on lines without one, and the members list was refused (Disenrollment Date
    // "NA" is not a date, on every row).
    const r = await run("r-write-csv.csv");
    expect(statuses(r)).toEqual(["2 OK", "3 OK", "4 OK ECM-MDT-INFO", "5 ERROR ECM-TAR", "6 OK", "7 ERROR ECM-MEMBER"]);
    // write.csv quotes its text: the TAR typed as "NA" is the text NA, a placeholder.
    expect(r.rows[3]?.findings[0]?.message).toContain('TAR "NA" is a placeholder, not a TAR number');
    expect(r.rows[5]?.findings[0]?.message).toBe("MemberID is empty: every claim line needs the member's Medi-Cal ID (CIN).");
    expect(r.summary.notes).toEqual([
      `r-write-csv.csv writes NA, unquoted, where a value is missing, as R's write.csv and readr's write_csv do: its 15 such cells (the first in row 2, column E) are read as empty. An NA in quotes ("NA") is read as the text NA.`,
      membersNote,
    ]);
  });

  it("reads readr's file to the same verdicts; its text NA is unquoted, so that TAR is empty, as R reads it back", async () => {
    const r = await run("readr-write-csv.csv");
    expect(statuses(r)).toEqual(["2 OK", "3 OK", "4 OK ECM-MDT-INFO", "5 ERROR ECM-TAR", "6 OK", "7 ERROR ECM-MEMBER"]);
    expect(r.rows[3]?.findings[0]?.message).toContain("and TAR is empty");
    expect(r.summary.notes[0]).toMatch(/^readr-write-csv\.csv writes NA, .*its 16 such cells \(the first in row 2, column D\)/);
  });

  it("reads a rate book R wrote: its empty Plan and effective dates are NA (before, the book was refused)", async () => {
    const r = JSON.parse(
      (
        await cli(
          join(DIR, "r-write-csv.csv"),
          "--format",
          "json",
          "--rates",
          join(DIR, "r-rates.csv"),
          "--members",
          join(DIR, "r-members.csv"),
        )
      ).out,
    ) as Json & { summary: { rateTable: string } };
    expect(statuses(r)).toEqual(statuses(await run("r-write-csv.csv")));
    expect(r.summary.rateTable).toBe("r-rates.csv (4 rates)");
    expect(r.summary.notes).toContain(
      `r-rates.csv writes NA, unquoted, where a value is missing, as R's write.csv and readr's write_csv do: its 14 such cells (the first in row 2, column A) are read as empty. An NA in quotes ("NA") is read as the text NA.`,
    );
  });

  it("says how to clear NA in a workbook, where the quotes are gone (R's CSV opened and saved by LibreOffice)", async () => {
    const r = JSON.parse((await cli(join(DIR, "libreoffice-r-csv.xlsx"), "--format", "json")).out) as Json;
    expect(r.summary.notes).toEqual([naTextNote(16, 2, "E")]);
    expect(r.rows[0]?.findings.map((f) => f.rule)).toEqual(["ECM-MODIFIER", "ECM-ENROLL-DATE"]); // checked as typed
    // No note where NA is only in the member ID and TAR columns (it is a placeholder there) or is no whole cell.
    expect(
      naTextNotes(
        [
          ["NA", "x", "NA"],
          ["M1", "NAB", "T1"],
        ],
        2,
        { member: 0, tar: 2, modifiers: [] },
        (c) => `col${c}`,
      ),
    ).toEqual([]);
    expect(naTextNotes([["M1", "NA", "NA"]], 7, { member: 0, tar: 2, modifiers: [] }, (c) => `col${c}`)).toEqual([
      naTextNote(2, 7, "col1"),
    ]);
  });

  it("keeps the NA cells as written in a CSV copy", async () => {
    const copy = join(tmp, "r-copy.csv");
    expect((await cli(join(DIR, "r-write-csv.csv"), "--members", join(DIR, "r-members.csv"), "--out", copy)).code).toBe(1);
    const written = parseCsvText(readFileSync(copy, "utf8")) as string[][];
    const source = parseCsvText(readFileSync(join(DIR, "r-write-csv.csv"), "utf8")) as string[][];
    expect(written.map((cells) => cells.slice(0, 10))).toEqual(source);
    // The text NA (row 5's TAR) stays in quotes, the missing ones do not: the copy reads back as the file.
    const lines = readFileSync(copy, "utf8").split("\n");
    expect(lines[4]).toMatch(/^4,90000002B,2026-03-03,G9008,U1,1,400,"NA",2026-02-01,NA,ERROR,/);
    expect(statuses(await runPath(copy))).toEqual(statuses(await run("r-write-csv.csv")));
  });

  it("tells an unquoted NA from a quoted one, and from text that starts with NA, whatever the delimiter", () => {
    for (const d of [",", ";", "\t"]) {
      const text = ["Member ID,Modifiers,TAR,Notes", 'NA,"NA",NAB,NA', "M1,U1,NA ,x NA"].map((l) => l.replaceAll(",", d)).join("\r\n");
      const { grid, raw, missing } = parseCsvFile(Buffer.from(text));
      expect(grid.slice(1)).toEqual([
        ["", "NA", "NAB", ""],
        ["M1", "U1", "NA ", "x NA"],
      ]);
      expect(raw?.slice(1)).toEqual([
        ["NA", "NA", "NAB", "NA"],
        ["M1", "U1", "NA ", "x NA"],
      ]);
      expect(missing).toEqual({ count: 2, row: 1, column: 0 });
    }
    expect(parseCsvFile(Buffer.from("Member ID,Notes\nM1,NAB\n"))).toEqual({
      grid: [
        ["Member ID", "Notes"],
        ["M1", "NAB"],
      ],
      delimiter: ",",
      encoding: "utf-8",
      lineEnd: "\n",
    });
    expect(quotedFields('"a ""NA"", b",NA,"NA",,"x"y,"', ",")).toEqual([true, false, true, false, true, true]);
    expect(quotedFields("NA\tNA", "\t")).toEqual([false, false]);
    expect(quotedFields('"unclosed,NA', ",")).toEqual([true]);
    // A quoted field holding a line break and an NA: only the unquoted one is missing.
    expect(parseCsvFile(Buffer.from('Member ID,Notes,TAR\n"M1","x\nNA",NA\n"M2","NA",NA\n')).grid).toEqual([
      ["Member ID", "Notes", "TAR"],
      ["M1", "x\nNA", ""],
      ["M2", "NA", ""],
    ]);
    expect(missingNote("a.csv", { count: 1, row: 4, column: 27 })).toBe(
      `a.csv writes NA, unquoted, where a value is missing, as R's write.csv and readr's write_csv do: its one such cell in row 5, column AB is read as empty. An NA in quotes ("NA") is read as the text NA.`,
    );
  });
});
