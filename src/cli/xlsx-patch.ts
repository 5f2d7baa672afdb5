/**
 * Patches of the reading layer (ExcelJS 4.4), applied to a streaming reader before it runs. First,
 * ISO 8601 date cells (iso-dates.ts: `<c t="d"><v>2026-03-02T00:00:00</v></c>`, written by openpyxl with
 * `iso_dates`, and allowed by the OOXML standard) reach ExcelJS's default branch, which parses
 * the text with parseFloat: 2026-03-02 becomes serial 2026, 1905-07-18. The worksheet's XML is
 * passed through unchanged except that such a cell's value is rewritten to the serial number
 * Excel itself would have written (in the workbook's date system) and its t="d" dropped; ExcelJS
 * then reads it as it reads any date. Only the cell elements with t="d" are touched: this is a
 * textual rewrite of one attribute, not an XML parser.
 */
import { Readable } from "node:stream";
import { columnIndex, columnLetters } from "../shared/columns";
import { joinInlineRuns } from "./inline-strings";
import { forTwiceDecoding } from "./twice-decoded";
import { mainPrefix, unprefixed } from "./prefixes";
import {
  asExcelWrites,
  cdataAsText,
  doubleQuoted,
  inlineStringsWithoutValue,
  leadingTextAsRun,
  looksIndented,
  mayNeedReshaping,
  withoutIndentation,
} from "./xml-shapes";
import { partName, repeatedPart } from "./part-names";
import { relativeTarget } from "./sheet-parts";
import { locateWorkbook, readRenamed } from "./workbook-location";
import { openZipFile, type ZipPart } from "./zip-parts";
import { endEveryParsedPart, untilEnd } from "./xml-end";
import { rewriteIsoDateCells } from "./iso-dates";

interface PropertiesXform {
  prototype: { parseOpen(node: { name: string; attributes: Record<string, string> }): boolean; model?: { date1904: boolean } };
}

/**
 * `<workbookPr date1904="true"/>`: the attribute is an xsd:boolean, "true" or "1" (ECMA-376 Part 1,
 * 18.2.28). ExcelJS 4.4 tests for "1" only, which Excel and openpyxl write; LibreOffice writes
 * "true", and its 1904 workbooks then read four years and a day early. Its workbook-properties
 * parser is given the standard's reading, once, for every reader of this process (streaming and
 * full model).
 */
function acceptBooleanDate1904(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an ExcelJS internal, absent from its typings
  const xform = require("exceljs/lib/xlsx/xform/book/workbook-properties-xform") as PropertiesXform;
  const parseOpen = xform.prototype.parseOpen;
  if ((parseOpen as { patched?: boolean }).patched === true) return;
  const patched = function (this: { model?: { date1904: boolean } }, node: { name: string; attributes: Record<string, string> }): boolean {
    const open = parseOpen.call(this, node);
    if (open && node.name === "workbookPr" && this.model !== undefined)
      this.model.date1904 = ["1", "true"].includes(node.attributes.date1904 ?? "");
    return open;
  };
  xform.prototype.parseOpen = Object.assign(patched, { patched: true });
}
acceptBooleanDate1904();
// A part whose XML ends with elements open is damaged, not read as its first rows (xml-end.ts).
endEveryParsedPart();

interface ReaderInternals {
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<unknown>;
  properties?: { model?: { date1904?: boolean } };
}

/** Readers whose workbook part asks for recalculation on opening (recalculatesOnLoad), noted by readThroughCentralDirectory. */
const recalculating = new WeakSet<object>();

/**
 * A formula cell: its start tag's attributes (not a self-closing `<c/>`), the formula element
 * (`<f>…</f>`, or `<f t="shared" si="0"/>` in a shared formula's other cells) and its saved value
 * (`<v>…</v>`, `<v/>`), when there is one. A formula's text is XML-escaped, so it holds no `<`.
 */
const FORMULA_CELL = /<c\b([^>]*?)(?<!\/)>(\s*)(<f\b[^>]*\/>|<f\b[^>]*>[^<]*<\/f>)\s*(<v\s*\/>|<v>[^<]*<\/v>)?/g;

