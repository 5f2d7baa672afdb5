import { isDateFormat, keepNumberFormatsAsWritten } from "./number-formats";

describe("isDateFormat: whether a number format shows a date or time", () => {
  it.each([
    // Excel's built-in date and time formats, and its own long and locale dates
    ["mm-dd-yy", true],
    ["[$-409]mmmm\\ d\\,\\ yyyy;@", true],
    ["[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", true],
    ["[$-409]h:mm:ss\\ AM/PM", true],
    ["h:mm", true],
    ["[h]:mm:ss", true],
    ["[mm]", true],
    ["yyyy\\-mm\\-dd\\ hh:mm:ss\\ \\U\\T\\C", true],
    // upper case, as LibreOffice writes them
    ["DD/MM/YYYY", true],
    ["YYYY", true],
    ['MMMM\\ D", "YYYY', true],
    // numbers whose literal text holds letters that are date codes elsewhere
    ["0\\ \\v\\i\\s\\i\\t\\s", false],
    ["#,##0.00\\ \\u\\s\\d", false],
    ['0 "days"', false],
    ["#,##0_ ;[Red]\\-#,##0\\ ", false],
    ['_("$"* #,##0.00_);_("$"* \\(#,##0.00\\);_("$"* "-"??_);_(@_)', false],
    ["[Red][>=100]0;[Blue]0", false],
    ['_-* #,##0.00\\ "zł"_-', false],
    ["0*s", false], // fill the cell with s
    ["0_s", false], // a space as wide as s
    ["0.00E+00", false],
    ["General", false],
    ["@", false],
    // only the first section decides (positive numbers), as in Excel and openpyxl
    ['0;"d"', false],
    // an unclosed quote or bracket shows no date
    ['0 "d', false],
    ["[h", false],
  ])("%s: %s", (code, date) => {
    expect(isDateFormat(code)).toBe(date);
  });

  it("is what ExcelJS asks, and ExcelJS keeps format codes as written, once patched", () => {
    keepNumberFormatsAsWritten();
    keepNumberFormatsAsWritten(); // patched once, however often it is called
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- ExcelJS's internal module, patched in place
    const utils = require("exceljs/lib/utils/utils") as { isDateFmt(code: string | undefined): boolean };
    expect([utils.isDateFmt("#,##0.00\\ \\u\\s\\d"), utils.isDateFmt("d-mmm"), utils.isDateFmt(undefined)]).toEqual([false, true, false]);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- ExcelJS's internal module, patched in place
    const NumFmt = require("exceljs/lib/xlsx/xform/style/numfmt-xform") as new () => {
      parseOpen(node: { name: string; attributes: Record<string, string> }): boolean;
      model: unknown;
    };
    const xform = new NumFmt();
    xform.parseOpen({ name: "numFmt", attributes: { numFmtId: "165", formatCode: '0\\ \\"' } });
    expect(xform.model).toEqual({ id: 165, formatCode: '0\\ \\"' });
  });
});
