import { claimAmountColumns, decimalCommaAmount, readDecimalCommas } from "./decimal-comma";
import { findHeader, type Cell } from "../engine";

describe("amounts written with a decimal comma", () => {
  it.each<[string, number]>([
    ["400,00", 400],
    ["1234,5", 1234.5],
    ["1.234,50", 1234.5],
    ["1.234.567,89", 1234567.89],
    [" $400,00 ", 400],
    [" $(50,00)", -50],
    ["(50,00)", -50],
    ["-4,50", -4.5],
    ["$-4,50", -4.5],
    ["400,00 €", 400],
    ["4,5", 4.5],
  ])("reads %p as %p", (text, n) => expect(decimalCommaAmount(text)).toBe(n));
  it.each(["400", "400.00", "1,234", "1,234.50", "12,345", "1.23,45", "(50,00", "--4,50", "$4,50$", "1,2,3", "abc", "4,500"])(
    "does not read %p as one",
    (text) => expect(decimalCommaAmount(text)).toBeUndefined(),
  );
  it("gives up on a long cell at once (linear time)", () => {
    expect(decimalCommaAmount(`${"1".repeat(100_000)},50`)).toBeUndefined();
    expect(decimalCommaAmount(`${" ".repeat(100_000)}1,50`)).toBeUndefined();
  });
});

describe("a claims file's amount columns", () => {
  const grid = (billed: Cell[], delimiterFile = ";") => {
    const rows: Cell[][] = [
      ["Member ID", "DOS", "HCPCS", "Modifiers", "Billed Amount", "Notes"],
      ...billed.map((b) => ["M1", "02.03.2026", "G9008", "U1", b, "2,50 per visit"]),
    ];
    const header = findHeader(rows);
    if (!header.ok) throw new Error("no header");
    return readDecimalCommas(rows, header.headerIndex, claimAmountColumns(header.mapping), delimiterFile, "claims.csv");
  };
  it("are read as amounts when some cell is a decimal-comma amount and none a decimal-point one", () => {
    const read = grid(["400", "4,50", ""]);
    expect(read?.grid.slice(1).map((r) => r[4])).toEqual(["400", 4.5, ""]);
    expect(read?.grid.slice(1).map((r) => r[5])).toEqual(["2,50 per visit", "2,50 per visit", "2,50 per visit"]); // other columns as they are
    expect(read?.note).toMatch(/^claims\.csv writes amounts with a decimal comma \("4,50" in row 3, column E\)/);
  });
  it("are left as they are in a comma-delimited file, with a decimal-point amount, or with none", () => {
    expect(grid(["400", "4,50"], ",")).toBeUndefined();
    expect(grid(["4.50", "4,50"])).toBeUndefined();
    expect(grid(["400", "5"])).toBeUndefined();
  });
});
