import { forTwiceDecoding } from "./twice-decoded";

/** utils.xmlDecode of ExcelJS 4.4, which its readers run over these texts after the XML parser has decoded them. */
const exceljsDecode = (text: string) =>
  text.replace(/&([a-z]*);/g, (c) => ({ "&lt;": "<", "&gt;": ">", "&amp;": "&", "&apos;": "'", "&quot;": '"' })[c] ?? c);
/** What an XML parser gives for the text of an element (the five named escapes and character references). */
const xmlDecode = (text: string) =>
  text.replace(/&(lt|gt|amp|apos|quot|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
    e[0] === "#"
      ? String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : (({ lt: "<", gt: ">", amp: "&", apos: "'", quot: '"' } as Record<string, string>)[e] ?? ""),
  );
const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

describe("forTwiceDecoding", () => {
  it.each(["Smith &amp; Sons", "a &lt; b", "&", "R&D", "&amp;amp;", "&#38;", "Tom & Jerry", "&quot;x&quot;", "plain"])(
    'gives back %j after the XML parser and ExcelJS\'s second decoding, in an inline string and a t="str" value',
    (typed) => {
      const inline = `<c r="J2" t="inlineStr"><is><t>${escape(typed)}</t></is></c>`;
      const str = `<c r="J3" t="str"><f>A1&amp;""</f><v>${escape(typed)}</v></c>`;
      const text = (xml: string, tag: string) => exceljsDecode(xmlDecode(new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1] ?? ""));
      expect(text(forTwiceDecoding(inline, true), "t")).toBe(typed);
      expect(text(forTwiceDecoding(str, true), "v")).toBe(typed);
      expect(text(forTwiceDecoding(str, false), "v")).toBe(typed);
      // The full-model loader reads inline strings once: they are left as written; formulas always.
      expect(forTwiceDecoding(inline, false)).toBe(inline);
      expect(/<f>([^<]*)<\/f>/.exec(forTwiceDecoding(str, true))?.[1]).toBe('A1&amp;""');
    },
  );

  it("leaves shared strings, numbers and self-closing cells alone", () => {
    const xml =
      '<row r="2"><c r="A2" t="str"/><c r="B2" t="s"><v>3</v></c><c r="C2"><f>A2&amp;B2</f><v>1</v></c><c r="D2" t="inlineStr"><is><t>x &amp; y</t></is></c></row>';
    expect(forTwiceDecoding(xml, true)).toBe(xml.replace("x &amp; y", "x &amp;amp; y"));
  });

  it("takes linear time on hostile input: 100,000 characters of cells without ends, or ends without cells", () => {
    expect(forTwiceDecoding('<c t="str">&amp;'.repeat(6_000), true)).toHaveLength(96_000);
    expect(forTwiceDecoding(`&amp;${"</c>".repeat(25_000)}`, true)).toHaveLength(100_005);
    expect(forTwiceDecoding('<c t="str"><v>&amp;</v></c>'.repeat(4_000), false)).toHaveLength(
      4_000 * '<c t="str"><v>&amp;amp;</v></c>'.length,
    );
  });
});
