/**
 * Shapes of SpreadsheetML text that the reading library (ExcelJS 4.4) misreads, found in the test
 * data of other readers (tests/fixtures/workbooks/upstream: calamine's, roo's), each rewritten into
 * the shape Excel writes before ExcelJS parses a part. Textual rewrites in linear time (indexOf
 * scans and regular expressions without nested repetition), not an XML parser.
 *
 * - Indented XML (a writer that pretty-prints, as calamine's issue_261.xlsx and
 *   inlineStr_with_value.xlsx): ExcelJS adds the whitespace between elements to the text of the
 *   element before, so "String Value 32" read as "String Value 32\n    ", and its full-model loader
 *   failed on such a sheet. Whitespace-only text between elements is dropped, except as the whole
 *   content of an element (`<t xml:space="preserve"> </t>`, a cell holding one space).
 * - CDATA sections (`<t><![CDATA[Hello]]></t>`, calamine's inlineStr_cdata.xlsx): ExcelJS drops
 *   them, and the cell read as empty. They become escaped text.
 * - Phonetic runs in shared strings (`<si><t>課</t><rPh><t>カ</t></rPh></si>`, written by Excel
 *   for Japanese text, calamine's rph.xlsx): ExcelJS's streaming reader appended the reading to the
 *   text. They are dropped, as Excel shows the cell without them.
 * - A string whose plain text is followed by runs (`<si><t>tval</t><r><t>rval1</t></r>…</si>`,
 *   which the schema allows: calamine's richtext-after-plain.xlsx, saved by Excel): ExcelJS kept
 *   the runs only ("rval1rval2" for "tvalrval1rval2"), and its full-model loader failed on it. The
 *   plain text is written as a first run.
 * - An inline string cell that also has a `<v>` (calamine's inlineStr_with_value.xlsx): the
 *   full-model loader failed on it ("Cannot create property 'richText' on string '1.0'"). The `<v>`
 *   is dropped: an inline string's value is its `<is>`, as Excel and openpyxl read it.
 * - Attribute values in single quotes (`<row r='1'>`, which XML allows as well as double quotes:
 *   node-xlsx-stream writes its rows so, SheetJS's xlsx-stream-d-date-cell.xlsx): the reader's own
 *   patches (row numbering, ISO dates, formulas) look for `r="…"`, so such a sheet read as damaged
 *   ("duplicate attribute: r"). The values are written in double quotes.
 */
import { corePropertiesAsCp, mayBePrefixed, relationshipIdsAsR, withoutMainPrefix } from "./prefixes";

/** Whitespace-only text after a tag and before the next: kept only between an element's start and end tags. */
const BETWEEN_TAGS = /(<(\/?)[^<>]*?(\/?)>)(\s+)(?=<(\/?))/g;

/** `xml` without whitespace-only text between elements (see above). */
export function withoutIndentation(xml: string): string {
  return xml.replace(BETWEEN_TAGS, (whole, tag: string, end: string, empty: string, _space: string, nextEnd: string) =>
    end === "" && empty === "" && nextEnd === "/" && !tag.startsWith("<?") && !tag.startsWith("<!") ? whole : tag,
  );
}

