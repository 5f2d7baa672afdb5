import {
  CHECK_ANOTHER_SHEET,
  headerRowNotes,
  listedDetails,
  MAX_DETAILS,
  membersSheetNotes,
  otherSheetsNotes,
  rateBookSheetNotes,
  totalsNotes,
  USE_MEMBERS_SHEET,
} from "./report-text";

describe("the note on totals rows (CLI and task pane)", () => {
  it("names the rows, at most ten, and never quotes a label (Data > Subtotal puts the member ID in it)", () => {
    expect(totalsNotes([])).toEqual([]);
    expect(totalsNotes([52])).toEqual([
      "row 52 reads as a totals row (a Total label and sums, no date of service or HCPCS): it is not a claim line, so it was not checked.",
    ]);
    expect(totalsNotes([3, 5, 9])[0]).toMatch(
      /^rows 3, 5 and 9 read as totals rows \(.*\): they are not claim lines, so they were not checked\.$/,
    );
    expect(totalsNotes(Array.from({ length: 13 }, (_, k) => k * 4 + 3))[0]).toMatch(/^rows 3, 7, .*, 39 and 3 more read as totals rows/);
    expect(totalsNotes(Array.from({ length: 11 }, (_, k) => k * 4 + 3))[0]).toMatch(/^rows 3, 7, .*, 39 and 43 read as totals rows/); // never "1 more"
  });
});

describe("the note on rows that repeat the header row (CLI and task pane)", () => {
  it("names the rows as the totals note does", () => {
    expect(headerRowNotes([])).toEqual([]);
    expect(headerRowNotes([3, 5])).toEqual([
      "rows 3 and 5 repeat the header row (exports pasted one under another?): they are not claim lines, so they were not checked.",
    ]);
  });
});

describe("the details listed under a refusal (CLI stderr and the task pane's message)", () => {
  it("lists every detail up to MAX_DETAILS, then how many more there are", () => {
    const rows = (n: number) => Array.from({ length: n }, (_, k) => `row ${k + 2}: not a date`);
    expect(listedDetails(rows(3))).toEqual(rows(3));
    expect(listedDetails(rows(MAX_DETAILS))).toEqual(rows(MAX_DETAILS));
    expect(listedDetails(rows(MAX_DETAILS + 7))).toEqual([...rows(MAX_DETAILS), "and 7 more"]);
  });
});

describe("the note on other sheets that hold claims (CLI and task pane)", () => {
  it("names one, several, or the first ten and how many more", () => {
    const months = (n: number) => Array.from({ length: n }, (_, k) => `M${k + 1}`);
    expect(otherSheetsNotes("Jan", [], CHECK_ANOTHER_SHEET.cli)).toEqual([]);
    expect(otherSheetsNotes("Jan", ["Feb"], CHECK_ANOTHER_SHEET.pane)[0]).toMatch(
      /^sheet "Feb" also holds claims and was not checked: .* saw sheet "Jan" only\. Select a cell on another sheet and validate again to check it, or /,
    );
    expect(otherSheetsNotes("Jan", months(3), CHECK_ANOTHER_SHEET.cli)[0]).toMatch(
      /^sheets "M1", "M2" and "M3" also hold claims and were not checked: /,
    );
    expect(otherSheetsNotes("Jan", months(11), CHECK_ANOTHER_SHEET.cli)[0]).toMatch(/^sheets "M1", "M2", .*"M10" and "M11" also hold /);
    expect(otherSheetsNotes("Jan", months(47), CHECK_ANOTHER_SHEET.cli)[0]).toMatch(
      /^sheets "M1", .*, "M10" and 37 more also hold claims /,
    );
  });
});

describe("the note on a sheet that looks like a members list, when none was used (CLI and task pane)", () => {
  it("names the sheets and says how to use the first, quoting a command-line argument only when it needs it", () => {
    expect(membersSheetNotes([], USE_MEMBERS_SHEET.pane)).toEqual([]);
    expect(membersSheetNotes(["Members Nov"], USE_MEMBERS_SHEET.pane)).toEqual([
      'sheet "Members Nov" looks like a members list (member ID and enrollment date columns) but no members list was used, so enrollment dates came from the claims alone and ECM-NOT-IN-MEMBERS and ECM-DISENROLLED could not fire. To use it, pick it under Options > Members list.',
    ]);
    expect(membersSheetNotes(["Plan file", "Roster"], USE_MEMBERS_SHEET.cli)[0]).toMatch(
      /^sheets "Plan file" and "Roster" look like members lists .* To use it, add --members-sheet "Plan file"\.$/,
    );
    expect(membersSheetNotes(["Roster"], USE_MEMBERS_SHEET.cli)[0]).toContain("add --members-sheet Roster.");
    expect(membersSheetNotes(['Say "hi" $1'], USE_MEMBERS_SHEET.cli)[0]).toContain('add --members-sheet "Say \\"hi\\" \\$1".');
  });
});

describe("the CLI's note on a rate table in the claims workbook that was not used", () => {
  it("gives --rates with the workbook for the task pane's ECM Rates sheet, else how to use another sheet", () => {
    expect(rateBookSheetNotes([], "claims.xlsx", "ECM Rates")).toEqual([]);
    expect(rateBookSheetNotes(["ECM rates"], "my claims.xlsx", "ECM Rates")[0]).toMatch(
      /^sheet "ECM rates" looks like a rate table .* To use it, as the task pane does, add --rates "my claims\.xlsx"\.$/,
    );
    expect(rateBookSheetNotes(["Rates 2026", "Old rates"], "claims.xlsx", "ECM Rates")[0]).toMatch(
      /^sheets "Rates 2026" and "Old rates" look like rate tables .* save it as CSV and add --rates FILE\.csv, or name it "ECM Rates" and add --rates claims\.xlsx\.$/,
    );
  });
});
