/**
 * Number formats as the workbook writes them, and which of them show a date. A format's literal
 * characters are quoted ("USD") or escaped one by one with a backslash (ECMA-376 Part 1, 18.8.31;
 * Excel writes `0\ \v\i\s\i\t\s` and `[$-409]h:mm:ss\ AM/PM`). ExcelJS 4.4 drops every backslash as it
 * reads a format code, then takes any y, m, d, h, s or b left in it for a date code, so:
 * - a billed amount of 400 formatted `#,##0.00\ \u\s\d` read as the date 1901-02-03 (ECM-CHARGE:
 *   "not an amount"), and Units 1 formatted `0\ \v\i\s\i\t\s` as 1900-01-01 (ECM-UNITS);
 * - an annotated copy wrote formats back without their backslashes, which changes what some show:
 *   `0.000\ \"` became `0.000 "`, an unclosed quote (SheetJS's number_format_entities.xlsx), and an
 *   escaped letter that is also a code (`\s`, `\m`) a date code.
 * The code is kept as written, and a number is a date when the format's first section holds a date
 * or time code outside quotes, brackets and escapes (what Excel and openpyxl's is_date_format look
 * at), in either case (`DD/MM/YYYY`), or is an elapsed time (`[h]:mm`).
 */

/** Whether a number format shows a date or time (see above). */
export function isDateFormat(code: string): boolean {
  for (let k = 0; k < code.length; k++) {
    const c = code.charCodeAt(k);
    if (c === 59) return false; // ";": only the first section (positive numbers) decides
    if (c === 34) {
      // "…": literal text
      const end = code.indexOf('"', k + 1);
      if (end < 0) return false;
      k = end;
    } else if (c === 92 || c === 95 || c === 42) {
      k++; // \x: the character x; _x: a space as wide as x; *x: x repeated to fill the cell
    } else if (c === 91) {
      // […]: a colour, condition or locale, or an elapsed time ([h], [mm], [ss])
      const end = code.indexOf("]", k + 1);
      if (end < 0) return false;
      if (/^(?:h+|m+|s+)$/i.test(code.slice(k + 1, end))) return true;
      k = end;
    } else if (DATE_CODES.has(c)) return true;
  }
  return false;
}

/** y, m, d, h and s in either case, and b (a Buddhist year: bb, bbbb). "General" holds none of them. */
const DATE_CODES = new Set([..."ymdhsYMDHSb"].map((ch) => ch.charCodeAt(0)));

interface NumFmtXform {
  prototype: {
    parseOpen(this: { model?: unknown }, node: { name: string; attributes: Record<string, string> }): boolean;
  };
}
interface DateFormatUtils {
  isDateFmt(code: string | undefined): boolean;
}

/** Set on ExcelJS's utils once they are patched (a registered symbol, as in copy-links.ts and xstring.ts). */
const APPLIED = Symbol.for("ecm-claims.number-formats");

/**
 * ExcelJS reads format codes as written (its streaming reader, which reads the claims, and its
 * full-model loader, which loads a workbook for a copy) and tells date formats with isDateFormat.
 * Patched once per process, as its other patches are.
 */
export function keepNumberFormatsAsWritten(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- ExcelJS internals, absent from its typings
  const utils = require("exceljs/lib/utils/utils") as DateFormatUtils & { [APPLIED]?: true };
  if (utils[APPLIED] === true) return;
  utils[APPLIED] = true;
  utils.isDateFmt = (code) => typeof code === "string" && isDateFormat(code);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- ExcelJS internals, absent from its typings
  const xform = require("exceljs/lib/xlsx/xform/style/numfmt-xform") as NumFmtXform;
  const { parseOpen } = xform.prototype;
  xform.prototype.parseOpen = function (node) {
    if (node.name !== "numFmt") return parseOpen.call(this, node);
    this.model = { id: parseInt(node.attributes.numFmtId ?? "", 10), formatCode: node.attributes.formatCode ?? "" };
    return true;
  };
}
