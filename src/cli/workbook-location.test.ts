import {
  locateWorkbook,
  readRenamed,
  relsPartOf,
  sourceOfRels,
  targetPart,
  workbookPartOf,
  workbookRenames,
  type Relationship,
} from "./workbook-location";

const NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const STRICT_NS = "http://purl.oclc.org/ooxml/officeDocument/relationships";
const SHEET = `${NS}/worksheet`;
const STRICT_SHEET = `${STRICT_NS}/worksheet`;
const CHART_SHEET = `${NS}/chartsheet`;
const rel = (type: string, target: string, mode?: string): Relationship => ({
  Type: `${NS}/${type}`,
  Target: target,
  ...(mode === undefined ? {} : { TargetMode: mode }),
});

describe("targetPart", () => {
  it("takes a relative target from the source part's folder, an absolute one from the root", () => {
    expect(targetPart("xl/workbook.xml", "worksheets/sheet1.xml")).toBe("xl/worksheets/sheet1.xml");
    expect(targetPart("xl/workbook.xml", "/xl/worksheets/sheet1.xml")).toBe("xl/worksheets/sheet1.xml");
    expect(targetPart("xl/worksheets/sheet1.xml", "../comments1.xml")).toBe("xl/comments1.xml");
    expect(targetPart("workbook.xml", "sheet1.xml")).toBe("sheet1.xml");
    expect(targetPart("", "xl/workbook.xml")).toBe("xl/workbook.xml"); // the package's own relationships
    expect(targetPart("", "./workbook.xml")).toBe("workbook.xml");
  });

  it("gives no part for a web address or another scheme", () => {
    expect(targetPart("xl/worksheets/sheet1.xml", "https://example.org/a.xml")).toBeUndefined();
    expect(targetPart("xl/worksheets/sheet1.xml", "mailto:billing@example.org")).toBeUndefined();
  });
});

describe("relationships parts", () => {
  it("names a part's relationships part in its folder, at the root too, and back", () => {
    expect(relsPartOf("xl/worksheets/sheet.xml")).toBe("xl/worksheets/_rels/sheet.xml.rels");
    expect(relsPartOf("workbook.xml")).toBe("_rels/workbook.xml.rels");
    expect(sourceOfRels("xl/worksheets/_rels/sheet.xml.rels")).toBe("xl/worksheets/sheet.xml");
    expect(sourceOfRels("_rels/workbook.xml.rels")).toBe("workbook.xml");
    expect(sourceOfRels("_rels/.rels")).toBe("");
  });
});

describe("workbookPartOf", () => {
  it("is the officeDocument relationship's target, transitional or Strict", () => {
    expect(workbookPartOf([rel("extended-properties", "docProps/app.xml"), rel("officeDocument", "xl/workbook.xml")])).toBe(
      "xl/workbook.xml",
    );
    expect(workbookPartOf([{ Type: `${STRICT_NS}/officeDocument`, Target: "/workbook.xml" }])).toBe("workbook.xml");
    expect(workbookPartOf([rel("extended-properties", "docProps/app.xml")])).toBeUndefined();
  });
});

