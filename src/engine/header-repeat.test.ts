import { validateGrid } from "./validate";
import { dayFromISO } from "./days";
import type { Cell } from "./types";

const AS_OF = dayFromISO("2026-06-30") as number;
const HEADER = ["Member ID", "Date of Service", "HCPCS", "Modifiers", "Billed Amount", "TAR Number"];

describe("a row that repeats the header row (exports pasted one under another)", () => {
  it("gets no verdict, is not a member or a line, and is listed in the summary", () => {
    const grid: Cell[][] = [
      HEADER,
      ["91234567A", "2026-03-02", "G9008", "U1", 400, "T1"],
      [...HEADER],
      ["91234567B", "2026-04-02", "G9008", "U1", 400, "T1"],
      [" member id ", "DATE OF SERVICE", "hcpcs", "modifiers", "billed amount", "tar number"], // another export's spelling of the same header
    ];
    const result = validateGrid(grid, { asOf: AS_OF });
    if (!result.ok) throw new Error(result.message);
    expect([...result.verdicts].map((v) => [v.row, v.status])).toEqual([
      [2, "OK"],
      [4, "OK"],
    ]);
    expect(result.summary).toMatchObject({ rows: 2, ok: 2, error: 0, headerRows: [3, 5], totalsRows: [] });
    expect(result.summary.byMonth.map((m) => m.members)).toEqual([1, 1]);
  });

  it("is a claim line when any of member, date of service or HCPCS holds data", () => {
    const grid: Cell[][] = [
      HEADER,
      ["Member ID", "2026-03-02", "HCPCS", "", "", ""],
      ["91234567A", "Date of Service", "HCPCS", "", "", ""],
    ];
    const result = validateGrid(grid, { asOf: AS_OF });
    if (!result.ok) throw new Error(result.message);
    expect([...result.verdicts].map((v) => v.row)).toEqual([2, 3]);
    expect(result.summary.headerRows).toEqual([]);
  });
});
