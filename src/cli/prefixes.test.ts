import { corePropertiesAsCp, mainPrefix, mayBePrefixed, unprefixed, withoutMainPrefix } from "./prefixes";
import { Readable } from "node:stream";
import { rewritten } from "./xlsx-patch";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const SDK_SHEET =
  `\ufeff<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:x="${MAIN}">` +
  '<x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>5</x:v></x:c></x:row></x:sheetData>' +
  '<x:mergeCells count="1"><x:mergeCell ref="A1:A2"/></x:mergeCells></x:worksheet>';

describe("mainPrefix", () => {
  it("is the prefix the root element is written with when it binds it to SpreadsheetML's main namespace", () => {
    expect(mainPrefix(SDK_SHEET)).toBe("x");
    expect(mainPrefix(`<?xml version="1.0"?><!-- a comment --><s:sst xmlns:s='${MAIN}' count="0"/>`)).toBe("s");
    expect(mainPrefix('<ap:Properties xmlns:ap="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">')).toBe("ap");
    expect(mainPrefix('<x:workbook xmlns:x="http://purl.oclc.org/ooxml/spreadsheetml/main">')).toBe("x"); // Strict
  });

  it('is "" for the default namespace (Excel, LibreOffice, openpyxl), or a prefix bound to another namespace', () => {
    expect(mainPrefix(`<worksheet xmlns="${MAIN}" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">`)).toBe("");
    expect(mainPrefix('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties">')).toBe("");
  });

  it("is undefined until the root element's start tag has been read whole", () => {
    expect(mainPrefix('<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas')).toBeUndefined();
    expect(mainPrefix("")).toBeUndefined();
  });
});

describe("unprefixed and withoutMainPrefix", () => {
  it("take the prefix off element names only: attributes (r:id) and other prefixes (x14:) stay", () => {
    const xml = `<x:worksheet xmlns:x="${MAIN}"><x:hyperlinks><x:hyperlink ref="A1" r:id="rId1"/></x:hyperlinks><x14:sparklineGroups/></x:worksheet>`;
    expect(withoutMainPrefix(xml)).toBe(
      `<worksheet xmlns:x="${MAIN}"><hyperlinks><hyperlink ref="A1" r:id="rId1"/></hyperlinks><x14:sparklineGroups/></worksheet>`,
    );
    expect(unprefixed(xml, "")).toBe(xml);
    const unprefixedAlready = `<worksheet xmlns="${MAIN}"><sheetData/></worksheet>`;
    expect(withoutMainPrefix(unprefixedAlready)).toBe(unprefixedAlready);
  });

  it("mayBePrefixed: a cheap look at a part's first bytes", () => {
    expect(mayBePrefixed(Buffer.from(SDK_SHEET))).toBe(true);
    expect(mayBePrefixed(Buffer.from(`<sst xmlns="${MAIN}" count="1"><si><t>a</t></si></sst>`))).toBe(false);
  });
});

describe("rewritten: a prefixed worksheet in pieces of complete rows", () => {
  it("cuts after </x:row> and gives every piece without the prefix, wherever the chunks were cut", async () => {
    const pieces = async (chunks: string[]) => {
      const out: string[] = [];
      let tail = "";
      for await (const piece of rewritten(
        Readable.from(chunks),
        (xml) => xml,
        (t) => (tail = t),
      ))
        out.push(piece);
      return { out, tail };
    };
    const whole = await pieces([SDK_SHEET]);
    const expected = withoutMainPrefix(SDK_SHEET.slice(1)); // the decoder drops the byte-order mark only from bytes
    for (let cut = 1; cut < SDK_SHEET.length; cut++) {
      const { out, tail } = await pieces([SDK_SHEET.slice(0, cut), SDK_SHEET.slice(cut)]);
      expect(out.join("")).toBe(whole.out.join(""));
      expect(out.every((p) => !p.includes("<x:") && !p.includes("</x:"))).toBe(true);
      expect(tail).toContain('<mergeCell ref="A1:A2"/>');
    }
    expect(whole.out.join("").replace(/^\ufeff/, "")).toBe(expected);
  });
});

describe("corePropertiesAsCp", () => {
  const CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
  it("writes the core properties' elements cp:… when their namespace is the default one or bound to another prefix", () => {
    const dflt = `<?xml version="1.0"?><coreProperties xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns="${CORE}"><dc:creator /><lastModifiedBy /><revision>3</revision></coreProperties>`;
    expect(corePropertiesAsCp(dflt)).toBe(
      `<?xml version="1.0"?><cp:coreProperties xmlns:cp="${CORE}" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns="${CORE}"><dc:creator /><cp:lastModifiedBy /><cp:revision>3</cp:revision></cp:coreProperties>`,
    );
    const other = `<ns0:coreProperties xmlns:ns0="${CORE}"><ns0:lastModifiedBy>A</ns0:lastModifiedBy></ns0:coreProperties>`;
    expect(corePropertiesAsCp(other)).toBe(
      `<cp:coreProperties xmlns:cp="${CORE}" xmlns:ns0="${CORE}"><cp:lastModifiedBy>A</cp:lastModifiedBy></cp:coreProperties>`,
    );
  });

  it("leaves Excel's core properties and every other part as they are", () => {
    const excel = `<cp:coreProperties xmlns:cp="${CORE}" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>x</dc:creator><cp:lastModifiedBy>y</cp:lastModifiedBy></cp:coreProperties>`;
    expect(corePropertiesAsCp(excel)).toBe(excel);
    const sheet = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>';
    expect(corePropertiesAsCp(sheet)).toBe(sheet);
  });
});
