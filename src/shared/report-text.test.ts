import { headerRowNotes, totalsNotes } from "./report-text";

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
