import { memberKey } from "./member-key";

describe("member keys", () => {
  it("are trimmed, upper-cased and without invisible characters", () => {
    expect(memberKey(" 91234567a\u200B ")).toBe("91234567A");
  });
  it("drop the leading zeros of an ID of digits only, which Excel drops when it reads the column as numbers", () => {
    expect(memberKey("000123456")).toBe("123456");
    expect(memberKey("0123456")).toBe(memberKey("123456"));
  });
  it('read a whole number written as a float ("12345678.0", how pandas writes a column with an empty cell) as the number', () => {
    expect(["12345678.0", "12345678.00", " 012345678.0 "].map(memberKey)).toEqual(["12345678", "12345678", "12345678"]);
    for (const id of ["1234.5", "1234.50", ".0", "A1.0", "1.0E+5", "0.0"]) expect(memberKey(id)).toBe(id === "0.0" ? "0" : id);
  });
  it("keep the zeros of IDs with letters, of a run of zeros (a placeholder) and of everything else", () => {
    for (const id of ["01234567A", "0A", "000", "0", "0-123", "0 123", "1000"]) expect(memberKey(id)).toBe(id);
  });
});
