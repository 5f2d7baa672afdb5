import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { keepLinksOnCellsWithoutText } from "./copy-links";
import { readParts } from "./zip-parts";

keepLinksOnCellsWithoutText();

/** A workbook's first sheet loaded by ExcelJS's full model and written back: the sheet's XML and its relationships. */
async function roundTrip(bytes: Buffer): Promise<{ sheet: string; rels: string; wb: ExcelJS.Workbook }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const parts = await readParts(Buffer.from(await wb.xlsx.writeBuffer()));
  return {
    sheet: (await parts.text("xl/worksheets/sheet1.xml")) as string,
    rels: (await parts.text("xl/worksheets/_rels/sheet1.xml.rels")) ?? "",
    wb,
  };
}

describe("links on cells without text (copy-links.ts)", () => {
  it("keeps a linked number a number, a linked date a date, and writes each link back", async () => {
    // openpyxl-linked-cells.xlsx: B2 a date, F3 the number 400, A4 the text 90000002B, each linked.
    const { sheet, rels, wb } = await roundTrip(readFileSync("tests/fixtures/workbooks/openpyxl-linked-cells.xlsx"));
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect([ws.getCell("B2").value, ws.getCell("F3").value]).toEqual([new Date(Date.UTC(2026, 2, 2)), 400]);
    expect(ws.getCell("A4").value).toEqual({ text: "90000002B", hyperlink: "https://portal.example/members/90000002B" });
    expect(sheet).toMatch(/<c r="F3"[^>]*><v>400<\/v><\/c>/); // not t="s": a number, as it was
    expect([...sheet.matchAll(/<hyperlink ref="(\w+)"/g)].map((m) => m[1]).sort()).toEqual(["A4", "B2", "F3"]);
    for (const target of ["claims/2", "receipts/3", "members/90000002B"]) expect(rels).toContain(`https://portal.example/${target}`);
  });

  it("patches once, however often it is asked, though other patches wrap the same methods after it", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- an ExcelJS internal
    const xform = require("exceljs/lib/xlsx/xform/sheet/cell-xform") as { prototype: { reconcile(...a: unknown[]): void } };
    const reconcile = xform.prototype.reconcile;
    xform.prototype.reconcile = function (this: unknown, ...a: unknown[]): void {
      reconcile.apply(this, a); // another module's wrapper, as excel-dates.ts and copy-xforms.ts add
    };
    try {
      keepLinksOnCellsWithoutText();
      const { sheet } = await roundTrip(readFileSync("tests/fixtures/workbooks/openpyxl-linked-cells.xlsx"));
      expect(sheet.match(/<hyperlink ref=/g)).toHaveLength(3); // each link once
    } finally {
      xform.prototype.reconcile = reconcile;
    }
  });
});