/**
 * Formula cells as the values-only reader needs them. ExcelJS 4.4 reads a formula's saved value
 * wrong in three cases, each a claim line misread:
 * - a result that is 0, "" or FALSE is dropped (its `Cell.value` copies only truthy results:
 *   exceljs#2943, exceljs#1528), so `=IFERROR(VLOOKUP(…),0)` in a Paid Amount cell, or
 *   `=IFERROR(…,"")` in a TAR cell, read as a formula without a value (ECM-CELL-ERROR);
 * - an error result (`t="e"`, `<v>#N/A</v>`) is parsed as a number (NaN), so the line is told to
 *   recalculate instead of being told which error the cell shows;
 * - a date result stays a serial number, blind to the workbook's 1904 date system.
 * With `current` (the saved values are the formulas' results), the formula element is dropped and
 * the cell reads as the value Excel shows, through the same path as a typed value of its type.
 * Without it (the workbook asks to be recalculated on opening: calcPr's fullCalcOnLoad, which
 * openpyxl and XlsxWriter write, XlsxWriter with 0 saved in place of every result), the saved
 * value is dropped instead: the cell reads as a formula without a calculated value. A formula
 * saved with no value is left as it is (the same finding).
 */
export function rewriteFormulaCells(xml: string, current: boolean): string {
  if (!xml.includes("<f")) return xml; // most sheets: no formula, no regular expression run
  return xml.replace(FORMULA_CELL, (whole, attributes: string, space: string, formula: string, value: string | undefined) =>
    value === undefined ? whole : `<c${attributes}>${space}${current ? value : formula}`,
  );
}

/**
 * Whether a workbook part asks for a full recalculation when it is opened (`<calcPr
 * fullCalcOnLoad="1"/>`, ECMA-376 Part 1, 18.2.2: the application "shall perform a full
 * calculation when the workbook is opened"): its writer did not calculate, so its saved formula
 * results are placeholders, not values.
 */
export function recalculatesOnLoad(workbookXml: string): boolean {
  return /<(?:\w+:)?calcPr\b[^>]*\sfullCalcOnLoad="(?:1|true)"/.test(workbookXml);
}

/** Where numbering stands between pieces of one worksheet's XML: the last row number given, and whether the sheet needs it. */
export interface Numbering {
  row: number;
  /**
   * Decided on the first piece with rows: a writer numbers all its rows and cells or none, so a
   * sheet whose first rows are numbered is passed through untouched (a later row without `r`
   * would make the reader fail, never misread).
   */
  needed?: boolean;
}

