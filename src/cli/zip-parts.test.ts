import { readFileSync } from "node:fs";
import { centralDirectoryTail, openZipBuffer } from "./zip-parts";

const claims = readFileSync("tests/fixtures/workbooks/openpyxl-claims.xlsx");

describe("centralDirectoryTail", () => {
  it("is 22 for a zip without a comment, the record and its comment for one with, and 80 when there is no record", () => {
    expect(centralDirectoryTail(claims)).toBe(22);
    const commented = readFileSync("tests/fixtures/workbooks/synthetic-zip-comment.xlsx");
    expect(centralDirectoryTail(commented)).toBe(22 + 200);
    expect(centralDirectoryTail(Buffer.concat([claims, Buffer.alloc(900, 7)]))).toBe(22 + 900);
    expect(centralDirectoryTail(Buffer.alloc(100))).toBe(80);
  });

  it("lets every entry of such zips be read", async () => {
    const names = async (bytes: Buffer) => (await openZipBuffer(bytes)).map((f) => f.path).sort();
    const expected = await names(claims);
    expect(expected).toContain("xl/workbook.xml");
    expect(await names(readFileSync("tests/fixtures/workbooks/synthetic-zip-comment.xlsx"))).toEqual(expected);
    expect(await names(Buffer.concat([claims, Buffer.alloc(900, 7)]))).toEqual(expected);
  });
});
