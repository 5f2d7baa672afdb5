import { partName, partNameRenames, repeatedPart } from "./part-names";

describe("partName", () => {
  it("reads a zip entry's name with / for \\, and the parts ExcelJS looks up by name in the case Excel writes", () => {
    expect(partName("xl\\workbook.xml")).toBe("xl/workbook.xml");
    expect(partName("[content_types].xml")).toBe("[Content_Types].xml");
    expect(partName("xl\\sharedstrings.xml")).toBe("xl/sharedStrings.xml");
    expect(partName("XL/Worksheets/Sheet12.XML")).toBe("xl/worksheets/sheet12.xml");
    expect(partName("xl\\worksheets\\_rels\\sheet1.xml.rels")).toBe("xl/worksheets/_rels/sheet1.xml.rels");
    expect(partName("_rels\\.rels")).toBe("_rels/.rels");
    // Other parts keep their case; only the separator changes.
    expect(partName("xl\\media\\Image1.PNG")).toBe("xl/media/Image1.PNG");
  });

  it("leaves Excel's own names as they are, and lists only the entries to rename", () => {
    const excel = [
      "[Content_Types].xml",
      "_rels/.rels",
      "xl/workbook.xml",
      "xl/sharedStrings.xml",
      "xl/worksheets/sheet1.xml",
      "xl/theme/theme1.xml",
    ];
    for (const name of excel) expect(partName(name)).toBe(name);
    expect(partNameRenames(excel)).toEqual({ entries: new Map(), parts: new Map() });
    // Parts found through relationships keep their case (ClosedXML's vmldrawing2.vml).
    expect(partName("xl/drawings/vmldrawing2.vml")).toBe("xl/drawings/vmldrawing2.vml");
    expect(partNameRenames(["xl/workbook.xml", "xl\\styles.xml", "xl\\sharedstrings.xml"])).toEqual({
      entries: new Map([
        ["xl\\styles.xml", "xl/styles.xml"],
        ["xl\\sharedstrings.xml", "xl/sharedstrings.xml"],
      ]),
      parts: new Map([["xl/sharedstrings.xml", "xl/sharedStrings.xml"]]),
    });
  });
});

describe("repeatedPart", () => {
  it("finds a part stored twice, by the same name or one differing in case or separator, and nothing in a valid package", () => {
    expect(repeatedPart(["xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/Sheet1.xml"])).toEqual({
      entry: "xl/worksheets/Sheet1.xml",
      repeats: "xl/worksheets/sheet1.xml",
    });
    expect(repeatedPart(["xl/styles.xml", "xl\\styles.xml"])).toEqual({ entry: "xl\\styles.xml", repeats: "xl/styles.xml" });
    expect(repeatedPart(["xl/a.xml", "xl/a.xml"])).toEqual({ entry: "xl/a.xml", repeats: "xl/a.xml" });
    expect(repeatedPart(["xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet11.xml"])).toBeUndefined();
  });
});
