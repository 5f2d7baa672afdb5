import JSZip from "jszip";
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { readablePackage } from "./readable-package";
import { readParts } from "./zip-parts";

describe("readablePackage", () => {
  it("reshapes a part stored in another case than Excel's under Excel's name (xl/Workbook.xml written with the x: prefix)", async () => {
    const source = await JSZip.loadAsync(readFileSync("tests/fixtures/workbooks/openpyxl-claims.xlsx"));
    const workbook = (await source.file("xl/workbook.xml")?.async("string")) ?? "";
    const prefixed = workbook
      .replace(
        'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
        'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
      )
      .replace(/<(\/?)(?=[A-Za-z_][\w.-]*[\s/>])/g, "<$1x:");
    expect(prefixed).toContain("<x:sheets>");
    source.remove("xl/workbook.xml");
    source.file("xl/Workbook.xml", prefixed);
    const bytes = await source.generateAsync({ type: "nodebuffer" });
    const readable = await readablePackage(new ExcelJS.Workbook().xlsx, bytes, await readParts(bytes));
    const parts = await readParts(readable);
    expect(parts.entries).toContain("xl/workbook.xml");
    expect(parts.entries).not.toContain("xl/Workbook.xml");
    const text = (await parts.text("xl/workbook.xml")) ?? "";
    expect(text).toContain("<sheets>");
    expect(text).not.toContain("<x:");
  });
});
