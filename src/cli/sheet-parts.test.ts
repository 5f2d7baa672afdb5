import JSZip from "jszip";
import { rewritePackage, tablePartRenames } from "./sheet-parts";

const WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";

describe("rewritePackage", () => {
  it("moves the part and its relationships part, points the workbook's relationship and content type there, and changes nothing else", async () => {
    const zip = new JSZip();
    const sheet = '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>';
    const sheetRels = '<Relationships><Relationship Id="rId1" Target="../comments1.xml"/></Relationships>';
    zip.file("xl/worksheets/sheet.xml", sheet);
    zip.file("xl/worksheets/_rels/sheet.xml.rels", sheetRels);
    zip.file("xl/worksheets/sheet1.xml", "<worksheet/>");
    zip.file(
      "xl/_rels/workbook.xml.rels",
      `<Relationships><Relationship Id="rId3" Type="${WORKSHEET}" Target="worksheets/sheet.xml"/>` +
        `<Relationship Id="rId4" Type="${WORKSHEET}" Target='worksheets/sheet1.xml'/></Relationships>`,
    );
    zip.file(
      "[Content_Types].xml",
      '<Types><Override PartName="/xl/worksheets/sheet.xml" ContentType="w"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="w"/></Types>',
    );
    const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    const out = await JSZip.loadAsync(await rewritePackage(bytes, new Map([["xl/worksheets/sheet.xml", "xl/worksheets/sheet2.xml"]])));
    const text = async (name: string) => out.file(name)?.async("string");
    expect(
      Object.keys(out.files)
        .filter((n) => !out.files[n]?.dir)
        .sort(),
    ).toEqual([
      "[Content_Types].xml",
      "xl/_rels/workbook.xml.rels",
      "xl/worksheets/_rels/sheet2.xml.rels",
      "xl/worksheets/sheet1.xml",
      "xl/worksheets/sheet2.xml",
    ]);
    expect(await text("xl/worksheets/sheet2.xml")).toBe(sheet);
    expect(await text("xl/worksheets/_rels/sheet2.xml.rels")).toBe(sheetRels);
    expect(await text("xl/_rels/workbook.xml.rels")).toBe(
      `<Relationships><Relationship Id="rId3" Type="${WORKSHEET}" Target="worksheets/sheet2.xml"/>` +
        `<Relationship Id="rId4" Type="${WORKSHEET}" Target='worksheets/sheet1.xml'/></Relationships>`,
    );
    expect(await text("[Content_Types].xml")).toBe(
      '<Types><Override PartName="/xl/worksheets/sheet2.xml" ContentType="w"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="w"/></Types>',
    );
  });
});

describe("rewritePackage, a workbook moved from the package's root (workbook-location.ts)", () => {
  it("moves each part with its relationships part, and points every relationship of a moved one from its new folder", async () => {
    const zip = new JSZip();
    zip.file("_rels/.rels", '<Relationships><Relationship Id="rId1" Target="workbook.xml"/></Relationships>');
    zip.file("workbook.xml", "<workbook/>");
    zip.file(
      "_rels/workbook.xml.rels",
      `<Relationships><Relationship Id="rId1" Type="${WORKSHEET}" Target="sheet1.xml"/><Relationship Id="rId2" Target="calcChain.xml"/></Relationships>`,
    );
    zip.file("sheet1.xml", "<worksheet/>");
    zip.file(
      "_rels/sheet1.xml.rels",
      '<Relationships><Relationship Id="rId1" Target="comments1.xml"/><Relationship Id="rId2" TargetMode="External" Target="https://example.org/a"/></Relationships>',
    );
    zip.file("calcChain.xml", "<calcChain/>");
    zip.file("comments1.xml", "<comments/>");
    const renames = new Map([
      ["workbook.xml", "xl/workbook.xml"],
      ["sheet1.xml", "xl/worksheets/sheet1.xml"],
    ]);
    const out = await JSZip.loadAsync(await rewritePackage(await zip.generateAsync({ type: "nodebuffer" }), renames));
    const files = Object.keys(out.files).filter((n) => !out.files[n]?.dir);
    expect(files.sort()).toEqual([
      "_rels/.rels",
      "calcChain.xml",
      "comments1.xml",
      "xl/_rels/workbook.xml.rels",
      "xl/workbook.xml",
      "xl/worksheets/_rels/sheet1.xml.rels",
      "xl/worksheets/sheet1.xml",
    ]);
    const text = async (name: string) => out.file(name)?.async("string");
    expect(await text("_rels/.rels")).toBe('<Relationships><Relationship Id="rId1" Target="xl/workbook.xml"/></Relationships>');
    expect(await text("xl/_rels/workbook.xml.rels")).toBe(
      `<Relationships><Relationship Id="rId1" Type="${WORKSHEET}" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="../calcChain.xml"/></Relationships>`,
    );
    expect(await text("xl/worksheets/_rels/sheet1.xml.rels")).toBe(
      '<Relationships><Relationship Id="rId1" Target="../../comments1.xml"/><Relationship Id="rId2" TargetMode="External" Target="https://example.org/a"/></Relationships>',
    );
  });
});

describe("tablePartRenames, and the relationships that point at a renamed part", () => {
  it("gives the Open XML SDK's table.xml the first free table<n>.xml name, and leaves numbered Tables alone", () => {
    expect([...tablePartRenames(["xl/tables/table.xml", "xl/tables/table1.xml", "xl/tables/Orders.xml", "xl/workbook.xml"])]).toEqual([
      ["xl/tables/table.xml", "xl/tables/table2.xml"],
      ["xl/tables/Orders.xml", "xl/tables/table3.xml"],
    ]);
  });

  it("rewrites a sheet's relationship to its Table relative to the sheet, or from the root as it was written", async () => {
    const zip = new JSZip();
    zip.file("xl/tables/table.xml", "<table/>");
    zip.file(
      "xl/worksheets/_rels/sheet1.xml.rels",
      '<Relationships><Relationship Id="rId1" Target="../tables/table.xml"/><Relationship Id="rId2" Target="/xl/tables/table.xml"/>' +
        '<Relationship Id="rId3" TargetMode="External" Target="https://example.org/table.xml"/></Relationships>',
    );
    const bytes = await zip.generateAsync({ type: "nodebuffer" });
    const out = await JSZip.loadAsync(await rewritePackage(bytes, new Map([["xl/tables/table.xml", "xl/tables/table1.xml"]])));
    expect(await out.file("xl/worksheets/_rels/sheet1.xml.rels")?.async("string")).toBe(
      '<Relationships><Relationship Id="rId1" Target="../tables/table1.xml"/><Relationship Id="rId2" Target="/xl/tables/table1.xml"/>' +
        '<Relationship Id="rId3" TargetMode="External" Target="https://example.org/table.xml"/></Relationships>',
    );
    expect(await out.file("xl/tables/table1.xml")?.async("string")).toBe("<table/>");
    expect(out.file("xl/tables/table.xml")).toBeNull();
  });
});
