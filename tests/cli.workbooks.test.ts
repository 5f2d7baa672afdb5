/**
 * Workbooks and CSV files from other writers, read one way: every fixture of
 * tests/fixtures/workbooks/ (made by make_openpyxl.py with openpyxl, the library pandas writes
 * .xlsx with; by make_xlsxwriter.py with XlsxWriter, which pandas prefers when it is installed; by
 * make_other_writers.sh with LibreOffice Calc, Gnumeric's ssconvert and ExcelJS; by make_pandas_csv.py with pandas' to_csv; by make_synthetic.py for
 * Strict Open XML, rows without r attributes, Apple Numbers' part names, the Open XML SDK's prefixes, indentation and
 * CDATA, and damaged parts) gives its expected verdicts, and the same verdicts with --out (which also loads the
 * workbook's full model to keep its formats) as without. Workbooks written by Excel and exported
 * by Google Sheets (tests/fixtures/workbooks/debian, from Debian packages), and one exported by
 * Apple Numbers and the odd ones other readers keep as regression tests (tests/fixtures/workbooks/upstream,
 * from roo's and calamine's test data), read as openpyxl reads them. Plus CSV encodings and delimiters, and files that are not workbooks. (R's CSV files,
 * make_r_csv.R: cli.r-files.test.ts.)
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { leftOutNote, runCli, type CliIO } from "../src/cli/run";
import { CHECK_ANOTHER_SHEET, otherSheetsNotes } from "../src/shared/report-text";
import { cli } from "./helpers/cli";
import { loadSheet, unescapedText } from "../src/cli/read";
import { FILTER_CRITERIA_LEFT_OUT, leftOutOfCopy } from "../src/cli/copy-model";
import { readParts } from "../src/cli/zip-parts";
import { writeAnnotated } from "../src/cli/annotate";
import { csvDelimiter, parseCsvFile, textFormulaValue } from "../src/cli/csv";
import { decodeText, decodeWindows1252, encodeText, macRomanNote } from "../src/cli/csv-encoding";
import fc from "fast-check";
import { parse as parseCsvText } from "csv-parse/sync";
import { stringify as stringifyCsv } from "csv-stringify/sync";
import { neutralised, printable } from "../src/cli/report";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { generateClaims } from "./bench/generate-claims";
import { numberRowsAndCells, recalculatesOnLoad, rewriteFormulaCells } from "../src/cli/xlsx-patch";
import { isoToSerial, rewriteIsoDateCells } from "../src/cli/iso-dates";
import { dayFromISO, formatDay, parseDay, type Cell } from "../src/engine";
import { excelError } from "../src/engine/values";

const DIR = "tests/fixtures/workbooks";
const SAMPLE = "assets/sample-claims.xlsx";
const tmp = mkdtempSync(join(tmpdir(), "ecm-wb-"));

type Report = {
  rows: { row: number; status: string; findings: { rule: string; message: string }[] }[];
  summary: Record<string, number> & { totalsRows: number[]; notes: string[] };
};
const statuses = (r: Report) => r.rows.map((x) => `${x.row} ${x.status} ${x.findings.map((f) => f.rule).join(",")}`.trim());

/** Each fixture: what it exercises, and the verdicts (row status rules) a correct reading gives. */
const EXPECTED: Record<
  string,
  {
    why: string;
    rows: string[];
    error?: string;
    totalsRows?: number[];
    copyError?: string;
    /** What the report says of the .xlsx copy (its notes with --out that it does not give without). */
    copyNotes?: string[];
  }