const ROW_OR_CELL = /<(row|c)\b([^>]*?)(\/?)>/g;
const R_ATTRIBUTE = /\sr="([^"]*)"/;
/** A tag without `r`, or whose `r` is not as Excel writes it (a row number; a cell reference, A1: capitals, then the row). */
const UNNUMBERED = /<(?:row|c)\b(?![^>]*\sr=")|<c\b[^>]*\sr="(?![A-Z]+\d+")|<row\b[^>]*\sr="(?!\d+")/;

/**
 * Gives rows and cells written without their `r` attribute the number the standard implies
 * (ECMA-376 Part 1, 18.3.1.73 row and 18.3.1.4 c: `r` is optional; a row without it follows the
 * previous row, a cell without it the previous cell). Some writers leave them out; ExcelJS 4.4's
 * reader then fails ("Cannot read properties of undefined"). A reference in lower case ("e3") is
 * that cell, one that is no reference (a bare column number, "0") is taken as absent, as
 * ExcelDataReader reads them, "like Excel" (its LowerCaseReferenceAttribute.xlsx, fillreport.xlsx:
 * read as damaged, "A Cell needs a Row"). Rewrites start tags of complete rows, when some need it.
 */
export function numberRowsAndCells(xml: string, at: Numbering): string {
  if (at.needed === undefined) {
    if (!xml.includes("<row")) return xml;
    at.needed = UNNUMBERED.test(xml);
  }
  if (!at.needed) return xml; // nearly every workbook
  let col = -1;
  return xml.replace(ROW_OR_CELL, (whole, tag: string, attributes: string, close: string) => {
    const r = R_ATTRIBUTE.exec(attributes)?.[1];
    const rest = r === undefined ? attributes : attributes.replace(R_ATTRIBUTE, "");
    if (tag === "row") {
      col = -1;
      const given = r !== undefined && /^\d+$/.test(r);
      at.row = given ? Number(r) : at.row + 1;
      return given ? whole : `<row r="${at.row}"${rest}${close}>`;
    }
    const ref = /^([A-Z]{1,3})\d+$/.exec(r?.toUpperCase() ?? "");
    col = ref === null ? col + 1 : columnIndex(ref[1] as string);
    const number = ref === null ? `${columnLetters(col)}${at.row}` : ref[0];
    return number === r ? whole : `<c r="${number}"${rest}${close}>`;
  });
}

/**
 * Wraps the reader's worksheet parsing so its XML passes through numberRowsAndCells,
 * rewriteIsoDateCells, rewriteFormulaCells and joinInlineRuns (inline-strings.ts), row by row.
 * The same pass notes each sheet's merged ranges (`<mergeCell ref="A2:A4"/>`, which the streaming
 * reader skips) for `merged(sheetNo, ref)`: the value belongs to the top-left cell only, and the
 * user is told which rows read the others as empty.
 */
export function patchWorksheetXml(reader: unknown, merged: (sheetNo: string, ref: string) => void = () => undefined): void {
  const internals = reader as ReaderInternals;
  const parse = internals._parseWorksheet.bind(internals);
  internals._parseWorksheet = (iterator, sheetNo) => {
    const date1904 = internals.properties?.model?.date1904 === true;
    const current = !recalculating.has(internals);
    const numbering: Numbering = { row: 0 };
    const patch = (xml: string): string =>
      forTwiceDecoding(
        joinInlineRuns(rewriteFormulaCells(rewriteIsoDateCells(numberRowsAndCells(xml, numbering), date1904), current)),
        true,
      );
    return parse(
      // <mergeCells> follows <sheetData>: it is in what is left after the last row.
      untilEnd(
        rewritten(iterator, patch, (tail) => {
          for (const m of tail.matchAll(MERGE_CELL)) merged(sheetNo, m[1] as string);
        }),
      ),
      sheetNo,
    );
  };
}

/** Each streamed worksheet's part, noted by readThroughCentralDirectory, for sheetPartOf. */
const sheetParts = new WeakMap<object, SheetPart>();

/**
 * A streamed worksheet's part: `number`, the <n> of the name it was read under
 * (xl/worksheets/sheet<n>.xml), and `name`, the part's name in the package (the same, except for a
 * part read under another name: see workbookRenames). The worksheet's own `id` is not the number:
 * ExcelJS sets `id` to the sheet's sheetId when it finds the sheet in the workbook part by its
 * relationship, and Excel's numbers differ (Mac Excel's type-me.xlsx: sheet1.xml is sheetId 4,
 * sheet4.xml sheetId 7). Undefined for a worksheet not read by readThroughCentralDirectory.
 */
export interface SheetPart {
  number: string;
  name: string;
}
export function sheetPartOf(worksheet: object): SheetPart | undefined {
  return sheetParts.get(worksheet);
}

/** A part of the package that could not be parsed: its name (and sheet), the parser's error as the cause. */
export class DamagedPart extends Error {
  constructor(
    readonly part: string,
    cause: unknown,
  ) {
    super(`${part}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "DamagedPart";
  }
}

/** Runs a part's parse, naming the part in any error it throws. */
async function parsing(path: string, parse: () => Promise<void>): Promise<void> {
  try {
    await parse();
  } catch (e) {
    throw new DamagedPart(path, e);
  }
}

interface ParseInternals extends ReaderInternals {
  parse(): AsyncGenerator<unknown>;
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { rId?: string }[] };
}

const SHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/** The root elements of other Office documents' main parts (ECMA-376 Part 1, §17.2.3 and §19.2.1.26). */
const OTHER_DOCUMENTS: Record<string, string | undefined> = { document: "a Word document", presentation: "a PowerPoint presentation" };

/**
 * ExcelJS's streaming reader reads the zip in one pass, in the order its parts are stored, and on
 * Node 18 and later that pass now and then ends early or hands parts over out of step: the workbook
 * part arrives after the sheets (exceljs#3064), or the shared strings never arrive and every text
 * cell reads as `{ sharedString: n }` (exceljs#683; an Excel Online workbook, whose sheets come
 * before its shared strings, read so in 11 of 40 reads here). Both lose data silently. This gives
 * the reader a pass over the zip's central directory instead (as the open fix exceljs#3065 does):
 * the workbook's relationships, the workbook part, the shared strings and the styles are parsed
 * first, whatever order the zip stores them in, then each worksheet, in the workbook's tab order,
 * streamed row by row as before. The parsing is still ExcelJS's own.
 */
export function readThroughCentralDirectory(reader: unknown, file: string): void {
  const internals = reader as ParseInternals;
  // A part in a shape ExcelJS misreads (a prefix on SpreadsheetML's element names, prefixes.ts;
  // indentation, CDATA, phonetic runs, xml-shapes.ts) is given as Excel writes it.
  const wholeXml = async (part: ZipPart) => {
    const bytes = await part.buffer();
    return Readable.from([mayNeedReshaping(bytes) ? asExcelWrites(new TextDecoder().decode(bytes)) : bytes]);
  };
  internals.parse = async function* () {
    const files = await openZipFile(file);
    const repeated = repeatedPart(files.map((part) => part.path));
    if (repeated !== undefined)
      throw new DamagedPart(
        repeated.entry,
        new Error(
          `the package holds this part twice, also as ${repeated.repeats}: part names must differ in more than case, so which one is the sheet is not known`,
        ),
      );
    const parts = new Map<string, ZipPart>(files.map((part) => [partName(part.path), part]));
    // The workbook's parts under the names ExcelJS reads (workbook-location.ts: Apple Numbers'
    // worksheet part sheet.xml, a workbook outside xl/), and its relationships pointed there, so that
    // ExcelJS names the sheets as usual.
    const location = await locateWorkbook(parts.keys(), async (name) => {
      const part = parts.get(name);
      if (part !== undefined) await parsing(part.path, async () => internals._parseRels(await wholeXml(part)));
      return part === undefined ? undefined : internals.workbookRels;
    });
    const workbookRels = location.rels as NonNullable<ParseInternals["workbookRels"]>;
    if (location.renames.size > 0) for (const rel of workbookRels) rel.Target = location.target(rel.Target);
    internals.workbookRels = workbookRels;
    const realNames = new Map<string, string>();
    readRenamed(parts, location.renames, realNames);
    const workbook = parts.get("xl/workbook.xml");
    // Without a workbook part no sheet has a name (ExcelJS then failed on the first worksheet part:
    // "Cannot read properties of undefined (reading 'sheets')", exceljs's missing-bits.xlsx): the
    // reader says the package has no workbook part.
    if (workbook === undefined) return;
    let xml = "";
    await parsing(workbook.path, async () => {
      xml = asExcelWrites(new TextDecoder().decode(await workbook.buffer()));
      if (recalculatesOnLoad(xml)) recalculating.add(internals);
      await internals._parseWorkbook(Readable.from([xml]));
    });
    // A part whose XML is whole but holds no <workbook> element parses without an error and gives no model:
    // another Office document's main part (a .docx or .pptx renamed .xlsx), or a damaged one.
    if (internals.model === undefined) {
      const other = OTHER_DOCUMENTS[/^(?:\s*<[?!][^>]*>)*\s*<(?:[\w.-]+:)?(\w+)/.exec(xml)?.[1] ?? ""];
      if (other !== undefined)
        throw new Error(
          `it is ${other}, not an Excel workbook (its main part is ${realNames.get("xl/workbook.xml") ?? workbook.path}): choose the workbook, or save the claims from Excel as .xlsx`,
        );
      throw new DamagedPart(workbook.path, new Error("its XML holds no complete <workbook> element"));
    }
    const strings = parts.get("xl/sharedStrings.xml");
    if (strings !== undefined) {
      try {
        yield* internals._parseSharedStrings(Readable.from(untilEnd(await wholeXml(strings))));
      } catch (e) {
        throw new DamagedPart(strings.path, e);
      }
    }
    const styles = parts.get("xl/styles.xml");
    if (styles !== undefined) await parsing(styles.path, async () => internals._parseStyles(await wholeXml(styles)));
    // The sheets' part numbers in tab order. A sheet part the workbook does not list is no sheet, as
    // for Excel, openpyxl and the full model the copy is written from (ExcelJS's one-pass reader read
    // it as "Sheet<n>": a workbook listing no sheet read as one on this path only). (Sheets' own
    // relationship parts hold hyperlinks, which this reader's options ignore.)
    const numbers: string[] = [];
    for (const sheet of internals.model?.sheets ?? []) {
      const rel = internals.workbookRels?.find((r) => r.Id === sheet.rId);
      const n = rel === undefined ? undefined : SHEET_PART.exec(`xl/${relativeTarget(rel.Target)}`)?.[1];
      if (n !== undefined && parts.has(`xl/worksheets/sheet${n}.xml`) && !numbers.includes(n)) numbers.push(n);
    }
    for (const n of numbers) {
      const path = `xl/worksheets/sheet${n}.xml`;
      for (const event of internals._parseWorksheet((parts.get(path) as ZipPart).stream(), n)) {
        const worksheet = (event as { value?: unknown }).value;
        if (typeof worksheet === "object" && worksheet !== null)
          sheetParts.set(worksheet, { number: n, name: realNames.get(path) ?? path });
        yield event;
      }
    }
  };
}

const MERGE_CELL = /<mergeCell\b[^>]*\bref="([A-Z]+\d+:[A-Z]+\d+)"/g;

/**
 * A worksheet's XML in pieces of complete rows, each passed through `patch`. What follows the last
 * row (`<mergeCells>`, `<autoFilter>`: the elements after `<sheetData>`) is also given to `tail`.
 */
export async function* rewritten(
  chunks: AsyncIterable<unknown>,
  patch: (xml: string) => string,
  tail: (xml: string) => void = () => undefined,
): AsyncGenerator<string> {
  const decoder = new TextDecoder(); // streaming: a character split between chunks is kept whole
  let pending = "";
  // The prefix of SpreadsheetML's element names (prefixes.ts: "" nearly always), known once the
  // root element's start tag has been read; rows end with </row>, or </x:row> for the prefix x.
  let prefix: string | undefined;
  let rowEnd = "</row>";
  // Whether the part is indented (xml-shapes.ts), also known from its root element on.
  let indented = false;
  // Each piece in the shape Excel writes (xml-shapes.ts), then patched.
  const shaped = (xml: string, p: string): string => {
    const text = unprefixed(cdataAsText(doubleQuoted(xml)), p);
    return leadingTextAsRun(inlineStringsWithoutValue(indented ? withoutIndentation(text) : text));
  };
  for await (const chunk of chunks) {
    pending += typeof chunk === "string" ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    if (prefix === undefined) {
      prefix = mainPrefix(pending);
      if (prefix === undefined) continue;
      if (prefix !== "") rowEnd = `</${prefix}:row>`;
      indented = looksIndented(pending);
    }
    // Complete rows only: a cell is never cut in two.
    const end = pending.lastIndexOf(rowEnd);
    if (end < 0) continue;
    yield patch(shaped(pending.slice(0, end + rowEnd.length), prefix));
    pending = pending.slice(end + rowEnd.length);
  }
  pending += decoder.decode();
  if (prefix === undefined) indented = looksIndented(pending);
  pending = shaped(pending, prefix ?? mainPrefix(pending) ?? "");
  tail(pending);
  if (pending !== "") yield patch(pending);
}
