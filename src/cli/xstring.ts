/**
 * Cell text as an .xlsx holds it (ECMA-376 Part 1, 22.9.2.19, ST_Xstring): a character XML 1.0
 * cannot carry, or carries changed, is written `_xHHHH_` (its UTF-16 code in hex), and an underscore
 * that would start such an escape is itself written `_x005F_`. Excel writes a carriage return
 * (a member ID pasted with a Windows line end) as `_x000D_`, control characters as `_x0001_`…
 * (libxlsxwriter's shared_strings01.xlsx, saved by Excel, holds every one of them), and a typed
 * "_x0030_" as "_x005F_x0030_"; DEL (U+007F), which XML carries, it writes as itself
 * (libxlsxwriter's optimize06.xlsx). Reading decodes the escapes (read.ts, unescapedText); the copy
 * writes them back so, or ExcelJS 4.4's writer drops control characters and DEL (utils.xmlEncode),
 * a carriage return written as itself comes back a line feed (XML's end-of-line handling), and a
 * typed "_x0030_" comes back "0".
 */

/**
 * The characters written as `_xHHHH_`: C0 controls but tab and line feed, the carriage return,
 * U+FFFE / U+FFFF and unpaired surrogates (not XML characters).
 */
const CHARACTER =
  "[\\u0000-\\u0008\\u000B-\\u001F\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]";
/**
 * An underscore that would start an escape once the text is written: before x, four hex digits and
 * an underscore, or a character that is itself escaped (written `_xHHHH_`, it brings the underscore).
 */
const ESCAPE_START = `_(?=x[0-9A-Fa-f]{4}(?:_|${CHARACTER}))`;
/** In text already in the file's form, `_x0030_` is an escape the text holds: only the second case. */
const ESCAPE_START_RAW = `_(?=x[0-9A-Fa-f]{4}(?:${CHARACTER}))`;
const TO_ESCAPE = new RegExp(`${CHARACTER}|${ESCAPE_START}`, "g");
const TO_ESCAPE_RAW = new RegExp(`${CHARACTER}|${ESCAPE_START_RAW}`, "g");
/** Whether a text may need any escape: one character class, a quick test for the usual text, which needs none. */
// eslint-disable-next-line no-control-regex -- control characters are what this module escapes
const MAY_NEED = /[\u0000-\u0008\u000B-\u001F_\uD800-\uDFFF\uFFFE\uFFFF]/;

const escape = (ch: string): string => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`;

/** A cell's text (as read: escapes decoded) as the file holds it. */
export function xstring(text: string): string {
  return MAY_NEED.test(text) ? text.replace(TO_ESCAPE, escape) : text;
}

/** Text already in the file's form (escapes kept as written) with the characters XML cannot carry escaped. */
export function escapedCharacters(text: string): string {
  return MAY_NEED.test(text) ? text.replace(TO_ESCAPE_RAW, escape) : text;
}

interface TextXform {
  prototype: object & { [TEXT_MODEL]?: true };
}
interface XmlUtils {
  xmlEncode(text: string): string;
}

/**
 * Set on what is patched, once it is (registered symbols, as copy-links.ts uses: never a property a
 * workbook could name, and the same if this module is loaded again beside the same ExcelJS).
 */
const APPLIED = Symbol.for("ecm-claims.xstring-encode");
const TEXT_MODEL = Symbol.for("ecm-claims.xstring-text-model");
const DEL = "\u007f";

/**
 * ExcelJS's writer, for both copy writers: a character XML cannot carry is written `_xHHHH_` rather
 * than dropped, and DEL as itself (ExcelJS dropped it). Texts it is given are in the file's form.
 */
export function keepCharactersWritten(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- ExcelJS internals, absent from its typings
  const utils = require("exceljs/lib/utils/utils") as XmlUtils & { [APPLIED]?: true };
  if (utils[APPLIED] === true) return;
  utils[APPLIED] = true;
  const { xmlEncode } = utils;
  const encode = (text: string): string => xmlEncode(escapedCharacters(text));
  utils.xmlEncode = (text: string): string => (text.includes(DEL) ? text.split(DEL).map(encode).join(DEL) : encode(text));
}

/**
 * For the full-model copy (copy-model.ts): texts stay in the file's form from reading to writing.
 * ExcelJS 4.4 decodes the escapes of a `<t>` text as it loads (upper-case hex only; not those of a
 * `t="str"` value), and its writer wrote the decoded characters as above: the loader keeps the text
 * as written instead; the writer (keepCharactersWritten) escapes the characters XML cannot carry,
 * which then only come from character references (`&#13;`).
 */
export function keepEscapesAsWritten(): void {
  keepCharactersWritten();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- ExcelJS internals, absent from its typings
  const xform = require("exceljs/lib/xlsx/xform/strings/text-xform") as TextXform;
  if (xform.prototype[TEXT_MODEL] === true) return;
  xform.prototype[TEXT_MODEL] = true;
  Object.defineProperty(xform.prototype, "model", {
    configurable: true,
    get(this: { _text: string[] }): string {
      return this._text.join("");
    },
  });
}