> = {
  "openpyxl-claims.xlsx": {
    why: "absolute relationship targets (/xl/worksheets/sheet1.xml), inline strings",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "openpyxl-user-status-column.xlsx": {
    why: "the user's own 'ECM Status' column (see cli.out.test.ts for the copy)",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "openpyxl-formulas-without-values.xlsx": {
    why: "formulas saved without values: findings, not blank rows",
    rows: ["2 OK", "3 ERROR ECM-CELL-ERROR", "4 ERROR ECM-CELL-ERROR"],
  },
  "openpyxl-error-cells.xlsx": {
    why: 'error cells (t="e"): #N/A TAR, #REF! member',
    rows: ["2 ERROR ECM-CELL-ERROR", "3 ERROR ECM-CELL-ERROR", "4 OK"],
  },
  "openpyxl-1904-dates.xlsx": {
    why: "the 1904 date system: the same dates as openpyxl-claims.xlsx",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "openpyxl-date-past-9999.xlsx": {
    why: 'date-formatted numbers past 9999-12-31 (1.0E12, as a Google Sheets export holds, and 3,000,000): no date, named as the number (read as an invalid date, shown as "", and copied as NaN, before)',
    rows: ["2 ERROR ECM-DOS", "3 ERROR ECM-DOS,ECM-TAR", "4 WARN ECM-OUTREACH-MODE"],
  },
  "openpyxl-chart-sheet-first.xlsx": {
    why: "a chart sheet as the first tab, the claims on the second: the claims sheet is read ('has no worksheets' before, unless --sheet)",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
    copyNotes: [leftOutNote(["charts"])],
  },
  "openpyxl-iso-date-cells.xlsx": {
    why: 'ISO 8601 date cells (t="d"), which ExcelJS read as 1905-07-18',
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "openpyxl-date-formatted-zero.xlsx": { why: "a date-formatted 0 (1/0/1900) is no date of service", rows: ["2 ERROR ECM-DOS", "3 OK"] },
  "openpyxl-merged-member.xlsx": {
    why: "a member ID merged over three rows belongs to the top row only, with and without --out",
    rows: ["2 OK", "3 ERROR ECM-MEMBER", "4 ERROR ECM-MEMBER"],
  },
  "openpyxl-merged-beside-claims.xlsx": {
    why: "a method merged over I4:K4 and a footer over A6:M6, where the result columns would go: read the same with and without --out (the copy's cells: tests/cli.out.test.ts)",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE", "6 ERROR ECM-DOS,ECM-CODE"],
  },
  "openpyxl-linked-cells.xlsx": {
    why: "links on a date of service, a billed amount and a member ID: read as the cells' values (the copy's links: tests/cli.out.test.ts)",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "openpyxl-stray-cell-xfd1048576.xlsx": {
    why: "a stray cell at XFD1048576 is read without building the whole 17-billion-cell grid",
    rows: ["2 OK", "1048576 ERROR ECM-MEMBER,ECM-DOS,ECM-CODE"],
  },
  "openpyxl-summary-sheet-first.xlsx": {
    why: "a summary sheet first: the message lists the sheets (hidden ones marked) and suggests --sheet",
    rows: [],
    error:
      'Headers seen in row 1: "Billing summary for June". Sheets: "Summary", "Claims data", "Lookup (hidden)"; pick one with --sheet NAME.\n',
  },
  "libreoffice-claims.xlsx": {
    why: "LibreOffice Calc's save: shared strings, its styles, [Content_Types].xml the last part of the zip",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "libreoffice-1904-dates.xlsx": {
    why: "LibreOffice keeps the 1904 date system (date1904): the same dates",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "libreoffice-formulas-recalculated.xlsx": {
    why: "formulas recalculated and saved with their values: a #N/A result is an error cell, the others are data",
    rows: ["2 OK", "3 ERROR ECM-CELL-ERROR", "4 WARN ECM-PEPM-DUP"],
  },
  "libreoffice-formula-results.xlsx": {
    why: 'formula results 0 and "" are values (a Paid Amount of $0, a blank TAR), and a date a formula returns is a date',
    rows: ["2 OK", "3 WARN ECM-UNDERPAID", "4 WARN ECM-UNDERPAID", "5 WARN ECM-PEPM-DUP"],
  },
  "libreoffice-1904-formula-results.xlsx": {
    why: "the same in the 1904 date system: a date a formula returns is read in it (row 5 is in row 2's month)",
    rows: ["2 OK", "3 WARN ECM-UNDERPAID", "4 WARN ECM-UNDERPAID", "5 WARN ECM-PEPM-DUP"],
  },
  "openpyxl-formula-results.xlsx": {
    why: "the same formulas as openpyxl writes them, without values: every line with one is reported",
    rows: ["2 ERROR ECM-CELL-ERROR", "3 ERROR ECM-CELL-ERROR", "4 ERROR ECM-CELL-ERROR", "5 ERROR ECM-CELL-ERROR"],
  },
  "openpyxl-1904-formula-results.xlsx": {
    why: "the same, 1904 date system",
    rows: ["2 ERROR ECM-CELL-ERROR", "3 ERROR ECM-CELL-ERROR", "4 ERROR ECM-CELL-ERROR", "5 ERROR ECM-CELL-ERROR"],
  },
  "xlsxwriter-formula-results.xlsx": {
    why: "XlsxWriter saves 0 for every formula and asks for recalculation on opening: the 0s are placeholders, not values",
    rows: ["2 ERROR ECM-CELL-ERROR", "3 ERROR ECM-CELL-ERROR", "4 ERROR ECM-CELL-ERROR", "5 ERROR ECM-CELL-ERROR"],
  },
  "openpyxl-escaped-number-formats.xlsx": {
    why: "Units formatted 0\\ \\v\\i\\s\\i\\t\\(\\s\\), billed amounts #,##0.00\\ \\u\\s\\d: numbers, not dates (the escaped s and d were read as date codes: 400 as 1901-02-03, ECM-CHARGE; see cli.out.test.ts for the copy's formats)",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "xlsxwriter-control-characters.xlsx": {
    why: "a member ID with a carriage return written _x000D_ (the same member: ECM-DUPLICATE), and a Notes sheet of control characters, a line end, DEL and a typed _x0030_, which the copy keeps (it dropped or changed all but the tab)",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "openpyxl-data-validation.xlsx": {
    why: "data validations on the claims (see cli.out.test.ts for the copy)",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "libreoffice-data-validation.xlsx": {
    why: "the same as LibreOffice writes them",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "openpyxl-conditional-formatting.xlsx": {
    why: "conditional formatting on the claims (see cli.out.test.ts for the copy)",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "libreoffice-conditional-formatting.xlsx": {
    why: "the same as LibreOffice writes it",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "openpyxl-table-calculated-column.xlsx": {
    why: "an Excel Table with a calculated column in the middle (see cli.out.test.ts for the copy)",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "libreoffice-table-calculated-column.xlsx": {
    why: "the same saved by LibreOffice, which keeps the formulas in the cells but not the column's",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "pandas-xlsxwriter-claims.xlsx": {
    why: "pandas' DataFrame.to_excel with XlsxWriter, the engine it picks when installed",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "libreoffice-r-csv.xlsx": {
    why: "R's write.csv opened by LibreOffice and saved: NA is text (the note: cli.r-files.test.ts)",
    rows: [
      "2 ERROR ECM-MODIFIER,ECM-ENROLL-DATE",
      "3 WARN ECM-ENROLL-DATE",
      "4 ERROR ECM-MODIFIER,ECM-ENROLL-DATE",
      "5 ERROR ECM-TAR",
      "6 WARN ECM-ENROLL-DATE",
      "7 ERROR ECM-MEMBER,ECM-ENROLL-DATE",
    ],
  },
  "gnumeric-claims.xlsx": {
    why: "Gnumeric's ssconvert (1.12.55): its own styles and part layout",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "gnumeric-1904-dates.xlsx": {
    why: "Gnumeric keeps the 1904 date system: the same dates",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "gnumeric-formula-results.xlsx": {
    why: "Gnumeric recalculates openpyxl's formulas and saves their values: as LibreOffice's",
    rows: ["2 OK", "3 WARN ECM-UNDERPAID", "4 WARN ECM-UNDERPAID", "5 WARN ECM-PEPM-DUP"],
  },
  "gnumeric-merged-member.xlsx": {
    why: "Gnumeric's merged range: the top-left cell only",
    rows: ["2 OK", "3 ERROR ECM-MEMBER", "4 ERROR ECM-MEMBER"],
  },
  "gnumeric-error-cells.xlsx": {
    why: "Gnumeric's error cells",
    rows: ["2 ERROR ECM-CELL-ERROR", "3 ERROR ECM-CELL-ERROR", "4 OK"],
  },
  "libreoffice-merged-member.xlsx": {
    why: "LibreOffice's merged range: the top-left cell only",
    rows: ["2 OK", "3 ERROR ECM-MEMBER", "4 ERROR ECM-MEMBER"],
  },
  "libreoffice-error-cells.xlsx": {
    why: "LibreOffice's error cells",
    rows: ["2 ERROR ECM-CELL-ERROR", "3 ERROR ECM-CELL-ERROR", "4 OK"],
  },
  "exceljs-claims.xlsx": {
    why: "ExcelJS's save: shared strings, a Table over the claims, dates with a number format",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "synthetic-strict-ooxml.xlsx": {
    why: "Strict Open XML (purl.oclc.org namespaces, conformance=strict)",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "synthetic-damaged-sheet-xml.xlsx": {
    why: "a worksheet part that is not well-formed XML: exit 2, naming the part and its sheet",
    rows: [],
    error:
      '(sheet "Claims") cannot be read; open it in Excel, which may offer to repair it, and save it as .xlsx (1:1744: documents may contain only one root.)\n',
  },
  "synthetic-unescaped-ampersand.xlsx": {
    why: 'a text cell written with its & as is ("TAR & 1", not &amp;): exit 2, naming the part (read before as the rows above it, exit 0)',
    rows: [],
    error:
      '(sheet "Claims") cannot be read; open it in Excel, which may offer to repair it, and save it as .xlsx (1:1859: its XML ends with elements still open: the part was cut short, or holds an & that starts no character reference (XML writes & as &amp;))\n',
  },
  "synthetic-unescaped-ampersand-shared.xlsx": {
    why: "the same & in the shared strings: exit 2, naming the part (the texts after it were lost before)",
    rows: [],
    error:
      "its part xl/sharedStrings.xml cannot be read; open it in Excel, which may offer to repair it, and save it as .xlsx (2:526: its XML ends with elements still open: the part was cut short, or holds an & that starts no character reference (XML writes & as &amp;))\n",
  },
  "synthetic-cut-sheet-part.xlsx": {
    why: "a worksheet part cut half-way through its last row: exit 2, naming the part (read before as the rows above the cut)",
    rows: [],
    error:
      '(sheet "Claims") cannot be read; open it in Excel, which may offer to repair it, and save it as .xlsx (1:1589: its XML ends with elements still open: the part was cut short, or holds an & that starts no character reference (XML writes & as &amp;))\n',
  },
  "synthetic-no-sheets-listed.xlsx": {
    why: "a workbook part that lists no sheet beside a worksheet part: no worksheets on both paths, as Excel's model and openpyxl read it (the streaming path read the unlisted part as Sheet1)",
    rows: [],
    error: "synthetic-no-sheets-listed.xlsx has no worksheets\n",
  },
  "synthetic-entity-expansion.xlsx": {
    why: 'nested entities declared in a document type ("billion laughs"): none expanded, exit 2 naming the part',
    rows: [],
    error:
      '(sheet "Claims") cannot be read; open it in Excel, which may offer to repair it, and save it as .xlsx (1:1649: undefined entity.)\n',
  },
  "synthetic-word-document.xlsx": {
    why: "a Word document named .xlsx: says so (it said 'its XML holds no complete <workbook> element', as for a damaged workbook)",
    rows: [],
    error:
      "synthetic-word-document.xlsx is not a readable .xlsx workbook: it is a Word document, not an Excel workbook (its main part is word/document.xml): choose the workbook, or save the claims from Excel as .xlsx\n",
  },
  "synthetic-damaged-workbook-part.xlsx": {
    why: "a workbook part cut half-way: exit 2, naming the part (not 'has no workbook part')",
    rows: [],
    error:
      "its part xl/workbook.xml cannot be read; open it in Excel, which may offer to repair it, and save it as .xlsx (1:273: its XML ends with elements still open: the part was cut short, or holds an & that starts no character reference (XML writes & as &amp;))\n",
  },
  "synthetic-numbers-sheet-part-names.xlsx": {
    why: "Apple Numbers' part names: the claims in xl/worksheets/sheet.xml (not sheet<n>.xml), a Notes sheet in sheet1.xml",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "synthetic-escaped-carriage-return.xlsx": {
    why: "a member ID ending in a carriage return written _x000D_ (another member before: no ECM-DUPLICATE), a literal _x0030_ written _x005F_x0030_",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "synthetic-indented-cdata.xlsx": {
    why: "an indented worksheet, a member ID and a method in CDATA sections (the member read as empty before)",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "synthetic-open-xml-sdk-prefixes.xlsx": {
    why: "the Open XML SDK's way: <x:worksheet xmlns:x=…>, <ap:Properties>, <coreProperties xmlns=…>, a byte-order mark before each part (read as damaged before; its copy refused)",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "synthetic-rich-inline-strings.xlsx": {
    why: "inline strings of several runs: a member ID in two runs, a method in two runs and a phonetic run, read whole",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
    copyNotes: [leftOutNote(["phonetic guides (furigana) of text typed in the cells"])],
  },
  "synthetic-backslash-part-names.xlsx": {
    why: "zip entries named with backslashes (xl\\workbook.xml) and [content_types].xml in lower case, as .NET's System.IO.Compression wrote them (read as 'has no workbook part' before)",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "synthetic-repeated-part-name.xlsx": {
    why: "the sheet's part twice, as sheet1.xml and Sheet1.xml: exit 2, naming both (one of them was read, unsaid)",
    rows: [],
    error:
      "its part xl/worksheets/Sheet1.xml cannot be read; open it in Excel, which may offer to repair it, and save it as .xlsx (the package holds this part twice, also as xl/worksheets/sheet1.xml: part names must differ in more than case, so which one is the sheet is not known)\n",
  },
  "synthetic-sheet-state-show.xlsx": {
    why: 'a first sheet with state="show", which the schema does not know: visible, so it is read (the next sheet was, as if the first were hidden)',
    rows: ["2 OK", "3 WARN ECM-OUTREACH-MODE"],
  },
  "synthetic-no-workbook-part.xlsx": {
    why: "a worksheet without a workbook part: exit 2 in one line (a reading library's TypeError before)",
    rows: [],
    error: "synthetic-no-workbook-part.xlsx is not a readable .xlsx workbook: it has no workbook part (xl/workbook.xml)\n",
  },
  "synthetic-xml-map.xlsx": {
    why: "an XML-mapped Table (a column bound to an XPath, a column's extension list) and a single-cell mapping: copied, the report says without the XML maps (refused, or a 10-column Table copied with 1 column, before)",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
    copyNotes: [leftOutNote(["XML maps (the Developer tab's XML Source)"])],
  },
  "synthetic-minimal-package.xlsx": {
    why: "the minimal package: workbook.xml, sheet1.xml and styles.xml at the package's root, found through _rels/.rels, as the LAPD's booking exports (readxl#435) write them ('has no workbook part (xl/workbook.xml)' before, on both paths)",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "synthetic-odd-cell-references.xlsx": {
    why: 'cell references in lower case (r="a2") and bare column numbers (r="0"), as ExcelDataReader\'s test files: read as damaged before ("A Cell needs a Row")',
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "synthetic-split-rows.xlsx": {
    why: "row 3 written as one <row> element per cell, as an export in ExcelDataReader's test data: one row (read as six rows, one cell each, before; its copy lost all but the last cell)",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "synthetic-zip-comment.xlsx": {
    why: "a zip comment of 200 bytes after the zip's end (read as 'cut short' before: unzipper looked at the last 80 bytes only)",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "synthetic-single-quotes-entities.xlsx": {
    why: "attributes in single quotes (read as damaged before), texts that hold escape-like text, a member ID with a character reference",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "synthetic-rows-without-r.xlsx": {
    why: "rows and cells without r attributes (the reading layer numbers them; ExcelJS alone fails)",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "openpyxl-table-total-row.xlsx": {
    why: "a Table's Total Row whose SUBTOTAL formulas were never calculated: the row says so (open and save in Excel)",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE", "5 ERROR ECM-CELL-ERROR,ECM-DOS,ECM-CODE"],
  },
  "libreoffice-table-total-row.xlsx": {
    why: "a Table's Total Row, recalculated: not a claim line, no verdict, named in a note",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
    totalsRows: [5],
  },
  "openpyxl-subtotals.xlsx": {
    why: "Data > Subtotal's rows before calculation: each says its formula has no value",
    rows: [
      "2 OK",
      "3 ERROR ECM-TAR,ECM-DUPLICATE",
      "4 ERROR ECM-CELL-ERROR,ECM-DOS,ECM-CODE",
      "5 WARN ECM-OUTREACH-MODE",
      "6 ERROR ECM-CELL-ERROR,ECM-DOS,ECM-CODE",
      "7 ERROR ECM-CELL-ERROR,ECM-DOS,ECM-CODE",
    ],
  },
  "libreoffice-subtotals.xlsx": {
    why: 'Data > Subtotal\'s "<member> Total" and "Grand Total" rows, recalculated: not claim lines',
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "5 WARN ECM-OUTREACH-MODE"],
    totalsRows: [4, 6, 7],
  },
  "openpyxl-cell-comment.xlsx": {
    why: "a cell comment in openpyxl's part names (xl/comments/comment1.xml), which ExcelJS's loader does not look for: read, and copied",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "synthetic-workbook-in-other-folder.xlsx": {
    why: "every part of xl/ in a folder named wtf/, as SheetJS's wtf_path.xlsx: read, and copied with its comment ('has no workbook part' before)",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "libreoffice-cell-comment.xlsx": {
    why: "the same comment as LibreOffice writes it (xl/comments1.xml, its text in runs)",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "openpyxl-chart.xlsx": {
    why: "a chart on a sheet of its own, in a drawing ExcelJS cannot parse (no xdr: prefix): read, copied without the chart, and the report says so",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
    copyNotes: [leftOutNote(["charts"])],
  },
  "openpyxl-picture.xlsx": {
    why: "a picture in openpyxl's drawing, which ExcelJS cannot parse: copied without it, and the report says so",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
    copyNotes: [leftOutNote(["pictures and shapes (in a drawing ExcelJS cannot read)"])],
  },
  "synthetic-sheet-extensions.xlsx": {
    why: "a drop-down whose list is on another sheet and a sparkline, in Excel's x14 extensions: copied without them, and the report says so",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
    copyNotes: [leftOutNote(["data validations kept in Excel's extension (those that refer to another sheet)", "sparklines"])],
  },
  "openpyxl-internal-hyperlink.xlsx": {
    why: "a hyperlink to a place in the workbook (no relationship), which ExcelJS drops: copied without it, and the report says so",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
    copyNotes: [leftOutNote(["links to places in the workbook (hyperlinks to a sheet or cell)"])],
  },
  "openpyxl-filtered.xlsx": {
    why: "an AutoFilter with criteria and the row it hides: read (a hidden row is still a claim), copied without the criteria, and the report says so",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
    copyNotes: [leftOutNote([FILTER_CRITERIA_LEFT_OUT])],
  },
  "libreoffice-chart.xlsx": {
    why: "the same chart as LibreOffice writes it: copied without the chart, and the report says so",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
    copyNotes: [leftOutNote(["charts"])],
  },
  "synthetic-dangling-comment-part.xlsx": {
    why: "a sheet whose relationships name a comments part the package lacks: read; an .xlsx copy refused with a message saying what works",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
    copyError: "an annotated .xlsx copy of this workbook cannot be made (ExcelJS: ",
  },
  "openpyxl-number-formats.xlsx": {
    why: "Accounting and Comma Style amounts, d-mmm-yy dates, 12-digit member IDs: numbers in the file, whatever they show",
    rows: ["2 OK", "3 WARN ECM-UNDERPAID", "4 WARN ECM-CHARGE", "5 OK", "6 OK", "7 OK"],
  },
  "openpyxl-sheet-per-month.xlsx": {
    why: "one sheet per month: the first visible sheet is read, and a note names the other sheets that hold claims",
    rows: ["2 OK", "3 WARN ECM-OUTREACH-MODE"],
  },
  "openpyxl-hidden-first-sheet.xlsx": {
    why: "a hidden first sheet is skipped: the first visible one is validated",
    rows: ["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"],
  },
  "openpyxl-short-dates.xlsx": {
    why: "dates in the built-in short date format (numFmtId 14), the source of the libreoffice-*-short-dates.csv files",
    rows: ["2 OK", "3 WARN ECM-PEPM-DUP", "4 OK"],
  },
  "openpyxl-month-names.xlsx": {
    why: "dates in the d-mmm-yy format, one a month, the source of libreoffice-es-US-month-names.csv",
    rows: Array.from({ length: 12 }, (_, k) => `${k + 2} OK`),
  },
  "openpyxl-accented-text.xlsx": {
    why: "Spanish, French and German accented letters, the source of libreoffice-windows-1252.csv and libreoffice-mac-roman.csv",
    rows: ["2 OK", "3 WARN ECM-OUTREACH-MODE", "4 WARN ECM-OUTREACH-MODE", "5 OK"], // 4: "VISITA EN PERSONA" billed U8 GQ
  },
};

describe("workbooks from other writers (tests/fixtures/workbooks)", () => {
  it("has an expectation for every fixture file", () => {
    expect(
      readdirSync(DIR)
        .filter((f) => f.endsWith(".xlsx"))
        .sort(),
    ).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(
    Object.entries(EXPECTED).map(
      ([file, { why, rows, error, totalsRows, copyError, copyNotes }]) =>
        [file, why, rows, error, totalsRows, copyError, copyNotes ?? []] as const,
    ),
  )("%s: %s", async (file, _why, rows, error, totalsRows = [], copyError, copyNotes) => {
    const plain = await cli(join(DIR, file), "--format", "json");
    if (error !== undefined) {
      expect(plain.code).toBe(2);
      expect(plain.err.endsWith(error)).toBe(true);
      // The same one line with --out, and no copy written.
      const refused = await cli(join(DIR, file), "--format", "json", "--out", join(tmp, `refused-${file}`));
      expect([refused.code, refused.err]).toEqual([2, plain.err]);
      expect(existsSync(join(tmp, `refused-${file}`))).toBe(false);
      return;
    }
    expect(plain.err).toBe("");
    const report = JSON.parse(plain.out) as Report;
    expect(statuses(report)).toEqual(rows);
    expect(report.summary.totalsRows).toEqual(totalsRows);
    expect(report.summary.notes.filter((n) => n.includes("totals row"))).toHaveLength(totalsRows.length === 0 ? 0 : 1);
    const copy = join(tmp, file.includes("xfd") ? `copy-${file}.csv` : `copy-${file}`); // no room right of XFD in an .xlsx
    const copied = await cli(join(DIR, file), "--format", "json", "--out", copy);
    if (copyError !== undefined) {
      expect([copied.code, copied.out, copied.err.split("\n").length]).toEqual([2, "", 2]); // one line
      expect(copied.err).toContain(copyError);
      expect(copied.err).toContain("the claims read fine without --out, or write a CSV copy with --out copy.csv");
      const csv = await cli(join(DIR, file), "--format", "json", "--out", `${copy}.csv`);
      expect(csv.out).toBe(plain.out);
      return;
    }
    // One reader semantics: --out reads the same values; the report adds only what it says of the copy.
    const copiedReport = JSON.parse(copied.out) as Report;
    expect(copiedReport.summary.notes.filter((n) => !report.summary.notes.includes(n))).toEqual(copyNotes);
    copiedReport.summary.notes = report.summary.notes;
    expect(copiedReport).toEqual(report);
    // The copy, validated again, reads as the input did: its result columns are the tool's own.
    const again = await cli(copy, "--format", "json");
    expect(statuses(JSON.parse(again.out) as Report)).toEqual(rows);
    // And every sheet of it holds the input's values, the result columns aside ("" is an empty cell).
    if (copy.endsWith(".csv")) return;
    const cells = (row: readonly Cell[], width: number) => row.slice(0, width).map((v) => (v === "" ? null : v));
    for (const name of (await loadSheet(join(DIR, file))).sheetNames ?? []) {
      const sheet = name.replace(/ \(hidden\)$/, "");
      const input = (await loadSheet(join(DIR, file), { sheet })).grid;
      const written = (await loadSheet(copy, { sheet })).grid;
      expect([sheet, written.map((r, i) => cells(r, input[i]?.length ?? 0))]).toEqual([sheet, input.map((r) => cells(r, r.length))]);
    }
  });

  it.each([
    "openpyxl-claims.xlsx",
    "openpyxl-1904-dates.xlsx",
    "openpyxl-iso-date-cells.xlsx",
    "libreoffice-claims.xlsx",
    "libreoffice-1904-dates.xlsx",
    "gnumeric-claims.xlsx",
    "gnumeric-1904-dates.xlsx",
    "exceljs-claims.xlsx",
    "synthetic-strict-ooxml.xlsx",
    "synthetic-rows-without-r.xlsx",
    "synthetic-numbers-sheet-part-names.xlsx",
    "synthetic-rich-inline-strings.xlsx",
    "synthetic-open-xml-sdk-prefixes.xlsx",
    "synthetic-indented-cdata.xlsx",
    "synthetic-single-quotes-entities.xlsx",
    "synthetic-backslash-part-names.xlsx",
    "synthetic-minimal-package.xlsx",
    "synthetic-workbook-in-other-folder.xlsx",
    "synthetic-odd-cell-references.xlsx",
    "synthetic-split-rows.xlsx",
  ])("%s: dates of service read as written", async (file) => {
    for (const forCopy of [false, true]) {
      const sheet = await loadSheet(join(DIR, file), { forCopy });
      expect(sheet.grid.slice(1).map((r) => (r[1] as Date).toISOString().slice(0, 10))).toEqual(["2026-03-02", "2026-03-02", "2026-02-10"]);
    }
  });

  it("copies a minimal package (every part at the package's root) cell for cell into a package laid out as Excel's, the input unchanged", async () => {
    const file = join(DIR, "synthetic-minimal-package.xlsx");
    const before = sha256(file);
    const copy = join(tmp, "copy-of-minimal-package.xlsx");
    expect((await cli(file, "--out", copy)).code).toBe(1); // row 3's errors
    expect(sha256(file)).toBe(before);
    const input = (await loadSheet(file)).grid;
    const width = (input[0] as Cell[]).length;
    const output = (await loadSheet(copy)).grid;
    expect(asOpenpyxl(output.map((row) => row.slice(0, width)))).toEqual(asOpenpyxl(input)); // empty cells as null, trailing ones dropped
    expect(output[0]?.slice(width)).toEqual(["ECM Status", "ECM Rules", "ECM Message", "ECM Expected"]);
    const parts = (await readParts(readFileSync(copy))).names;
    expect([parts.includes("xl/workbook.xml"), parts.includes("workbook.xml"), parts.includes("sheet1.xml")]).toEqual([true, false, false]);
  });

  it.each(["synthetic-split-rows.xlsx", "synthetic-odd-cell-references.xlsx", "synthetic-workbook-in-other-folder.xlsx"])(
    "%s: the annotated .xlsx copy holds every cell of the input, the result columns beside them",
    async (file) => {
      const copy = join(tmp, `cells-of-${file}`);
      expect((await cli(join(DIR, file), "--out", copy)).code).toBe(1); // row 3's errors
      const input = (await loadSheet(join(DIR, file))).grid;
      const width = (input[0] as Cell[]).length;
      const output = (await loadSheet(copy)).grid;
      expect(asOpenpyxl(output.map((row) => row.slice(0, width)))).toEqual(asOpenpyxl(input));
      expect(output[0]?.slice(width)).toEqual(["ECM Status", "ECM Rules", "ECM Message", "ECM Expected"]);
    },
  );

  it("names a date of service past 9999-12-31 by its number, and the .xlsx copy keeps the number and its date format (it wrote NaN)", async () => {
    const file = join(DIR, "openpyxl-date-past-9999.xlsx");
    const copy = join(tmp, "copy-of-date-past-9999.xlsx");
    const report = JSON.parse((await cli(file, "--format", "json", "--out", copy)).out) as Report;
    expect(report.rows.slice(0, 2).map((r) => r.findings[0]?.message)).toEqual([
      'Date of Service "1000000000000" is not a valid date: use YYYY-MM-DD, M/D/YYYY or an Excel date.',
      'Date of Service "3000000" is not a valid date: use YYYY-MM-DD, M/D/YYYY or an Excel date.',
    ]);
    const cellsOf = async (path: string) => {
      const xml = (await (await readParts(readFileSync(path))).text("xl/worksheets/sheet1.xml")) ?? "";
      return ["B2", "B3"].map((ref) => new RegExp(`<c r="${ref}"[^>]*><v>([^<]*)</v>`).exec(xml)?.[1]);
    };
    expect(await cellsOf(copy)).toEqual(await cellsOf(file));
    expect(await cellsOf(copy)).toEqual(["1000000000000", "3000000"]);
    const model = (await loadSheet(copy, { forCopy: true })).workbook?.worksheets[0];
    expect([model?.getCell("B2").numFmt, model?.getCell("B3").numFmt]).toEqual(["yyyy-mm-dd", "yyyy-mm-dd"]);
  });

  it("names the other visible sheets that hold claims (one sheet per month), not a notes sheet or a hidden old export", async () => {
    const notesOf = async (...args: string[]) =>
      (JSON.parse((await cli(join(DIR, "openpyxl-sheet-per-month.xlsx"), "--format", "json", ...args)).out) as Report).summary.notes;
    expect(await notesOf()).toEqual([
      'sheet "Feb" also holds claims and was not checked: the rules that look across lines (outreach limits, PEPM once a month, duplicates) saw sheet "Jan" only. Check another sheet with --sheet NAME, or put the claims on one sheet to check them together.',
    ]);
    expect((await notesOf("--sheet", "feb"))[0]).toMatch(/^sheet "Jan" also holds claims and was not checked: .* saw sheet "Feb" only\./);
    expect(await notesOf("--sheet", "Feb", "--out", join(tmp, "per-month-copy.xlsx"), "--force")).toEqual(await notesOf("--sheet", "Feb"));
    expect(otherSheetsNotes("Jan", ["Feb", "Mar", "Apr"], CHECK_ANOTHER_SHEET.cli)[0]).toMatch(
      /^sheets "Feb", "Mar" and "Apr" also hold claims and were not checked: /,
    );
  });

  it("says when another sheet looks like a members list and none was given (the sample's ECM Members), and how to use it: --members-sheet alone", async () => {
    const notesOf = async (...args: string[]) =>
      (JSON.parse((await cli(SAMPLE, "--format", "json", "--as-of", "2026-06-30", ...args)).out) as Report).summary.notes;
    const notes = await notesOf();
    expect(notes.filter((n) => n.includes("members list"))).toEqual([
      `sheet "ECM Members" looks like a members list (member ID and enrollment date columns) but no members list was used, so enrollment dates came from the claims alone and ECM-NOT-IN-MEMBERS and ECM-DISENROLLED could not fire. To use it, add --members-sheet "ECM Members".`,
    ]);
    expect((await notesOf("--members", SAMPLE, "--members-sheet", "ECM Members")).filter((n) => n.includes("members list"))).toEqual([]);
    // --members-sheet alone reads that sheet of the claims workbook: the same report as with --members naming the file.
    const report = async (...args: string[]) => (await cli(SAMPLE, "--format", "json", "--as-of", "2026-06-30", ...args)).out;
    const alone = await report("--members-sheet", "ECM Members");
    expect(alone).toBe(await report("--members", SAMPLE, "--members-sheet", "ECM Members"));
    expect(alone).toContain("ECM-NOT-IN-MEMBERS");
  });

  it("refuses an .xlsx copy of a sheet with cells up to column XFD in one line (no room for the result columns)", async () => {
    const r = await cli(join(DIR, "openpyxl-stray-cell-xfd1048576.xlsx"), "--format", "json", "--out", join(tmp, "xfd.xlsx"));
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      "ecm: the sheet has cells up to column XFD, Excel's last: no room for the four result columns; remove the stray cells right of the claims, or write a CSV copy (--out copy.csv)\n",
    );
  });

  it.each([
    ["openpyxl-cell-comment.xlsx", "G3", "TAR requested 3/1, waiting on the plan"],
    ["libreoffice-cell-comment.xlsx", "G3", "TAR requested 3/1, waiting on the plan"],
    // The same workbook with its parts in wtf/ (workbook-location.ts): the comment's parts are moved with it.
    ["synthetic-workbook-in-other-folder.xlsx", "G3", "TAR requested 3/1, waiting on the plan"],
    // Excel 365's threaded comment: its legacy note, which Excel writes beside it for older versions,
    // holds the text as a bare <t>; ExcelJS writes no threaded comments, so the copy keeps that note.
    ["debian/excel-2016-mac-threaded-comment.xlsx", "A1", "Comment:\n    New comment"],
    // ClosedXML writes the comments part with the prefix x, as its other parts (prefixes.ts).
    ["upstream/closedxml-adding-comments.xlsx", "A9", "MDeLeon:\nSomething"],
  ])("%s: the annotated copy keeps the cell comment on %s and its text", async (file, ref, text) => {
    const input = await loadSheet(join(DIR, file), { forCopy: true });
    const copy = join(tmp, `comment-${file.replace("/", "-")}`);
    await writeAnnotated(copy, input, 1, []);
    // Read back through the same loader (ExcelJS alone drops a comment on an empty cell, as G3 is).
    const note = (await loadSheet(copy, { forCopy: true })).workbook?.worksheets[0]?.getCell(ref).note;
    const texts = typeof note === "string" ? note : note?.texts?.map((t) => t.text).join("");
    expect(texts).toContain(text);
  });

  it("names what an annotated copy leaves out, by the parts of the package ExcelJS's loader passes over", async () => {
    const leftOut = async (file: string) => leftOutOfCopy((await readParts(readFileSync(join(DIR, file)))).names);
    expect(await leftOut("debian/excel-2016-mac-threaded-comment.xlsx")).toEqual(["threaded comments (their text stays, as notes)"]);
    expect(await leftOut("openpyxl-claims.xlsx")).toEqual([]);
    // Part names as Excel writes them (ECMA-376 Part 1, and Excel's own parts for slicers, timelines and threaded comments).
    expect(
      leftOutOfCopy([
        "xl/worksheets/sheet1.xml",
        "xl/drawings/drawing1.xml",
        "xl/media/image1.png",
        "xl/tables/table1.xml",
        "xl/comments1.xml",
        "xl/pivotCache/pivotCacheDefinition1.xml",
        "xl/charts/style1.xml",
      ]),
    ).toEqual([]);
    expect(
      leftOutOfCopy([
        "xl/chartsheets/sheet1.xml",
        "xl/pivotTables/pivotTable1.xml",
        "xl/slicerCaches/slicerCache1.xml",
        "xl/timelines/timeline1.xml",
        "xl/externalLinks/externalLink1.xml",
        "xl/connections.xml",
        "xl/vbaProject.bin",
        "xl/ctrlProps/ctrlProp1.xml",
        "xl/activeX/activeX1.xml",
        "xl/embeddings/Microsoft_Word_Document.docx",
      ]),
    ).toEqual([
      "charts",
      "pivot tables",
      "slicers",
      "timelines",
      "links to other workbooks",
      "data connections and queries",
      "macros",
      "form controls (check boxes, option buttons, lists)",
      "ActiveX controls",
      "embedded objects (documents or files inside the workbook)",
    ]);
    expect(leftOutNote(["charts", "pivot tables", "slicers"])).toBe(
      "The annotated copy leaves out the workbook's charts, pivot tables and slicers: the library that writes the copy (ExcelJS) does not keep them. The input file still has them; to annotate the workbook itself, validate it in Excel with the task pane.",
    );
  });

  it("reads _xHHHH_ escapes in text as Excel shows them (ECMA-376 22.9.2.19)", async () => {
    expect(unescapedText("90000001A_x000D_")).toBe("90000001A\r");
    expect(unescapedText("A_x005F_x0030_B")).toBe("A_x0030_B");
    expect(unescapedText("line_x000D__x000A_two")).toBe("line\r\ntwo");
    expect(unescapedText("no escape: _x12_, _xZZZZ_, x000D")).toBe("no escape: _x12_, _xZZZZ_, x000D");
    const read = await loadSheet(join(DIR, "synthetic-escaped-carriage-return.xlsx"), {});
    expect([read.grid[2]?.[0], read.grid[3]?.[8]]).toEqual(["90000001A\r", "Phone call _x0030_"]);
  });

  it("reads text that looks like an XML escape as written, and the .xlsx copy keeps it (ExcelJS decoded it twice: 'a &lt; b' read and was copied as 'a < b')", async () => {
    const file = join(DIR, "synthetic-single-quotes-entities.xlsx");
    for (const forCopy of [false, true]) {
      const { grid } = await loadSheet(file, { forCopy });
      expect([grid[1]?.[9], grid[2]?.[9], grid[3]?.[0]]).toEqual(["Smith &amp; Sons", "a &lt; b", "90000002B"]);
    }
    const copy = join(tmp, "copy-of-single-quotes.xlsx");
    expect((await cli(file, "--out", copy)).code).toBe(1);
    const back = await loadSheet(copy, {});
    expect([back.grid[1]?.[9], back.grid[2]?.[9]]).toEqual(["Smith &amp; Sons", "a &lt; b"]);
    // The copy's own XML: the cell holds the text as typed (one level of escaping).
    const parts = await readParts(readFileSync(copy));
    expect(await parts.text("xl/sharedStrings.xml")).toContain("<t>a &amp;lt; b</t>");
  });

  it("copies an XML-mapped Table with all its columns and its calculated column (its first column's XPath ended the column list)", async () => {
    const copy = join(tmp, "copy-of-xml-map.xlsx");
    expect((await cli(join(DIR, "synthetic-xml-map.xlsx"), "--out", copy)).code).toBe(1);
    const table = async (file: string) => (await (await readParts(readFileSync(file))).text("xl/tables/table1.xml")) ?? "";
    const columns = (xml: string) => [...xml.matchAll(/<tableColumn\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1]);
    const [input, copied] = [await table(join(DIR, "synthetic-xml-map.xlsx")), await table(copy)];
    expect(copied).toContain('<tableColumns count="10">');
    expect(columns(copied)).toEqual(columns(input));
    expect(columns(input)).toHaveLength(10);
    expect(copied).toContain("<calculatedColumnFormula>");
  });

  it("says what the date-formatted 0 is", async () => {
    const r = JSON.parse((await cli(join(DIR, "openpyxl-date-formatted-zero.xlsx"), "--format", "json")).out) as Report;
    expect(r.rows[0]?.findings[0]?.message).toBe(
      'Date of Service "1/0/1900" is not a valid date: use YYYY-MM-DD, M/D/YYYY or an Excel date.',
    );
  });
});

/** openpyxl's reading of a workbook (tests/fixtures/workbooks/debian/read_openpyxl.py). */
type OpenpyxlBook = {
  date1904: boolean;
  sheets: { name: string; state: string; rows: (string | number | boolean | null | { date: string })[][] }[];
};

/** Our reader's grid in openpyxl's form: dates as ISO 8601 without a zone, empty cells null, trailing ones dropped. */
const asOpenpyxl = (grid: readonly (readonly unknown[])[]) => {
  const rows = grid.map((cells) => {
    const row = Array.from(cells, (v) =>
      v instanceof Date ? { date: v.toISOString().replace(/(\.000)?Z$/, "") } : v === undefined || v === "" ? null : v,
    );
    while (row.length > 0 && row[row.length - 1] === null) row.pop();
    return row;
  });
  while (rows.length > 0 && rows[rows.length - 1]?.length === 0) rows.pop();
  return rows;
};
const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");
/**
 * A folder of workbooks written by other programs: openpyxl's reading of each .xlsx is at hand, and
 * every file is the one its SHA256SUMS names (`others`: summed files that are not .xlsx).
 */
function expectSourcedFiles(folder: string, books: Record<string, OpenpyxlBook>, others = 0): void {
  const files = readdirSync(folder).filter((f) => f.endsWith(".xlsx"));
  expect(Object.keys(books).sort()).toEqual(files.sort());
  const sums = readFileSync(join(folder, "SHA256SUMS"), "utf8").trim().split("\n");
  expect(sums).toHaveLength(files.length + others);
  for (const line of sums) {
    const [sum, file] = line.split(/\s+\*?/) as [string, string];
    expect([file, sha256(join(folder, file))]).toEqual([file, sum]);
  }
}
/** openpyxl's empty-string cells, which it keeps, are empty to our reader. */
const openpyxlRows = (rows: OpenpyxlBook["sheets"][number]["rows"]) => asOpenpyxl(rows.map((r) => r.map((v) => (v === "" ? null : v))));

describe("workbooks written by Excel and Google Sheets (tests/fixtures/workbooks/debian)", () => {
  const FROM = join(DIR, "debian");
  const openpyxl = JSON.parse(readFileSync(join(FROM, "openpyxl-reading.json"), "utf8")) as Record<string, OpenpyxlBook>;
  it("has openpyxl's reading of every workbook, and every file is the one its package ships", () => {
    expectSourcedFiles(FROM, openpyxl, 1); // and the .xls
  });

  it.each(Object.keys(openpyxl))("%s: every sheet reads as openpyxl reads it, with and without --out", async (file) => {
    const book = openpyxl[file] as OpenpyxlBook;
    for (const sheet of book.sheets) {
      for (const forCopy of [false, true]) {
        const read = await loadSheet(join(FROM, file), { sheet: sheet.name, forCopy });
        expect([sheet.name, forCopy, read.sheetName, asOpenpyxl(read.grid)]).toEqual([
          sheet.name,
          forCopy,
          sheet.name,
          openpyxlRows(sheet.rows),
        ]);
        expect(read.sheetNames).toEqual(book.sheets.map((s) => (s.state === "visible" ? s.name : `${s.name} (hidden)`)));
      }
    }
  });

  it("reads Excel Online's workbook, whose sheets come before their shared strings, the same way every time", async () => {
    // ExcelJS's one-pass streaming read gave every text cell as { sharedString: n } (read here as
    // empty) in about one read in four of this file (exceljs#683), or a sheet without its rows:
    // twenty reads in a row would then almost never all agree. The reader now reads the zip's
    // central directory (readThroughCentralDirectory).
    const file = join(FROM, "excel-online-color-tabs.xlsx");
    const reads = new Set<string>();
    for (let k = 0; k < 20; k++) {
      const read = await loadSheet(file, { sheet: k % 2 === 0 ? "Chars" : "hidden" });
      reads.add(JSON.stringify([read.sheetName, read.grid]));
    }
    expect([...reads].sort()).toEqual([
      JSON.stringify([
        "Chars",
        [
          ["a", "b"],
          ["c", "d"],
        ],
      ]),
      JSON.stringify(["hidden", [["booo", "hooo!"]]]),
    ]);
  });

  it("names the table's own header row of a sheet with a title and notes above it", async () => {
    const r = await cli(join(FROM, "excel-2013-mac-deaths.xlsx"));
    expect(r.err).toContain(
      'Headers seen in row 5: "Name", "Profession", "Age", "Has kids", "Date of birth", "Date of death". Sheets: "arts", "other"; pick one with --sheet NAME.',
    );
  });

  it("finds Mac Excel's merged ranges on the sheet that has them", async () => {
    const merges = async (sheet: string) => (await loadSheet(join(FROM, "excel-2013-mac-deaths.xlsx"), { sheet })).merges;
    expect([await merges("arts"), await merges("other")]).toEqual([["B4:E4"], ["B4:E4", "E19:F19"]]);
  });

  it("reads Mac Excel's 1904 date system: the dates openpyxl reads", async () => {
    const book = openpyxl["excel-2013-mac-1904-type-me.xlsx"] as OpenpyxlBook;
    expect(book.date1904).toBe(true);
    const read = await loadSheet(join(FROM, "excel-2013-mac-1904-type-me.xlsx"), { sheet: "date_coercion" });
    expect(read.grid.slice(2, 4).map((r) => (r[0] as Date).toISOString())).toEqual([
      "2016-05-23T00:00:00.000Z",
      "2016-04-28T11:30:00.000Z",
    ]);
  });

  it.each(Object.keys(openpyxl))("%s: the CLI says in one line that no sheet holds a claims header, and names the sheets", async (file) => {
    const path = join(FROM, file);
    const before = sha256(path);
    const r = await cli(path, "--format", "json", "--out", join(tmp, `copy-of-${file}`));
    expect([r.code, r.out, r.err.split("\n").length]).toEqual([2, "", 2]);
    const visible = (openpyxl[file] as OpenpyxlBook).sheets.filter((s) => s.state === "visible").map((s) => `"${s.name}"`);
    if (visible.length > 1) expect(r.err).toContain(`Sheets: ${visible.join(", ")}`);
    expect(r.err).toMatch(/Missing required columns: Member ID /);
    expect(sha256(path)).toBe(before);
  });

  it("refuses Excel's binary .xls by its extension, and by its bytes when renamed to .xlsx", async () => {
    const xls = await cli(join(FROM, "excel-mac-deaths.xls"));
    expect([xls.code, xls.err.split("\n").length]).toEqual([2, 2]);
    expect(xls.err).toMatch(/\.xls files are not read; open it in Excel \(or LibreOffice\) and save it as \.xlsx/);
    const renamed = write("deaths-renamed.xlsx", readFileSync(join(FROM, "excel-mac-deaths.xls")));
    const r = await cli(renamed);
    expect([r.code, r.err.split("\n").length]).toEqual([2, 2]);
    expect(r.err).toMatch(/is password-protected \(encrypted\) or an old \.xls saved as \.xlsx/);
  });
});

describe("workbooks from other projects' test data (tests/fixtures/workbooks/upstream)", () => {
  const FROM = join(DIR, "upstream");
  const books = JSON.parse(readFileSync(join(FROM, "openpyxl-reading.json"), "utf8")) as Record<string, OpenpyxlBook>;

  it("has openpyxl's reading of every workbook, and every file is the one its project ships", () => {
    expectSourcedFiles(FROM, books);
  });

  it.each(Object.keys(books))("%s: every sheet reads as openpyxl reads it, with and without --out", async (file) => {
    const book = books[file] as OpenpyxlBook;
    for (const sheet of book.sheets) {
      for (const forCopy of [false, true]) {
        const read = await loadSheet(join(FROM, file), { sheet: sheet.name, forCopy });
        expect([sheet.name, forCopy, read.sheetName, asOpenpyxl(read.grid), read.sheetNames]).toEqual([
          sheet.name,
          forCopy,
          sheet.name,
          openpyxlRows(sheet.rows),
          book.sheets.map((s) => (s.state === "visible" ? s.name : `${s.name} (hidden)`)),
        ]);
      }
    }
  });

  it("reads Apple Numbers' first sheet from its part xl/worksheets/sheet.xml, and names both sheets (it said 'has no worksheets')", async () => {
    const path = join(FROM, "apple-numbers-export.xlsx");
    const before = sha256(path);
    const r = await cli(path, "--format", "json", "--out", join(tmp, "copy-of-numbers.xlsx"));
    expect([r.code, r.out, r.err.split("\n").length]).toEqual([2, "", 2]);
    expect(r.err).toContain('(sheet "Sheet 1"): Missing required columns: Member ID ');
    expect(r.err).toContain('Sheets: "Sheet 1", "Sheet 2"; pick one with --sheet NAME.');
    expect(sha256(path)).toBe(before);
  });

  it.each([
    ["sheetjs-1904-1900.xlsx", 1900],
    ["sheetjs-1904-1904.xlsx", 1904],
  ] as const)(
    "%s: every date reads as Excel's own TEXT() beside it shows it, on every path (serial 1 read as 1899-12-31)",
    async (file, system) => {
      // Columns: A the serial, B the same serial as a date, C Excel's TEXT(B, "YYYY-MM-DD"), saved.
      // The CLI reads B (a Date); =ECM.VALIDATE and the task pane get A's serial and the workbook's system.
      expect((books[file] as OpenpyxlBook).date1904).toBe(system === 1904);
      for (const forCopy of [false, true]) {
        const { grid } = await loadSheet(join(FROM, file), { forCopy });
        expect(grid).toHaveLength(5);
        const shown = (cell: unknown, dateSystem: 1900 | 1904) => {
          const day = parseDay(cell as Cell, dateSystem);
          return day === undefined ? undefined : formatDay(day);
        };
        expect(grid.map((r) => [shown(r[1], 1900), shown(r[0], system)])).toEqual(grid.map((r) => [r[2], r[2]]));
      }
      // An .xlsx copy keeps every date's serial: it reads back as the input (serial 1 was written as 2,
      // 1/2/1900), from the full model and from the streaming writer (a large workbook's copy).
      for (const fullModelMaxBytes of [undefined, 0]) {
        const input = await loadSheet(join(FROM, file), { forCopy: true, fullModelMaxBytes });
        expect(input.workbook === undefined).toBe(fullModelMaxBytes === 0);
        const copy = join(tmp, `dates-${fullModelMaxBytes ?? "full"}-${file}`);
        await writeAnnotated(copy, input, 1, []);
        expect((await loadSheet(copy)).grid.map((r, i) => r.slice(0, input.grid[i]?.length))).toEqual(input.grid);
      }
    },
  );

  it("reads Excel's Strict Open XML as its Transitional twin, hidden sheets named so, on both paths (openpyxl reads no sheet of it)", async () => {
    expect((books["sheetjs-sheet-visibility-strict.xlsx"] as OpenpyxlBook).sheets).toEqual([]);
    for (const forCopy of [false, true]) {
      const strict = await loadSheet(join(FROM, "sheetjs-sheet-visibility-strict.xlsx"), { forCopy });
      const transitional = await loadSheet(join(FROM, "sheetjs-sheet-visibility.xlsx"), { forCopy });
      expect([strict.sheetName, strict.sheetNames, strict.grid]).toEqual([
        transitional.sheetName,
        transitional.sheetNames,
        transitional.grid,
      ]);
      expect(strict.sheetNames).toEqual(["Visible", "Hidden (hidden)", "VeryHidden (hidden)"]);
      expect(strict.grid[0]).toEqual(["v", "i", "s", "i", "b", "l", "e"]);
    }
  });

  it("reads the error values Excel saved as error cells as the errors the engine names, and look-alike text as text", async () => {
    for (const forCopy of [false, true]) {
      const { grid } = await loadSheet(join(FROM, "sheetjs-error-types.xlsx"), { forCopy });
      const errors = grid.slice(1, 8).map((r) => r[0]);
      expect(errors).toEqual(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"]);
      // Columns A and B are error cells (t="e"), but B6 and B8 are the text "#NAME!" and "#N/A!": no error values.
      expect(grid.slice(1, 8).map((r) => [excelError(r[0] as Cell), excelError(r[1] as Cell)])).toEqual(
        errors.map((e) => [e, ["#NAME?", "#N/A"].includes(e as string) ? undefined : e]),
      );
    }
  });

  it("reads an inline string of two runs whole (it read the last run only)", async () => {
    const read = await loadSheet(join(FROM, "rich-inline-strings.xlsx"), {});
    expect(read.grid[0]).toEqual(["Example richtext", "Example richtext"]);
  });

  it("keeps in an .xlsx copy an inline string with a phonetic run, which the copy's loader lost whole, and its runs' formats", async () => {
    const copy = join(tmp, "rich-copy.xlsx");
    expect((await cli(join(DIR, "synthetic-rich-inline-strings.xlsx"), "--out", copy)).code).toBe(1);
    const read = await loadSheet(copy, {});
    expect([read.grid[2]?.[0], read.grid[3]?.[8]]).toEqual(["90000001A", "Phone call"]);
    const sheetXml = await (await readParts(readFileSync(copy))).text("xl/worksheets/sheet1.xml");
    const strings = (await (await readParts(readFileSync(copy))).text("xl/sharedStrings.xml")) ?? "";
    expect(sheetXml).toBeDefined();
    expect(strings).toContain("<r><rPr><b/></rPr><t>9000</t></r><r><t>0001A</t></r>");
  });
});

describe("the row and cell numbering patch of the reading layer", () => {
  it("numbers rows and cells without r as the standard implies, across pieces of XML", () => {
    const at = { row: 0 };
    expect(numberRowsAndCells("<sheetData>", at)).toBe("<sheetData>"); // no rows yet: nothing decided
    const first = numberRowsAndCells('<row><c t="n"><v>1</v></c><c/><c r="E1"><v>2</v></c><c/></row>', at);
    expect(first).toBe('<row r="1"><c r="A1" t="n"><v>1</v></c><c r="B1"/><c r="E1"><v>2</v></c><c r="F1"/></row>');
    const next = numberRowsAndCells('<row r="5"><c><v>3</v></c></row><row><c><v>4</v></c></row>', at);
    expect(next).toBe('<row r="5"><c r="A5"><v>3</v></c></row><row r="6"><c r="A6"><v>4</v></c></row>');
    expect(numberRowsAndCells("<row><c><v>1</v></c></row>", at)).toBe('<row r="7"><c r="A7"><v>1</v></c></row>');
    // A column past Z; what follows the rows is left alone.
    expect(numberRowsAndCells('<row r="1"><c r="Z1"/><c/></row><cols/>', { row: 0 })).toBe(
      '<row r="1"><c r="Z1"/><c r="AA1"/></row><cols/>',
    );
  });

  it("reads a reference in lower case as that cell, and one that is no reference (a bare column number) as absent", () => {
    expect(numberRowsAndCells('<row r="3"><c r="a3" t="s"><v>0</v></c><c r="e3"/></row>', { row: 0 })).toBe(
      '<row r="3"><c r="A3" t="s"><v>0</v></c><c r="E3"/></row>',
    );
    expect(numberRowsAndCells('<row r="1"><c r="0" t="str"><v>x</v></c><c r="1"/><c r="D1"/><c r="A"/></row>', { row: 0 })).toBe(
      '<row r="1"><c r="A1" t="str"><v>x</v></c><c r="B1"/><c r="D1"/><c r="E1"/></row>',
    );
    expect(numberRowsAndCells('<row r="x"><c r="A1"/></row>', { row: 4 })).toBe('<row r="5"><c r="A1"/></row>');
  });

  it("passes a sheet whose first rows are numbered through untouched", () => {
    const at = { row: 0 };
    const numbered = '<row r="9" spans="1:2"><c r="A9" t="s"><v>0</v></c></row>';
    expect(numberRowsAndCells(numbered, at)).toBe(numbered);
    expect(numberRowsAndCells("<row><c><v>1</v></c></row>", at)).toBe("<row><c><v>1</v></c></row>");
  });
});

describe("the ISO date cell patch of the reading layer", () => {
  it('turns t="d" cells into the serial Excel writes, in either date system, and leaves every other cell alone', () => {
    expect(isoToSerial("2026-03-02T00:00:00", false)).toBe(46083);
    expect(isoToSerial("2026-03-02", true)).toBe(46083 - 1462);
    expect(isoToSerial("2026-03-02T12:00:00", false)).toBe(46083.5);
    expect(isoToSerial("2026-02-30", false)).toBeUndefined();
    // Excel's 1900 system: 1900-01-01 is serial 1, 1900-02-28 serial 59, 1900-03-01 serial 61; 1899-12-31 is 0 (1/0/1900).
    expect(["1899-12-31", "1900-01-01", "1900-02-28", "1900-03-01"].map((d) => isoToSerial(d, false))).toEqual([0, 1, 59, 61]);
    expect(isoToSerial("1904-01-01", true)).toBe(0);
    const xml =
      '<row r="2"><c r="A2" t="inlineStr"><is><t>x t="d"</t></is></c><c r="B2" s="1" t="d"><v>2026-03-02T00:00:00</v></c><c r="C2"><v>5</v></c></row>';
    expect(rewriteIsoDateCells(xml, false)).toBe(
      '<row r="2"><c r="A2" t="inlineStr"><is><t>x t="d"</t></is></c><c r="B2" s="1"><v>46083</v></c><c r="C2"><v>5</v></c></row>',
    );
  });
});

describe("the formula cell patch of the reading layer", () => {
  const row = (...cells: string[]) => `<row r="2">${cells.join("")}</row>`;
  it("keeps a recalculated formula's saved value, whatever its type, as the cell's value", () => {
    expect(
      rewriteFormulaCells(
        row(
          '<c r="A2" t="e"><f aca="false">VLOOKUP(&quot;x&quot;,B:C,2,0)</f><v>#N/A</v></c>',
          '<c r="B2" s="1"><f t="shared" ref="B2:B9" si="0">DATE(2026,3,2)</f><v>46083</v></c>',
          '<c r="C2" s="1"><f t="shared" si="0"/><v>46084</v></c>',
          '<c r="G2" t="str"><f>IFERROR(D2,&quot;&quot;)</f><v></v></c>',
          '<c r="J2"><f>400-400</f><v>0</v></c>',
          '<c r="K2" t="b"><f>J2&gt;1</f><v>0</v></c>',
          '<c r="L2" t="s"><v>3</v></c>',
        ),
        true,
      ),
    ).toBe(
      row(
        '<c r="A2" t="e"><v>#N/A</v></c>',
        '<c r="B2" s="1"><v>46083</v></c>',
        '<c r="C2" s="1"><v>46084</v></c>',
        '<c r="G2" t="str"><v></v></c>',
        '<c r="J2"><v>0</v></c>',
        '<c r="K2" t="b"><v>0</v></c>',
        '<c r="L2" t="s"><v>3</v></c>',
      ),
    );
  });

  it("drops the placeholder values of a workbook that asks to be recalculated, and leaves formulas without a value as they are", () => {
    const xml = row(
      '<c r="B2" s="1"><f>DATE(2026,3,2)</f><v>0</v></c>',
      '<c r="D2"/>',
      '<c r="F2"><f>E2*2</f></c>',
      '<c r="G2"><v>0</v></c>',
    );
    expect(rewriteFormulaCells(xml, false)).toBe(
      row('<c r="B2" s="1"><f>DATE(2026,3,2)</f></c>', '<c r="D2"/>', '<c r="F2"><f>E2*2</f></c>', '<c r="G2"><v>0</v></c>'),
    );
    expect(rewriteFormulaCells(xml, true)).toBe(
      row('<c r="B2" s="1"><v>0</v></c>', '<c r="D2"/>', '<c r="F2"><f>E2*2</f></c>', '<c r="G2"><v>0</v></c>'),
    );
  });

  it.each([
    ["openpyxl-formula-results.xlsx", true],
    ["xlsxwriter-formula-results.xlsx", true],
    ["libreoffice-formula-results.xlsx", false],
    ["debian/excel-online-color-tabs.xlsx", false],
    ["debian/excel-2016-mac-clippy.xlsx", false],
    ["debian/google-sheets-export.xlsx", false],
  ])("%s asks to be recalculated on opening: %s", async (file, expected) => {
    const workbook = await (await readParts(readFileSync(join(DIR, file)))).text("xl/workbook.xml");
    expect(recalculatesOnLoad(workbook ?? "")).toBe(expected);
  });

  it("reads calcPr's fullCalcOnLoad as the standard's boolean, with or without a namespace prefix", () => {
    expect(recalculatesOnLoad('<workbook><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>')).toBe(true);
    expect(recalculatesOnLoad('<x:workbook><x:calcPr fullCalcOnLoad="true"/></x:workbook>')).toBe(true);
    expect(recalculatesOnLoad('<workbook><calcPr calcId="191028"/></workbook>')).toBe(false);
    expect(recalculatesOnLoad('<workbook><calcPr fullCalcOnLoad="0"/></workbook>')).toBe(false);
    expect(recalculatesOnLoad('<workbook><calcPr iterateCount="100" refMode="A1" iterate="false"/></workbook>')).toBe(false);
  });
});

describe("CSV files as Excel and other tools save them", () => {
  const HEADER = "Member ID,Date of Service,HCPCS,Modifiers,Units,Billed Amount,TAR Number,Notes";
  const LINE = "90000001A,2026-03-02,G9008,U1,1,400,TAR-1,café crème";
  const write = (name: string, bytes: Buffer) => {
    writeFileSync(join(tmp, name), bytes);
    return join(tmp, name);
  };

  it.each([
    ["UTF-8", Buffer.from(`${HEADER}\n${LINE}\n`, "utf8")],
    ["UTF-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${HEADER}\r\n${LINE}\r\n`, "utf8")])],
    [
      "UTF-16 LE with BOM (Excel's Unicode text)",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\r\n${LINE}\r\n`, "utf16le")]),
    ],
    ["UTF-16 BE with BOM", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(`${HEADER}\n${LINE}\n`, "utf16le").swap16()])],
    ["Windows-1252", Buffer.from(`${HEADER}\r\n${LINE}\r\n`, "latin1")],
    ["semicolons (European Excel)", Buffer.from(`${HEADER.replaceAll(",", ";")}\n${LINE.replaceAll(",", ";")}\n`, "utf8")],
    ["tabs", Buffer.from(`${HEADER.replaceAll(",", "\t")}\n${LINE.replaceAll(",", "\t")}\n`, "utf8")],
  ])("reads %s to the same verdicts", async (name, bytes) => {
    const file = write(`${name.replace(/\W+/g, "-")}.csv`, bytes);
    const r = await cli(file, "--format", "json");
    expect(r.err).toBe("");
    expect(statuses(JSON.parse(r.out) as Report)).toEqual(["2 OK"]);
  });

  it('reads ="…" cells (how exports keep leading zeros) as Excel does, and a CSV copy keeps them as written', async () => {
    // The member's first line writes its ID as ="01234567A", the second plainly: one member, so the
    // second is a duplicate. The TAR ="0012345" is a TAR. Unquoted and quoted forms both (a quote in
    // an unquoted field made the CSV reader refuse the whole file).
    const file = write(
      "text-formulas.csv",
      Buffer.from(
        `${HEADER}\n="01234567A",2026-03-02,G9008,U1,1,400,="0012345",\n"=""01234567A""",2026-03-02,G9008,U1,1,400,TAR-1,"say ""hi"""\n`,
        "utf8",
      ),
    );
    const r = await cli(file, "--format", "json");
    expect(r.err).toBe("");
    expect(statuses(JSON.parse(r.out) as Report)).toEqual(["2 OK", "3 WARN ECM-DUPLICATE"]);
    const copy = join(tmp, "text-formulas-copy.csv");
    await cli(file, "--out", copy);
    const written = parseCsvText(readFileSync(copy, "utf8")) as string[][];
    expect(written.map((cells) => cells.slice(0, 8))).toEqual([
      HEADER.split(","),
      ['="01234567A"', "2026-03-02", "G9008", "U1", "1", "400", '="0012345"', ""],
      ['="01234567A"', "2026-03-02", "G9008", "U1", "1", "400", "TAR-1", 'say "hi"'],
    ]);
    expect(textFormulaValue('="00""1"')).toBe('00"1');
    expect(textFormulaValue("=A1")).toBe("=A1");
    expect(textFormulaValue('="a"&"b"')).toBe('="a"&"b"');
  });

  it('reads a CSV saved as shown (Accounting " $(50.00)", Comma Style zero " -   ", 2-Mar-26) to the workbook\'s amounts', async () => {
    // libreoffice-as-shown.csv is openpyxl-number-formats.xlsx saved "as shown" by LibreOffice, as
    // Excel saves a CSV: the same lines, but the two 12-digit member IDs were shortened to
    // 1.23457E+11 and are no member IDs any more.
    type Money = { rows: (Report["rows"][number] & { expected: number })[]; summary: Report["summary"] };
    const csv = JSON.parse((await cli(join(DIR, "libreoffice-as-shown.csv"), "--format", "json")).out) as Money;
    const xlsx = JSON.parse((await cli(join(DIR, "openpyxl-number-formats.xlsx"), "--format", "json")).out) as Money;
    expect(statuses(csv)).toEqual([...statuses(xlsx).slice(0, 4), "6 ERROR ECM-MEMBER", "7 ERROR ECM-MEMBER"]);
    const read = (r: Money) =>
      r.rows.slice(0, 4).map(({ row, status, expected, findings }) => [row, status, expected, findings.map((f) => f.message)]);
    expect(read(csv)).toEqual(read(xlsx)); // the params keep the text as typed ("$(50.00)" against -50)
    expect(csv.rows.map((r) => r.expected)).toEqual([400, 400, 0, 400, 0, 0]);
    expect(csv.summary).toMatchObject({ paid: { total: 800, underpaid: 400, overpaid: 0 } });
  });

  it("reads a CSV saved under a European regional format (semicolons, 02.03.2026, decimal commas) to the workbook's verdicts", async () => {
    // libreoffice-de-DE.csv is openpyxl-number-formats.xlsx saved by LibreOffice under de_DE: the
    // billed amount 1,234.50 is written "1234,5", which was "not an amount" (ECM-CHARGE) before.
    type Money = { rows: (Report["rows"][number] & { expected: number })[]; summary: Report["summary"] };
    const file = join(DIR, "libreoffice-de-DE.csv");
    const csv = JSON.parse((await cli(file, "--format", "json")).out) as Money;
    const xlsx = JSON.parse((await cli(join(DIR, "openpyxl-number-formats.xlsx"), "--format", "json")).out) as Money;
    const read = (r: Money) => r.rows.map(({ row, status, expected, findings }) => [row, status, expected, findings.map((f) => f.rule)]);
    expect(read(csv)).toEqual(read(xlsx));
    expect(csv.summary).toMatchObject({ paid: { total: 800, underpaid: 400, overpaid: 0 } });
    expect(csv.summary.notes[0]).toBe(
      'libreoffice-de-DE.csv writes amounts with a decimal comma ("1234,5" in row 5, column F), as a CSV saved under a European regional format does: its Billed Amount, Paid Amount, Units cells are read so ("1.234,50" is 1,234.50).',
    );
    // A CSV copy keeps the cells as written.
    const out = join(tmp, "de-DE-copy.csv");
    await cli(file, "--out", out);
    const copy = readFileSync(out, "utf8");
    expect(copy).toContain(";1234,5;TAR-4;");
    expect(copy.split("\n")[0]).toBe(
      "Member ID;Date of Service;HCPCS;Modifiers;Units;Billed Amount;TAR Number;ECM Enrollment Date;Outreach Method;Paid Amount;ECM Status;ECM Rules;ECM Message;ECM Expected",
    );
    // An expected amount with cents is written as that Excel reads it.
    const outreach = write(
      "de-outreach.csv",
      Buffer.from("Member ID;DOS;HCPCS;Modifiers;Billed Amount\n91234567A;02.03.2026;G9012;U8;4,50\n", "utf8"),
    );
    await cli(outreach, "--out", join(tmp, "de-outreach-copy.csv"));
    expect(readFileSync(join(tmp, "de-outreach-copy.csv"), "utf8").trim().split("\n")[1]).toMatch(
      /^91234567A;02\.03\.2026;G9012;U8;4,50;WARN;ECM-CHARGE;.*;4,5$/,
    );
  });

  it("reads pandas' \"12345678.0\" member IDs (a column with an empty cell is floats) as the members list's 12345678", async () => {
    // make_pandas_csv.py: DataFrame.to_csv of claims whose Member ID column has an empty cell, and of the members list.
    const r = await cli(join(DIR, "pandas-float-member-ids.csv"), "--format", "json", "--members", join(DIR, "pandas-members.csv"));
    expect(statuses(JSON.parse(r.out) as Report)).toEqual(["2 OK", "3 ERROR ECM-MEMBER,ECM-TAR", "4 OK"]);
    expect(readFileSync(join(DIR, "pandas-float-member-ids.csv"), "utf8")).toContain("\n12345678.0,2026-03-02,");
  });

  it.each(["libreoffice-tab-delimited.txt", "libreoffice-unicode-text.txt"])(
    "reads %s, Excel's Save As text formats (tabs; UTF-16 with BOM) as LibreOffice writes them, as the workbook",
    async (file) => {
      const text = JSON.parse((await cli(join(DIR, file), "--format", "json")).out) as Report;
      const xlsx = JSON.parse((await cli(join(DIR, "openpyxl-claims.xlsx"), "--format", "json")).out) as Report;
      expect(text.rows).toEqual(xlsx.rows);
      expect(statuses(text)).toEqual(["2 OK", "3 ERROR ECM-TAR,ECM-DUPLICATE", "4 WARN ECM-OUTREACH-MODE"]);
    },
  );

  it("refuses rows with more values than the header has columns: a value with a comma was not quoted", async () => {
    // "U8, GQ" unquoted splits in two: the Units cell would read GQ, the billed amount the units, the
    // TAR the billed amount, and the empty TAR of an outreach line would be an extra empty field.
    const shifted = write(
      "unquoted-comma.csv",
      Buffer.from(`${HEADER}\n${LINE}\n${LINE.replace("2026-03-02,G9008,U1,", "2026-03-03,G9008,U8, GQ,").replace("TAR-1,", ",")}\n`),
    );
    const r = await cli(shifted, "--format", "json");
    expect([r.code, r.out, r.err]).toEqual([
      2,
      "",
      `ecm: ${shifted}: row 3 has more values than the header row (row 1) has columns (8): a value holding a comma (such as "U8, GQ") was not put in quotes, so the values after it would be read in the wrong columns. Put quotes around such values, or save the file again from Excel, then validate again.\n`,
    ]);
    const quoted = write("quoted-comma.csv", Buffer.from(`${HEADER}\n${LINE.replace("U1,", '"U8, GQ",').replace("400,TAR-1", "5,")}\n`));
    expect((await cli(quoted)).code).toBe(0);
  });

  it('reads pandas\' "nan" (astype(str) of an empty cell) as empty: no TAR, no modifier, no paid amount', async () => {
    // make_pandas_csv.py: before, the TAR "nan" passed as a TAR and the G9012 line's Modifiers "nan" was ECM-MODIFIER.
    const r = JSON.parse((await cli(join(DIR, "pandas-astype-str.csv"), "--format", "json")).out) as Report;
    expect(statuses(r)).toEqual(["2 ERROR ECM-TAR", "3 OK", "4 ERROR ECM-MEMBER"]);
  });

  describe("dates saved in the computer's regional format (libreoffice-*-short-dates.csv)", () => {
    // openpyxl-short-dates.xlsx saved as CSV by LibreOffice under es_US (dd/mm/yyyy: 02/03/2026,
    // 10/03/2026, 16/03/2026) and en_US (3/2/2026 …); make_other_writers.sh.
    type Full = { rows: (Report["rows"][number] & { expected: number })[]; summary: Report["summary"] };
    const run = async (file: string, ...args: string[]) =>
      JSON.parse((await cli(join(DIR, file), "--format", "json", ...args)).out) as Full;
    const verdicts = (r: Full) =>
      r.rows.map(({ row, status, expected, findings }) => [row, status, expected, findings.map((f) => f.message)]);

    it("reads a day-first CSV as the workbook it was saved from, and says why", async () => {
      const xlsx = await run("openpyxl-short-dates.xlsx");
      const dayFirst = await run("libreoffice-es-US-short-dates.csv");
      expect(verdicts(dayFirst)).toEqual(verdicts(xlsx));
      expect(dayFirst.summary.notes).toEqual([
        'libreoffice-es-US-short-dates.csv writes dates day first (D/M/YYYY): "16/03/2026" in row 4, column B can only be read that way, so every date written as numbers in it is read day first (02/01/2026 is January 2). If that is wrong, use --date-order mdy.',
      ]);
      const monthFirst = await run("libreoffice-en-US-short-dates.csv");
      expect(verdicts(monthFirst)).toEqual(verdicts(xlsx));
      expect(monthFirst.summary.notes).toEqual([]);
    });

    it("reads Spanish month names as the workbook's dates (15 de ago de 25, as LibreOffice shows d-mmm-yy under es_US)", async () => {
      // openpyxl-month-names.xlsx: one line on the 15th of each month, July 2025 to June 2026, in
      // the d-mmm-yy format; before, none of the CSV's dates was read (neither "de" nor ene, abr, ago, dic).
      const xlsx = await run("openpyxl-month-names.xlsx");
      const csv = await run("libreoffice-es-US-month-names.csv");
      expect(verdicts(csv)).toEqual(verdicts(xlsx));
      expect(statuses(csv)).toEqual(Array.from({ length: 12 }, (_, k) => `${k + 2} OK`));
      expect(readFileSync(join(DIR, "libreoffice-es-US-month-names.csv"), "utf8")).toContain(",15 de ago de 25,");
    });

    it("reads it month first with --date-order mdy: what it gave before, a March 2 line paid as February's", async () => {
      const misread = await run("libreoffice-es-US-short-dates.csv", "--date-order", "mdy");
      expect(statuses(misread)).toEqual(["2 OK", "3 ERROR ECM-FUTURE", "4 ERROR ECM-DOS"]);
      expect(misread.summary.notes).toEqual([]);
      expect((await run("libreoffice-en-US-short-dates.csv", "--date-order", "dmy")).rows.map((r) => r.status)).toEqual([
        "OK",
        "ERROR",
        "ERROR",
      ]); // 3/10/2026 as 3 October is after the as-of date; 3/16/2026 no date
    });

    it("says when a file mixes the two orders, and reads it month first", async () => {
      const file = write(
        "mixed-orders.csv",
        Buffer.from(`${HEADER}\n${LINE.replace("2026-03-02", "13/03/2026")}\n${LINE.replace("2026-03-02", "03/14/2026")}\n`),
      );
      const r = JSON.parse((await cli(file, "--format", "json")).out) as Report;
      expect(statuses(r)).toEqual(["2 ERROR ECM-DOS", "3 OK"]);
      expect(r.summary.notes).toEqual([
        'mixed-orders.csv writes dates both day first ("13/03/2026" in row 2, column B) and month first ("03/14/2026" in row 3, column B): they are read month first (M/D/YYYY), so dates that can only be day first are not valid dates. Check how the file was made; --date-order dmy reads them all day first.',
      ]);
    });

    it("reads a members list and a rate book in their own order", async () => {
      const claims = write("claims-mdy.csv", Buffer.from(`${HEADER}\n${LINE.replace("2026-03-02", "3/2/2026")}\n`));
      const members = write(
        "members-dmy.csv",
        Buffer.from("Member ID,ECM Enrollment Date,Disenrollment Date\n90000001A,01/02/2026,28/02/2026\n"),
      );
      const r = await cli(claims, "--format", "json", "--members", members);
      const report = JSON.parse(r.out) as Report;
      expect(statuses(report)).toEqual(["2 ERROR ECM-DISENROLLED"]); // disenrolled 2026-02-28, before the 2026-03-02 PEPM line
      expect(report.summary.notes).toEqual([
        'members-dmy.csv writes dates day first (D/M/YYYY): "28/02/2026" in row 2, column C can only be read that way, so every date written as numbers in it is read day first (02/01/2026 is January 2). If that is wrong, use --date-order mdy.',
      ]);
      const refused = await cli(claims, "--members", members, "--date-order", "mdy");
      expect([refused.code, refused.err]).toEqual([
        2,
        `ecm: ${members}: Members list: row 2: Disenrollment Date "28/02/2026" is not a date (use YYYY-MM-DD, M/D/YYYY or an Excel date).\n`,
      ]);
      const book = write(
        "rates-dmy.csv",
        Buffer.from(
          "Plan,HCPCS,Modifiers,Rate,Kind,TAR required,Effective from,Effective to,Source\n,G9008,U1,380,pepm,yes,01/01/2026,28/02/2026,\n,G9008,U1,410,pepm,yes,01/03/2026,,\n",
        ),
      );
      const priced = JSON.parse((await cli(claims, "--format", "json", "--rates", book)).out) as Full;
      // Billed 400 against the rate from 1 March, 410: the lesser, and ECM-CHARGE naming that rate (380 before it).
      expect(priced.rows.map((x) => [x.expected, x.findings.map((f) => f.message.includes("$410.00"))])).toEqual([[400, [true]]]);
      expect(priced.summary.notes[0]).toMatch(/^rates-dmy\.csv writes dates day first/);
    });

    it("refuses an unknown --date-order", async () => {
      const r = await cli(join(DIR, "libreoffice-es-US-short-dates.csv"), "--date-order", "ymd");
      expect([r.code, r.err]).toEqual([
        2,
        'ecm: --date-order must be auto, mdy (1/13/2026: month first) or dmy (13/1/2026: day first), not "ymd"\n',
      ]);
    });
  });

  it("leaves out the header rows of exports pasted one under another, and says which", async () => {
    const file = write(
      "pasted-exports.csv",
      Buffer.from(`${HEADER}\n${LINE}\n${HEADER.toUpperCase()}\n${LINE.replace("2026-03-02", "2026-04-02")}\n`, "utf8"),
    );
    const r = await cli(file, "--format", "json");
    const report = JSON.parse(r.out) as Report & { summary: { headerRows: number[] } };
    expect([r.code, statuses(report), report.summary.headerRows]).toEqual([0, ["2 OK", "4 OK"], [3]]);
    expect(report.summary.notes).toContain(
      "row 3 repeats the header row (exports pasted one under another?): it is not a claim line, so it was not checked.",
    );
  });

  it("reads a semicolon or tab file whose header stands below a title line without those delimiters", async () => {
    const semicolons = write(
      "titled-semicolons.csv",
      Buffer.from(`ECM claims export, March 2026\n\n${HEADER.replace(/,/g, ";")}\n${LINE.replace(/,/g, ";")}\n`, "utf8"),
    );
    const tabs = write(
      "titled-tabs.txt",
      Buffer.from(`\nECM claims export\n${HEADER.replace(/,/g, "\t")}\n${LINE.replace(/,/g, "\t")}\n`, "utf8"),
    );
    for (const [file, row] of [
      [semicolons, "4 OK"],
      [tabs, "4 OK"],
    ] as const) {
      const r = await cli(file, "--format", "json");
      expect([r.code, statuses(JSON.parse(r.out) as Report)]).toEqual([0, [row]]);
    }
  });

  it("reads back any grid csv-stringify writes, whatever its delimiter, line ends and encoding (property)", () => {
    // Cells of quotes, delimiters, line breaks, spaces and accents; not the two idioms read other
    // than as written: R's unquoted NA, and ="…" (textFormulaValue). The accent is in a word
    // ("café"): in Windows-1252 its byte is "È" in Mac OS Roman, which only where it sits in a word
    // tells apart (csv-encoding.ts), and "ZéZ" would be read as a Mac's "ZÈZ".
    const text = fc
      .array(fc.constantFrom("a", "Z", "9", " ", ",", ";", "\t", '"', "\n", "café", "-", "="), { maxLength: 8 })
      .map((chars) => chars.join(""))
      .filter((t) => t !== "NA" && !t.startsWith('="'));
    const header = ["Member ID", "DOS", "HCPCS", "Notes"];
    const encodings: [string, (t: string) => Buffer][] = [
      ["UTF-8", (t) => Buffer.from(t, "utf8")],
      ["UTF-8 with BOM", (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, "utf8")])],
      ["UTF-16 LE", (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, "utf16le")])],
      ["Windows-1252", (t) => Buffer.from(t, "latin1")],
    ];
    fc.assert(
      fc.property(
        fc.array(fc.array(text, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom(",", ";", "\t"),
        fc.constantFrom("\n", "\r\n"),
        fc.constantFrom(...encodings),
        (rows, delimiter, lineEnd, [, encode]) => {
          const grid = [header, ...rows];
          // (a line break inside a value is quoted whatever the line ends, as Excel writes it)
          const written = stringifyCsv(grid, {
            delimiter,
            record_delimiter: lineEnd === "\n" ? "unix" : "windows",
            quoted_match: /[\r\n]/,
          });
          const read = parseCsvFile(encode(written));
          expect([read.delimiter, read.grid]).toEqual([delimiter, grid]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("decodes and detects as documented", () => {
    expect(decodeText(Buffer.from("caf\xe9", "latin1")).text).toBe("café");
    expect(csvDelimiter('"a;b",c,d\n1;2;3')).toBe(",");
    expect(csvDelimiter("a;b;c")).toBe(";");
    // The header may stand below a title or notes line (and blank lines): the line with the most delimiters decides.
    expect(csvDelimiter("ECM claims, March 2026\nMember ID;DOS;HCPCS;Modifiers\n1;2;3;4")).toBe(";");
    expect(csvDelimiter("\r\n\r\nMember ID\tDOS\tHCPCS\n1\t2\t3")).toBe("\t");
    expect(csvDelimiter('"Notes; one; two; three"\nMember ID,DOS,HCPCS\n1,2,3')).toBe(",");
    expect(csvDelimiter(";;;\nMember ID;DOS;HCPCS;Units\n")).toBe(";"); // an empty row as Excel writes it
    // A value holding more of another delimiter than the lines hold of theirs does not decide it.
    expect(csvDelimiter("Member ID,DOS,HCPCS\n1,2,x\n3,4,called; no answer; left message; will retry; twice; today\n")).toBe(",");
    expect(csvDelimiter("Member ID;DOS;HCPCS\n1;2;a, b, c, d, e\n3;4;x\n")).toBe(";");
    // Only the first 20 non-blank lines are looked at.
    expect(csvDelimiter(`${"title\n\n".repeat(20)}a;b;c`)).toBe(",");
  });
});

describe("Excel's plain CSV on a PC (Windows-1252) and on a Mac (Mac OS Roman)", () => {
  // make_other_writers.sh: openpyxl-accented-text.xlsx saved by LibreOffice as CSV in Windows-1252
  // (filter options 44,34,1,1) and in Apple Roman (44,34,2,1), the code pages Excel's "CSV (Comma
  // delimited)" / "Comma Separated Values" writes on a PC and on a Mac in the US.
  type Full = { rows: unknown[]; summary: Report["summary"] };
  const run = async (file: string, ...args: string[]) => JSON.parse((await cli(join(DIR, file), "--format", "json", ...args)).out) as Full;
  const ACCENTED = ["José Muñoz — Clínica Peña", "Phone call (teléfono), señora Núñez", "ÁNGEL RAÚL ÑUÑOA", "Zoë, Ærøskøbing"];

  it.each([
    ["libreoffice-windows-1252.csv", "windows-1252", []],
    ["libreoffice-mac-roman.csv", "macintosh", [macRomanNote("libreoffice-mac-roman.csv")]],
  ])("reads %s (%s) as the workbook it was saved from, every accented letter as written", async (file, encoding, notes) => {
    const bytes = readFileSync(join(DIR, file));
    const { text, encoding: found } = decodeText(bytes);
    expect(found).toBe(encoding);
    for (const t of ACCENTED) expect(text).toContain(t);
    expect(bytes.includes(Buffer.from("é", "utf8"))).toBe(false); // not UTF-8: the fixture is what it says
    const csv = await run(file);
    const xlsx = await run("openpyxl-accented-text.xlsx");
    expect(csv.rows).toEqual(xlsx.rows); // messages too: 'Outreach Method "Phone call (teléfono), señora Núñez" says …'
    expect(csv.summary.notes).toEqual(notes);
  });

  it.each([
    ["libreoffice-windows-1252.csv", "windows-1252"],
    ["libreoffice-mac-roman.csv", "macintosh"],
  ])("writes the CSV copy of %s in its encoding: the user's cells byte for byte, the results beside them", async (file, encoding) => {
    const copy = join(tmp, `copy-${file}`);
    expect((await cli(join(DIR, file), "--out", copy)).code).toBe(0);
    const input = parseCsvFile(readFileSync(join(DIR, file)));
    const written = readFileSync(copy);
    const output = parseCsvFile(written);
    expect(output.encoding).toBe(encoding);
    expect(output.grid.map((r) => r.slice(0, 10))).toEqual(input.grid); // cell by cell
    expect(output.grid[0]?.slice(10)).toEqual(["ECM Status", "ECM Rules", "ECM Message", "ECM Expected"]);
    expect(output.grid.map((r) => r[10])).toEqual(["ECM Status", "OK", "WARN", "WARN", "OK"]);
    // Each accented value is written as the input wrote it (before: UTF-8, which Excel shows as "JosÃ©").
    for (const t of ACCENTED) expect(written.includes(Buffer.from(encodeText(t, encoding as "macintosh") as Uint8Array))).toBe(true);
  });

  it.each([
    ["Windows (CRLF: Excel on a PC)", "\r\n"],
    ["Unix (LF: pandas, R)", "\n"],
    ["classic Mac (CR: Excel 2011 for Mac)", "\r"],
  ])("writes a CSV copy with the input's line ends: %s", async (_name, lineEnd) => {
    const text = readFileSync(join(DIR, "libreoffice-mac-roman.csv"), "latin1").replace(/\r?\n/g, lineEnd);
    const input = write(`line-ends-${lineEnd.length}${lineEnd[0] === "\r" ? "r" : "n"}.csv`, Buffer.from(text, "latin1"));
    const copy = join(tmp, `copy-${basename(input)}`);
    expect((await cli(input, "--out", copy)).code).toBe(0);
    const written = readFileSync(copy, "latin1");
    expect(written.split(lineEnd)).toHaveLength(text.split(lineEnd).length); // the same lines, ended the same way
    expect(written.replace(new RegExp(lineEnd, "g"), "")).not.toMatch(/[\r\n]/); // and no other line end
  });

  it("notes a members list, rate book and limits table read as Mac OS Roman, each by its name", async () => {
    const mac = (name: string, text: string) => write(name, Buffer.from(encodeText(text, "macintosh") as Uint8Array));
    const members = mac("mac-members.csv", "Member ID,ECM Enrollment Date,Name\n90000011A,2026-01-01,José Muñoz\n");
    const rates = mac("mac-rates.csv", "HCPCS,Modifiers,Rate,Kind,TAR required,Source\nG9008,U1,400,pepm,sí,Contrato de Peña\n");
    const limits = mac("mac-limits.csv", "Plan,Outreach per window,Window days,Outreach max,Lesser of billed\nSalud Peña,5,30,5,sí\n");
    const run = await cli(
      join(DIR, "openpyxl-accented-text.xlsx"),
      "--format",
      "json",
      "--members",
      members,
      "--rates",
      rates,
      "--limits",
      limits,
    );
    const notes = (JSON.parse(run.out) as Report).summary.notes;
    for (const file of ["mac-members.csv", "mac-rates.csv", "mac-limits.csv"]) expect(notes).toContain(macRomanNote(file));
  });

  it("writes the copy of a UTF-16 file (Excel's Unicode Text) as CSV UTF-8 with a byte-order mark, which Excel splits at commas", async () => {
    const copy = join(tmp, "copy-unicode-text.csv");
    expect((await cli(join(DIR, "libreoffice-unicode-text.txt"), "--out", copy)).code).toBe(1); // 1: an ERROR row
    const written = readFileSync(copy);
    expect([...written.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseCsvFile(written).grid.map((r) => r.slice(0, 9))).toEqual(
      parseCsvFile(readFileSync(join(DIR, "libreoffice-unicode-text.txt"))).grid,
    );
  });

  it("decodes Windows-1252's 0x80–0x9F as Excel wrote them (Node's TextDecoder gives C1 controls: nodejs/node#60888)", () => {
    const all = Uint8Array.from({ length: 256 }, (_, b) => b);
    const text = decodeWindows1252(all);
    expect([0x80, 0x85, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x99, 0x9f].map((b) => text[b]).join("")).toBe("€…‘’“”–—™Ÿ");
    expect(text.slice(0xa0)).toBe(Buffer.from(all.subarray(0xa0)).toString("latin1")); // Latin-1 from 0xA0 on
    expect([...(encodeText(text, "windows-1252") as Uint8Array)]).toEqual([...all]);
    expect([...(encodeText(new TextDecoder("macintosh").decode(all), "macintosh") as Uint8Array)]).toEqual([...all]);
    expect(encodeText("José ☎", "windows-1252")).toBeUndefined(); // no byte for ☎: the copy is then written as UTF-8 with a BOM
    // A From–To span typed with Excel's en dash in a PC's CSV is read as a span (before: U+0096, no span).
    const header = "Member ID,Date of Service,HCPCS,Modifiers,Units,Billed Amount,TAR Number";
    const span = Buffer.concat([
      Buffer.from(`${header}\r\n`),
      Buffer.from("90000001A,03/02/2026\x9603/05/2026,G9008,U1,1,400,TAR-1\r\n", "latin1"),
    ]);
    expect(parseCsvFile(span).grid[1]?.[1]).toBe("03/02/2026–03/05/2026");
  });

  it("tells Windows-1252 from Mac OS Roman by where the accented letters and punctuation sit in words (property)", () => {
    // Words as claims carry them (names, outreach methods, notes), as written, in capitals or in
    // lower case, and the punctuation Word's AutoCorrect puts in notes pasted into Excel (curly
    // quotes and apostrophes, dashes, ellipsis), which Windows-1252 keeps where Mac OS Roman has
    // its small accented letters.
    const word = fc
      .constantFrom(
        "José",
        "Muñoz",
        "Peña",
        "Raúl",
        "Ángel",
        "Sofía",
        "María",
        "Núñez",
        "Clínica",
        "teléfono",
        "llamó",
        "Françoise",
        "Müller",
        "Zoë",
        "año",
        "está",
        "visitó",
      )
      .chain((w) => fc.constantFrom(w, w.toUpperCase(), w.toLowerCase()));
    const cell = fc
      .array(
        fc.oneof(
          word,
          fc.constantFrom("call", "visit", "ECM", "-", "90000001A"),
          fc.constantFrom(
            "don’t",
            "member’s",
            "we’ll",
            "“no answer”",
            "‘left VM’",
            "–",
            "—",
            "call…",
            "¿Sí?",
            "¡Hola!",
            "10:00–11:00",
            "€5",
          ),
        ),
        { minLength: 1, maxLength: 4 },
      )
      .map((ws) => ws.join(" "));
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom("windows-1252", "macintosh"),
        (rows, encoding) => {
          const grid = [["Member ID", "DOS", "Notes"], ...rows];
          const text = stringifyCsv(grid);
          const read = parseCsvFile(encodeText(text, encoding as "macintosh") as Uint8Array);
          expect([read.encoding, read.grid]).toEqual([/[\u0080-\uffff]/.test(text) ? encoding : "utf-8", grid]); // ASCII only: UTF-8 too
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("CSV encodings, whatever the guess", () => {
  it("guesses a large file's code page from its first MB, or from all of it when the first MB has no accented letter", () => {
    const ascii = `Member ID,DOS,HCPCS,Notes\n${"90000001A,2026-03-02,G9008,left VM\n".repeat(40_000)}`; // 1.4 MB
    const mac = (t: string) => Buffer.from(encodeText(t, "macintosh") as Uint8Array);
    expect(ascii.length).toBeGreaterThan(1 << 20);
    const late = decodeText(mac(`${ascii}90000002B,2026-03-03,G9008,"Llamó a José Muñoz"\n`));
    expect([late.encoding, late.text.endsWith('"Llamó a José Muñoz"\n')]).toEqual(["macintosh", true]);
    const early = decodeText(mac(`Member ID,DOS,HCPCS,Notes\n90000002B,2026-03-03,G9008,Peña\n${ascii.slice(26)}`));
    expect([early.encoding, early.text.includes("Peña")]).toEqual(["macintosh", true]);
  });

  it("writes back the very bytes it read: any file's text encodes to its bytes in the encoding it was read in (property)", () => {
    // So a CSV copy keeps the user's cells byte for byte even where Windows-1252 and Mac OS Roman
    // cannot be told apart (a note holding only "answer—called"): only the report's display differs.
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (bytes) => {
        const body = bytes.subarray(bytes[0] === 0xef || bytes[0] === 0xff || bytes[0] === 0xfe ? 1 : 0); // no byte-order mark
        const { text, encoding } = decodeText(body);
        if (encoding === "utf-8" || encoding === "windows-1252" || encoding === "macintosh")
          expect(Buffer.from(encodeText(text, encoding) as Uint8Array).equals(Buffer.from(body))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});

describe("files that are not workbooks", () => {
  it.each([
    [
      "a folder",
      () => (mkdirSync(join(tmp, "folder.xlsx"), { recursive: true }), join(tmp, "folder.xlsx")),
      /is a folder; give a \.csv or \.xlsx file$/,
    ],
    ["an old .xls", () => write("old.xls", "x"), /\.xls files are not read; open it in Excel \(or LibreOffice\) and save it as \.xlsx/],
    [
      "an encrypted workbook",
      () => write("locked.xlsx", Buffer.from("d0cf11e0a1b11ae1" + "00".repeat(504), "hex")),
      /is password-protected \(encrypted\)/,
    ],
    ["not a zip at all", () => write("text.xlsx", "Member ID,DOS\n"), /is not an \.xlsx workbook \(it is not a zip package\)/],
  ])("refuses %s: exit 2, one line", async (_what, make, message) => {
    const r = await cli(make(), "--format", "json");
    expect(r.code).toBe(2);
    expect(r.err.split("\n")).toHaveLength(2);
    expect(r.err.trim()).toMatch(message);
  });
});

/** Generated claims as a CSV file's text, quoted where a cell holds a comma ("U2, GQ"). */
function generatedCsv(generated: { header: string[]; rows: unknown[][] }): string {
  return stringifyCsv([generated.header, ...generated.rows.map((r) => r.map((c) => String(c ?? "")))]);
}

function write(name: string, content: string | Buffer): string {
  writeFileSync(join(tmp, name), content);
  return join(tmp, name);
}

describe("output that cannot hurt", () => {
  it("neutralises CSV cells a spreadsheet would run as formulas, and escapes control characters in terminal text", () => {
    expect(["=HYPERLINK(1)", "+1", "-1", "@SUM(1)", "\t=1", "Member ID is empty"].map(neutralised)).toEqual([
      "'=HYPERLINK(1)",
      "'+1",
      "'-1",
      "'@SUM(1)",
      "'\t=1",
      "Member ID is empty",
    ]);
    expect(printable("a\u001b[31mred\nb")).toBe("a\\u001b[31mred\\u000ab");
  });

  it("writes exactly one line on stderr for exit 2, whatever the file name holds", async () => {
    const r = await cli(join(tmp, "bad\nname\u001b[2J.xls"));
    expect(r.code).toBe(2);
    expect(r.err.split("\n")).toHaveLength(2);
    expect(r.err).toContain("bad\\u000aname\\u001b[2J.xls");
  });

  it("stops quietly when its output is piped to a program that stops reading (EPIPE)", () => {
    const generated = generateClaims(60_000); // enough output that `head` closes the pipe while the CLI still writes
    const big = write("big.csv", generatedCsv(generated));
    const r = spawnSync(
      "bash",
      ["-c", `node bin/ecm-claims.js ${big} --format csv --as-of 2026-06-30 | head -1; echo "status \${PIPESTATUS[0]}"`],
      {
        encoding: "utf8",
      },
    );
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^row,status,expected,rules,message\nstatus [01]\n$/);
  }, 60_000);
});

describe("what the CLI says while it works", () => {
  it("--verbose gives the read, validate and write times on stderr; a large file on a terminal says what it is doing", async () => {
    let err = "";
    let t = 0;
    const io: CliIO = {
      stdout: () => undefined,
      stderr: (s) => (err += s),
      cwd: () => process.cwd(),
      today: () => dayFromISO("2026-06-30") as number,
      progress: true,
      now: () => (t += 250),
    };
    const generated = generateClaims(60_000);
    const big = write("progress.csv", generatedCsv(generated));
    await runCli([big, "--verbose", "--format", "json", "--out", join(tmp, "progress-copy.csv"), "--force"], io);
    expect(err.split("\n").slice(0, -1)).toEqual([
      "ecm: checking 60,000 rows…",
      `ecm: writing ${join(tmp, "progress-copy.csv")}…`,
      "ecm: read 0.25 s (60,001 rows), validate 0.25 s, report and copy 0.25 s",
    ]);
  }, 60_000);
});

describe("merged cells", () => {
  it("tells the user that a merged range hides values on its other rows (JSON notes and the table), on both paths", async () => {
    const file = join(DIR, "openpyxl-merged-member.xlsx");
    const note =
      "cells A2:A4 are merged: the value is in A2 only, so rows 3–4 read that column as empty; unmerge the cells and fill in every row.";
    for (const extra of [[], ["--out", join(tmp, "merged-copy.xlsx"), "--force"]]) {
      const json = JSON.parse((await cli(file, "--format", "json", ...extra)).out) as { summary: { notes: string[] } };
      expect(json.summary.notes).toEqual([note]);
    }
    expect((await cli(file)).out).toContain(`Note: ${note}`);
    const plain = JSON.parse((await cli(join(DIR, "openpyxl-claims.xlsx"), "--format", "json")).out) as { summary: { notes: string[] } };
    expect(plain.summary.notes).toEqual([]);
  });
});

describe("duplicate header names", () => {
  it("reads the first of two columns that name the same field, and says so in the notes", async () => {
    const file = write("dup.csv", "Member ID,DOS,HCPCS,Modifier,Modifier 2,TAR,HCPCS\n90000001A,2026-03-02,G9008,U1,GQ,TAR-1,G9999\n");
    const report = JSON.parse((await cli(file, "--format", "json")).out) as {
      rows: { status: string; expected: number }[];
      summary: { notes: string[] };
    };
    expect(report.rows).toEqual([expect.objectContaining({ status: "OK", expected: 400 })]); // G9008 with U1 + GQ (Modifier + Modifier 2)
    expect(report.summary.notes).toEqual(['columns C ("HCPCS") and G ("HCPCS") both name HCPCS: the first, C, is read.']);
  });
});
