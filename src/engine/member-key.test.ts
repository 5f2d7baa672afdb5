import { memberKey } from "./member-key";

describe("member keys", () => {
  it("are trimmed, upper-cased and without invisible characters", () => {
    expect(memberKey(" 91234567a\u200B ")).toBe("91234567A");
  });
  it("drop the leading zeros of an ID of digits only, which Excel drops when it reads the column as numbers", () => {
    expect(memberKey("000123456")).toBe("123456");
    expect(memberKey("0123456")).toBe(memberKey("123456"));
  });
  it("keep the zeros of IDs with letters, of a run of zeros (a placeholder) and of everything else", () => {
    for (const id of ["01234567A", "0A", "000", "0", "0-123", "0 123", "1000"]) expect(memberKey(id)).toBe(id);
  });
});