describe("workbookRenames", () => {
  const minimal = [
    "[Content_Types].xml",
    "_rels/.rels",
    "workbook.xml",
    "_rels/workbook.xml.rels",
    "sheet1.xml",
    "data.xml",
    "styles.xml",
    "strings.xml",
  ];
  const rels = [
    rel("worksheet", "sheet1.xml"),
    rel("worksheet", "data.xml"),
    rel("styles", "styles.xml"),
    rel("sharedStrings", "/strings.xml"),
    rel("hyperlink", "https://example.org", "External"),
    rel("worksheet", "missing.xml"),
  ];

  it("moves a workbook at the root, its sheets (numbered in order), shared strings and styles where ExcelJS reads them", () => {
    expect([...workbookRenames("workbook.xml", rels, minimal)]).toEqual([
      ["workbook.xml", "xl/workbook.xml"],
      ["sheet1.xml", "xl/worksheets/sheet1.xml"],
      ["data.xml", "xl/worksheets/sheet2.xml"],
      ["styles.xml", "xl/styles.xml"],
      ["strings.xml", "xl/sharedStrings.xml"],
    ]);
  });

  it("moves the other parts of the workbook's folder to xl/ as laid out there (comments, drawings), not the package's own", () => {
    const wtf = [
      "[Content_Types].xml",
      "_rels/.rels",
      "docProps/app.xml",
      "wtf/workbook.xml",
      "wtf/_rels/workbook.xml.rels",
      "wtf/worksheets/sheet1.xml",
      "wtf/worksheets/_rels/sheet1.xml.rels",
      "wtf/comments1.xml",
      "wtf/drawings/vmlDrawing1.vml",
      "wtf/sharedStrings.xml",
    ];
    expect([
      ...workbookRenames("wtf/workbook.xml", [rel("worksheet", "worksheets/sheet1.xml"), rel("sharedStrings", "sharedStrings.xml")], wtf),
    ]).toEqual([
      ["wtf/workbook.xml", "xl/workbook.xml"],
      ["wtf/worksheets/sheet1.xml", "xl/worksheets/sheet1.xml"],
      ["wtf/sharedStrings.xml", "xl/sharedStrings.xml"],
      ["wtf/comments1.xml", "xl/comments1.xml"],
      ["wtf/drawings/vmlDrawing1.vml", "xl/drawings/vmlDrawing1.vml"],
    ]);
    // At the root: every part but the package's own (content types, relationships, document properties).
    expect([
      ...workbookRenames("workbook.xml", [], ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "workbook.xml", "comments1.xml"]),
    ]).toEqual([
      ["workbook.xml", "xl/workbook.xml"],
      ["comments1.xml", "xl/comments1.xml"],
    ]);
  });

  it("renames nothing for a workbook at xl/workbook.xml, a workbook not in the package, or onto a part that exists", () => {
    expect(workbookRenames("xl/workbook.xml", rels, ["xl/workbook.xml", "sheet1.xml"]).size).toBe(0);
    expect(workbookRenames("book.xml", rels, minimal).size).toBe(0);
    const small = ["_rels/.rels", "workbook.xml", "sheet1.xml", "styles.xml"];
    expect([...workbookRenames("workbook.xml", [rel("worksheet", "sheet1.xml")], [...small, "xl/worksheets/sheet1.xml"])]).toEqual([
      ["workbook.xml", "xl/workbook.xml"],
      ["sheet1.xml", "xl/worksheets/sheet2.xml"], // sheet1.xml's name is taken
      ["styles.xml", "xl/styles.xml"], // moved with the workbook's folder
    ]);
    expect([...workbookRenames("workbook.xml", [rel("styles", "styles.xml")], [...small, "xl/styles.xml", "xl/sheet1.xml"])]).toEqual([
      ["workbook.xml", "xl/workbook.xml"], // styles.xml and sheet1.xml: their names in xl/ are taken
    ]);
  });
});

