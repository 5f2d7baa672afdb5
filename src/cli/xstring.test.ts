import fc from "fast-check";
import { unescapedText } from "./read";
import { escapedCharacters, keepEscapesAsWritten, xstring } from "./xstring";

/** Whether XML 1.0 carries every character of the text as itself (a carriage return it folds into a line feed). */
function xmlCarries(text: string): boolean {
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if ((c < 32 && c !== 9 && c !== 10) || c === 0xfffe || c === 0xffff) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(k + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      k++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

/** Texts built from the pieces that matter: underscores, x, hex digits, control characters, surrogates. */
const tricky = fc
  .array(
    fc.constantFrom(
      "_",
      "x",
      "X",
      "0",
      "0030",
      "005F",
      "ABCD",
      "_x",
      "\r",
      "\n",
      "\t",
      "\u0007",
      "\u007f",
      "\ud800",
      "\udc00",
      "\uffff",
      "a",
      "é",
      "😀",
    ),
    {
      maxLength: 14,
    },
  )
  .map((parts) => parts.join(""));

describe("cell text in the file's form (ST_Xstring)", () => {
  it("writes the characters XML cannot carry, and an underscore that would start an escape, as Excel does", () => {
    expect(xstring("90000001A\r")).toBe("90000001A_x000D_");
    expect(xstring("bell\u0007 tab\t line\n")).toBe("bell_x0007_ tab\t line\n");
    expect(xstring("DEL\u007f")).toBe("DEL\u007f"); // XML carries it: Excel writes it as itself
    expect(xstring("typed _x0030_")).toBe("typed _x005F_x0030_");
    expect(xstring("_xABCD\u0001")).toBe("_x005F_xABCD_x0001_"); // else "_xABCD_" would read as one character
    expect(xstring("plain text, _x12_, x0030_")).toBe("plain text, _x12_, x0030_");
  });

  it("reads back as the text it was written from, whatever the text (property)", () => {
    fc.assert(
      fc.property(fc.oneof(tricky, fc.string({ unit: "binary" })), (text) => {
        const written = xstring(text);
        expect(xmlCarries(written)).toBe(true);
        expect(unescapedText(written)).toBe(text);
      }),
      { numRuns: 3000 },
    );
  });

  it("escapes only the characters of text already in the file's form, which reads as it did (property)", () => {
    expect(escapedCharacters("typed _x005F_x0030_, a CR _x000D_")).toBe("typed _x005F_x0030_, a CR _x000D_");
    expect(escapedCharacters("bell\u0007, DEL\u007f")).toBe("bell_x0007_, DEL\u007f");
    fc.assert(
      fc.property(fc.oneof(tricky, fc.string({ unit: "binary" })), (raw) => {
        const written = escapedCharacters(raw);
        expect(xmlCarries(written)).toBe(true);
        expect(unescapedText(written)).toBe(unescapedText(raw));
      }),
      { numRuns: 3000 },
    );
  });

  it("patches ExcelJS once, however often it is asked: its writer escapes, its loader keeps texts as written", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- ExcelJS's internal modules, patched in place
    const utils = require("exceljs/lib/utils/utils") as { xmlEncode(text: string): string };
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- ExcelJS's internal modules, patched in place
    const TextXform = require("exceljs/lib/xlsx/xform/strings/text-xform") as new () => { _text: string[]; model: string };
    keepEscapesAsWritten();
    const patched = [utils.xmlEncode, Object.getOwnPropertyDescriptor(TextXform.prototype, "model")?.get];
    keepEscapesAsWritten();
    expect([utils.xmlEncode, Object.getOwnPropertyDescriptor(TextXform.prototype, "model")?.get]).toEqual(patched);
    expect(utils.xmlEncode("a\rb & DEL\u007f")).toBe("a_x000D_b &amp; DEL\u007f");
    const text = new TextXform();
    text._text = ["typed _x005F_x0030_"];
    expect(text.model).toBe("typed _x005F_x0030_");
  });
});
