/**
 * Cell texts ExcelJS 4.4 decodes twice. After the XML parser (saxes) has turned `&amp;` into `&`,
 * ExcelJS runs its own entity decoder (utils.xmlDecode: &lt; &gt; &amp; &apos; &quot;) over the
 * text again:
 * - the streaming reader (stream/xlsx/worksheet-reader.js), which the CLI reads every sheet with,
 *   for inline strings (`t="inlineStr"`) and for string cells and string formula results (`t="str"`);
 * - the full-model loader (xlsx/xform/sheet/cell-xform.js), which loads a workbook for an annotated
 *   copy, for `t="str"` cells and results.
 * (ExcelJS stopped doing so for shared strings, exceljs#189.) So a text typed as "Smith &amp; Sons"
 * (an HTML-escaped name from a web export; in the file `Smith &amp;amp; Sons`) read as
 * "Smith & Sons", "a &lt; b" as "a < b", and the copy wrote a `t="str"` cell back so changed.
 *
 * Each ampersand of those texts is escaped once more before ExcelJS parses them, so that the second
 * decoding gives back the text Excel shows. Only the cell's value (`<is>…</is>`, or `<v>…</v>` of a
 * `t="str"` cell) is touched, never a formula. Cells are found by indexOf from one `</c>` to the
 * next, in linear time; not an XML parser.
 */

/** A cell's start tag of the types ExcelJS decodes twice, at the start of the text. Values are in double quotes (xml-shapes.ts doubleQuoted). */
const STRING_CELL_START = /^<c\b[^>]*?\st="(inlineStr|str)"[^>]*>/;
/** An ampersand as XML escapes it (`&amp;`, or as a character reference). */
const AMPERSAND = /&(?:amp|#38|#x26);/g;
const HAS_AMPERSAND = /&(?:amp|#38|#x26);/;
/** A `t="str"` cell's value element. */
const VALUE = /<v>([^<]*)<\/v>/;

const escapedOnceMore = (text: string): string => text.replace(AMPERSAND, "&amp;amp;");

/**
 * A piece of worksheet XML (complete cells) as ExcelJS must be given it to read its cells' texts
 * as written: for the streaming reader (`inlineStrings`: true) the ampersands of inline strings and
 * of `t="str"` values escaped once more; for the full-model loader those of `t="str"` values only.
 * Each cell is the text from its `<c` to the next `</c>` (cells do not nest): one scan.
 */
export function forTwiceDecoding(xml: string, inlineStrings: boolean): string {
  if (!HAS_AMPERSAND.test(xml)) return xml; // nearly every piece
  let out = "";
  let from = 0;
  for (let end = xml.indexOf("</c>"); end >= 0; end = xml.indexOf("</c>", from)) {
    const piece = xml.slice(from, end); // the text since the last cell's end: this cell's start tag and content last
    const start = piece.lastIndexOf("<c");
    const tag = start < 0 ? null : STRING_CELL_START.exec(piece.slice(start));
    const open = tag?.[0] ?? "";
    if (tag !== null && !open.endsWith("/>") && (inlineStrings || tag[1] === "str")) {
      const content = piece.slice(start + open.length);
      const changed =
        tag[1] === "str" ? content.replace(VALUE, (_, text: string) => `<v>${escapedOnceMore(text)}</v>`) : escapedOnceMore(content);
      out += piece.slice(0, start + open.length) + changed;
    } else out += piece;
    out += "</c>";
    from = end + "</c>".length;
  }
  return out + xml.slice(from);
}