/** Whether a part is indented: whitespace between tags after its root element's start tag (Excel writes a line break after the XML declaration only). */
export function looksIndented(head: string): boolean {
  const root = /<(?![?!])[^<>]*>/.exec(head);
  return root !== null && />\s+</.test(head.slice(root.index, root.index + 4096));
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/**
 * `xml` with each span from `open` to the next `close` replaced by `change` of what lies between
 * them; an `open` without a `close` after it, and all that follows, is left as it is. Found by
 * indexOf, so linear on any input.
 */
export function eachSpan(xml: string, open: string, close: string, change: (inner: string) => string): string {
  let out = "";
  let from = 0;
  for (;;) {
    const start = xml.indexOf(open, from);
    const end = start < 0 ? -1 : xml.indexOf(close, start + open.length);
    if (end < 0) return from === 0 ? xml : out + xml.slice(from);
    out += xml.slice(from, start) + change(xml.slice(start + open.length, end));
    from = end + close.length;
  }
}

/** `xml` with each CDATA section written as escaped text. */
export const cdataAsText = (xml: string): string =>
  eachSpan(xml, "<![CDATA[", "]]>", (text) => text.replace(/[&<>]/g, (c) => XML_ESCAPES[c] as string));

/** XML (the body of an `<is>` or `<si>` element, or a whole part) without its phonetic runs (`<rPh …>…</rPh>`). */
export const withoutPhonetics = (xml: string): string => eachSpan(xml, "<rPh", "</rPh>", () => "");

/** `xml` (complete cells) without the `<v>` of inline string cells. */
export function inlineStringsWithoutValue(xml: string): string {
  // Without indentation (withoutIndentation runs first), a <v> and an <is> of one cell are adjacent.
  if (!xml.includes("</v><is>") && !xml.includes("</is><v>")) return xml;
  let out = "";
  let from = 0;
  for (;;) {
    const open = xml.indexOf('t="inlineStr"', from);
    const end = open < 0 ? -1 : xml.indexOf("</c>", open);
    if (end < 0) return out + xml.slice(from);
    const cell = xml.slice(from, end);
    // Only a <v> after the cell's start tag and before its end: one cell at a time.
    const start = cell.lastIndexOf("<c", open - from);
    out += start < 0 ? cell : cell.slice(0, start) + cell.slice(start).replace(/<v>[^<]*<\/v>/, "");
    from = end;
  }
}

/** A shared or inline string's plain text when runs follow it. */
const TEXT_BEFORE_RUNS = /<(si|is)>(<t\b[^<>]*>[^<]*<\/t>|<t\/>)(?=<r>)/g;

/** `xml` with the plain text of each string that runs follow written as a first run. */
export function leadingTextAsRun(xml: string): string {
  return xml.includes("</t><r>") ? xml.replace(TEXT_BEFORE_RUNS, "<$1><r>$2</r>") : xml;
}

/** An element's start (after its `<`): the name. */
const ELEMENT_NAME = /[A-Za-z_][^\s<>/]*/y;
/** One attribute of a start tag, from where the last one ended: its name, and its value in double or single quotes. */
const ATTRIBUTE = /(\s+[^\s=<>/]+\s*=\s*)(?:"[^"]*"|'([^']*)')/y;
/** Whether `xml` may hold an attribute value in single quotes. */
const SINGLE_QUOTED = /=\s*'/;

/**
 * `xml` with the attribute values of its start tags in double quotes (a `"` in such a value written
 * `&quot;`). Text between tags is left as it is, apostrophes and all; one scan, linear in any input.
 */
export function doubleQuoted(xml: string): string {
  if (!SINGLE_QUOTED.test(xml)) return xml; // nearly every part
  let out = "";
  let from = 0;
  for (let k = xml.indexOf("<"); k >= 0; k = xml.indexOf("<", k + 1)) {
    ELEMENT_NAME.lastIndex = k + 1;
    if (ELEMENT_NAME.exec(xml) === null) continue;
    let tag = "";
    ATTRIBUTE.lastIndex = ELEMENT_NAME.lastIndex;
    let end = ATTRIBUTE.lastIndex;
    let changed = false;
    for (let a = ATTRIBUTE.exec(xml); a !== null; a = ATTRIBUTE.exec(xml)) {
      const single = a[2];
      tag += single === undefined ? a[0] : `${a[1]}"${single.replace(/"/g, "&quot;")}"`;
      changed ||= single !== undefined;
      end = ATTRIBUTE.lastIndex;
    }
    if (changed) {
      out += xml.slice(from, ELEMENT_NAME.lastIndex) + tag;
      from = end;
    }
    k = end - 1;
  }
  return from === 0 ? xml : out + xml.slice(from);
}

/** A whole part's text as Excel writes it: CDATA as text, no main-namespace prefix, no phonetic runs, no indentation, values in double quotes. */
export function asExcelWrites(xml: string): string {
  let text = corePropertiesAsCp(relationshipIdsAsR(withoutMainPrefix(cdataAsText(doubleQuoted(xml)))));
  if (text.includes("<rPh")) text = withoutPhonetics(text);
  if (looksIndented(text.slice(0, 8192))) text = withoutIndentation(text);
  return leadingTextAsRun(text);
}

/** Whether a part, from its bytes, may need asExcelWrites: false for nearly every part, without decoding it. */
export function mayNeedReshaping(bytes: Buffer): boolean {
  if (mayBePrefixed(bytes) || bytes.includes("<![CDATA[") || bytes.includes("<rPh") || bytes.includes("</t><r>")) return true;
  if (bytes.includes("='") || bytes.includes("= '")) return true;
  return looksIndented(bytes.subarray(0, 8192).toString("utf8"));
}
