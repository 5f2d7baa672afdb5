import { hasTar, isMemberPlaceholder, isShortenedNumber, isTarPlaceholder, TAR_PLACEHOLDERS, MEMBER_PLACEHOLDERS } from "./placeholders";

describe("TAR placeholders", () => {
  it("are no TAR, in any case and with surrounding spaces", () => {
    for (const p of TAR_PLACEHOLDERS) {
      expect([p, hasTar(p)]).toEqual([p, false]);
      expect(hasTar(p.toUpperCase())).toBe(false);
      expect(hasTar(`  ${p} `)).toBe(false);
    }
    expect(hasTar(0)).toBe(false);
    expect(isTarPlaceholder("")).toBe(false); // blank is not a placeholder (it is simply empty)
  });
  it("leave real TAR numbers alone, including ones that start like a placeholder", () => {
    for (const tar of [
      "TAR-26-0101",
      "T1",
      "tbd1",
      "NA-123",
      "pending-2",
      "x1",
      "00",
      "12345678901",
      12345,
      123456789012,
      "1.5",
      "1E5",
      "12E+45",
    ])
      expect([tar, hasTar(tar)]).toEqual([tar, true]);
  });
  it("include a long number Excel shortened to scientific notation (its digits are lost), as a CSV saved from Excel writes it", () => {
    for (const tar of ["1.23457E+11", "1E+12", " 1.23457E+11 ", "1.23457e+11", "1,23457E+11"])
      expect([tar, hasTar(tar)]).toEqual([tar, false]);
  });
});

describe("member ID placeholders", () => {
  it("are the listed words and runs of zeros (IDs arrive trimmed and upper-cased)", () => {
    for (const p of MEMBER_PLACEHOLDERS) expect(isMemberPlaceholder(p.toUpperCase())).toBe(true);
    for (const zeros of ["0", "00", "000000000"]) expect(isMemberPlaceholder(zeros)).toBe(true);
  });
  it("are not real IDs", () => {
    for (const id of ["91234567A", "TESTER", "UNKNOWNX", "1000", "0001", "NAN"]) expect(isMemberPlaceholder(id)).toBe(false);
  });
});

describe("member IDs Excel shortened to scientific notation", () => {
  it("are numbers as the General format shows 12 or more digits", () => {
    for (const id of ["1.23457E+11", "1E+12", "9.87654E+14", "1.2E-05", "1,23457E+11"]) expect(isShortenedNumber(id)).toBe(true);
  });
  it("are not IDs that merely hold an E", () => {
    for (const id of ["123456789012", "E12345678", "1234E5678", "12E45", "1.2E+", "91234567E", "1.23457E+11X"])
      expect(isShortenedNumber(id)).toBe(false);
  });
  it("take time linear in the cell's length", () => {
    expect(isShortenedNumber(`1.${"2".repeat(100_000)}E+`)).toBe(false);
  });
});
