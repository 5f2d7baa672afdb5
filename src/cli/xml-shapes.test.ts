import {
  asExcelWrites,
  cdataAsText,
  doubleQuoted,
  inlineStringsWithoutValue,
  leadingTextAsRun,
  looksIndented,
  mayNeedReshaping,
  withoutIndentation,
} from "./xml-shapes";
import { relationshipIdsAsR } from "./prefixes";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

describe("withoutIndentation", () => {
  it("drops whitespace between elements and keeps it as an element's whole content (a cell of one space)", () => {
    const indented =
      '<row r="1">\n  <c r="A1" t="inlineStr">\n    <is>\n      <t xml:space="preserve"> </t>\n    </is>\n  </c>\n  <c r="B1"/>\n</row>';
    expect(withoutIndentation(indented)).toBe(
      '<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve"> </t></is></c><c r="B1"/></row>',
    );
  });

  it("leaves text and attribute values alone, > in them included", () => {
    const xml = '<numFmt formatCode="[>=100] 0"/>\n<si><t>a > b  </t></si>';
    expect(withoutIndentation(xml)).toBe('<numFmt formatCode="[>=100] 0"/>\n<si><t>a > b  </t></si>');
  });
});

describe("looksIndented", () => {
  it("is true for whitespace between tags after the root element, not for the line break Excel writes after the declaration", () => {
    expect(looksIndented(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet xmlns="${MAIN}"><sheetData>`)).toBe(false);
    expect(looksIndented(`<?xml version="1.0"?>\n<sst xmlns="${MAIN}">\n    <si>\n        <t>a</t>`)).toBe(true);
  });
});

describe("cdataAsText", () => {
  it("writes each CDATA section as escaped text", () => {
    expect(cdataAsText("<t><![CDATA[Hello CDATA]]></t><t><![CDATA[a < b & c > d]]></t><t>plain</t>")).toBe(
      "<t>Hello CDATA</t><t>a &lt; b &amp; c &gt; d</t><t>plain</t>",
    );
    expect(cdataAsText("<t><![CDATA[never closed</t>")).toBe("<t><![CDATA[never closed</t>");
  });
});

describe("inlineStringsWithoutValue", () => {
  it("drops the <v> of an inline string cell, and only there", () => {
    const xml = '<c r="A2" s="2"><v>1.0</v></c><c r="D2" s="2" t="inlineStr"><v>1.0</v><is><t>1.</t></is></c><c r="E2"><v>3</v></c>';
    expect(inlineStringsWithoutValue(xml)).toBe(
      '<c r="A2" s="2"><v>1.0</v></c><c r="D2" s="2" t="inlineStr"><is><t>1.</t></is></c><c r="E2"><v>3</v></c>',
    );
  });
});

describe("leadingTextAsRun", () => {
  it("writes a string's plain text as a first run when runs follow it", () => {
    expect(leadingTextAsRun("<si><t>tval</t><r><t>rval1</t></r><r><rPr><b/></rPr><t>rval2</t></r></si><si><t>plain</t></si>")).toBe(
      "<si><r><t>tval</t></r><r><t>rval1</t></r><r><rPr><b/></rPr><t>rval2</t></r></si><si><t>plain</t></si>",
    );
  });
});

describe("asExcelWrites and mayNeedReshaping", () => {
  it("give a shared strings part as Excel writes it: no indentation, CDATA as text, no phonetic runs", () => {
    const sst = `\ufeff<?xml version="1.0" encoding="utf-8"?>\n<sst xmlns="${MAIN}">\n  <si>\n    <t>String Value 1</t>\n  </si>\n  <si><t>課</t><rPh sb="0" eb="1"><t>カ</t></rPh></si>\n  <si><t><![CDATA[a & b]]></t></si>\n</sst>`;
    expect(mayNeedReshaping(Buffer.from(sst))).toBe(true);
    expect(asExcelWrites(sst)).toBe(
      `\ufeff<?xml version="1.0" encoding="utf-8"?><sst xmlns="${MAIN}"><si><t>String Value 1</t></si><si><t>課</t></si><si><t>a &amp; b</t></si></sst>`,
    );
  });

  it("leave Excel's own parts as they are, without decoding them", () => {
    const excel = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<sst xmlns="${MAIN}" count="1" uniqueCount="1"><si><t>Member ID</t></si></sst>`;
    expect(mayNeedReshaping(Buffer.from(excel))).toBe(false);
    expect(asExcelWrites(excel)).toBe(excel);
  });
});

describe("relationshipIdsAsR", () => {
  it("writes relationship ids bound to another prefix as r:id, the name the reading library looks for", () => {
    const xml = `<workbook xmlns="${MAIN}"><sheets><sheet name="Sheet1" sheetId="1" xmlns:ns="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ns:id="rId3"/></sheets></workbook>`;
    expect(relationshipIdsAsR(xml)).toBe(xml.replace(' ns:id="rId3"', ' r:id="rId3"'));
    const usual = `<workbook xmlns="${MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>`;
    expect(relationshipIdsAsR(usual)).toBe(usual);
  });
});

describe("doubleQuoted", () => {
  it("writes attribute values in double quotes, a double quote inside as &quot;, and leaves text and declarations alone", () => {
    const xml = `<?xml version='1.0'?><row r='2' spans = '1:3'><c r="A2" t='inlineStr' x:y='say "hi"'><is><t>O'Brien: a='b'</t></is></c><c r='B2'/></row>`;
    expect(doubleQuoted(xml)).toBe(
      `<?xml version='1.0'?><row r="2" spans = "1:3"><c r="A2" t="inlineStr" x:y="say &quot;hi&quot;"><is><t>O'Brien: a='b'</t></is></c><c r="B2"/></row>`,
    );
    const usual = '<row r="2"><c r="A2" t="s"><v>0</v></c></row>';
    expect(doubleQuoted(usual)).toBe(usual);
    expect(mayNeedReshaping(Buffer.from("<sst><si><t a='1'>x</t></si></sst>"))).toBe(true);
  });

  it("takes linear time on hostile input: 100,000 characters of unclosed tags and quotes", () => {
    expect(doubleQuoted("<a b='".repeat(20_000))).toHaveLength(120_000);
    expect(doubleQuoted(`<a${" b='c'".repeat(14_000)}`)).toBe(`<a${' b="c"'.repeat(14_000)}`);
    expect(doubleQuoted(`${"<a='".repeat(25_000)}>`)).toHaveLength(100_001);
  });
});