describe("workbookRenames, worksheets of a workbook at xl/workbook.xml", () => {
  it("leaves a workbook whose worksheet parts are numbered as it is (Excel, LibreOffice, openpyxl's absolute targets)", () => {
    const parts = ["xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"];
    const rels = [
      { Type: SHEET, Target: "worksheets/sheet1.xml" },
      { Type: SHEET, Target: "/xl/worksheets/sheet2.xml" },
    ];
    expect(workbookRenames("xl/workbook.xml", rels, parts).size).toBe(0);
  });

  it("gives Numbers' sheet.xml the first sheet<n>.xml name no part has, and names other parts by their relationship", () => {
    const parts = [
      "xl/workbook.xml",
      "xl/worksheets/sheet.xml",
      "xl/worksheets/sheet1.xml",
      "xl/worksheets/Data.xml",
      "xl/chartsheets/chart.xml",
    ];
    const rels = [
      { Type: SHEET, Target: "worksheets/sheet.xml" },
      { Type: SHEET, Target: "worksheets/sheet1.xml" },
      { Type: STRICT_SHEET, Target: "/xl/worksheets/Data.xml" },
      { Type: CHART_SHEET, Target: "chartsheets/chart.xml" }, // not a worksheet: ExcelJS does not read chart sheets
      { Type: SHEET, Target: "worksheets/missing.xml" }, // no such part: nothing to read
      { Target: "worksheets/sheet.xml" }, // no type: not taken for a worksheet
    ];
    expect([...workbookRenames("xl/workbook.xml", rels, parts)]).toEqual([
      ["xl/worksheets/sheet.xml", "xl/worksheets/sheet2.xml"],
      ["xl/worksheets/Data.xml", "xl/worksheets/sheet3.xml"],
    ]);
  });
});

describe("locateWorkbook", () => {
  it("finds the workbook through the package's relationships and gives its targets as ExcelJS takes them (from xl/)", async () => {
    const parts: Record<string, Relationship[]> = {
      "_rels/.rels": [rel("officeDocument", "book/workbook.xml")],
      "book/_rels/workbook.xml.rels": [
        rel("worksheet", "data.xml"),
        rel("calcChain", "calcChain.xml"),
        rel("customXml", "../customXml/item1.xml"),
      ],
    };
    const where = await locateWorkbook(
      ["_rels/.rels", "book/workbook.xml", "book/_rels/workbook.xml.rels", "book/data.xml", "book/calcChain.xml", "customXml/item1.xml"],
      async (name) => parts[name],
    );
    expect([where.workbook, [...where.renames]]).toEqual([
      "book/workbook.xml",
      [
        ["book/workbook.xml", "xl/workbook.xml"],
        ["book/data.xml", "xl/worksheets/sheet1.xml"],
        ["book/calcChain.xml", "xl/calcChain.xml"],
      ],
    ]);
    expect([
      where.target("data.xml"),
      where.target("calcChain.xml"),
      where.target("../customXml/item1.xml"),
      where.target("https://example.org"),
    ]).toEqual([
      "worksheets/sheet1.xml",
      "calcChain.xml",
      "/customXml/item1.xml", // outside the workbook's folder: not moved
      "https://example.org",
    ]);
  });

  it("takes xl/workbook.xml when the package names no workbook it holds, and renames nothing", async () => {
    const none = await locateWorkbook(["xl/workbook.xml"], async () => undefined);
    const missing = await locateWorkbook(["xl/workbook.xml"], async (name) =>
      name === "_rels/.rels" ? [rel("officeDocument", "book.xml")] : undefined,
    );
    expect([none.workbook, none.renames.size, missing.workbook, missing.renames.size]).toEqual([
      "xl/workbook.xml",
      0,
      "xl/workbook.xml",
      0,
    ]);
  });
});

describe("readRenamed", () => {
  it("adds each renamed part and its relationships part under the new name, and remembers the stored one", () => {
    const parts = new Map([
      ["workbook.xml", 1],
      ["_rels/workbook.xml.rels", 2],
      ["sheet1.xml", 3],
    ]);
    const stored = new Map<string, string>();
    readRenamed(
      parts,
      new Map([
        ["workbook.xml", "xl/workbook.xml"],
        ["sheet1.xml", "xl/worksheets/sheet1.xml"],
      ]),
      stored,
    );
    expect([...parts]).toEqual([
      ["workbook.xml", 1],
      ["_rels/workbook.xml.rels", 2],
      ["sheet1.xml", 3],
      ["xl/workbook.xml", 1],
      ["xl/_rels/workbook.xml.rels", 2],
      ["xl/worksheets/sheet1.xml", 3],
    ]);
    expect(stored.get("xl/worksheets/sheet1.xml")).toBe("sheet1.xml");
  });
});
