/**
 * Inline strings of several runs. A cell may hold its text inline as rich text, one run per
 * formatting: `<c t="inlineStr"><is><r><rPr><b/></rPr><t>Example</t></r><r><t> richtext</t></r></is></c>`
 * (ECMA-376 Part 1, 18.3.1.53 and 18.4.4). ExcelJS 4.4's streaming reader starts the cell's text
 * again at every `<t>`, so it kept the last run only: the cell above read as " richtext" (roo's
 * test/files/richtext_example.xlsx, fixture upstream/rich-inline-strings.xlsx), and a phonetic
 * reading (`<rPh>`, written for Japanese text) replaced the cell's own. For the streaming reader
 * the runs' texts are joined into one `<t>`, as Excel shows the cell, phonetic runs left out; its
 * full-model loader, which lost such a cell whole, is given it without its phonetic runs. Textual
 * rewrites of each `<is>` element in linear time, not an XML parser.
 */

import { eachSpan, withoutPhonetics } from "./xml-shapes";

/** A run's text: `<t>…</t>` or `<t xml:space="preserve">…</t>` (escaped text holds no `<`), or an empty `<t/>`. */
const TEXT = /<t(?:\s[^>]*)?(?:\/>|>([^<]*)<\/t>)/g;

/** The body of an `<is>` element with its runs' texts joined into one `<t>`; unchanged when it has no runs. */
function joinedRuns(body: string): string {
  if (!body.includes("<r>") && !body.includes("<rPh")) return body;
  let text = "";
  for (const m of withoutPhonetics(body).matchAll(TEXT)) text += m[1] ?? "";
  return `<t xml:space="preserve">${text}</t>`;
}

/** A piece of worksheet XML (complete rows) with the body of each `<is>` element passed through `change`. */
const eachInlineString = (xml: string, change: (body: string) => string): string =>
  eachSpan(xml, "<is>", "</is>", (body) => `<is>${change(body)}</is>`);

/** A piece of worksheet XML (complete rows) with the runs of each inline string joined: what the streaming reader is given. */
export const joinInlineRuns = (xml: string): string =>
  // Runs follow <is> at once (xml-shapes.ts took out indentation and wrote plain text before runs as a run).
  xml.includes("<is><r>") || xml.includes("<rPh") ? eachInlineString(xml, joinedRuns) : xml;

/**
 * A piece of worksheet XML without the phonetic runs of its inline strings: what ExcelJS's
 * full-model loader, which reads several runs as rich text (and the copy keeps their formatting)
 * but lost the whole cell when one of them was phonetic, is given for a copy. `dropped` is told
 * when there was one (the copy then leaves out that phonetic guide).
 */
export function dropInlinePhonetics(xml: string, dropped: () => void): string {
  if (!xml.includes("<rPh")) return xml;
  return eachInlineString(xml, (body) => {
    const kept = withoutPhonetics(body);
    if (kept !== body) dropped();
    return kept;
  });
}
