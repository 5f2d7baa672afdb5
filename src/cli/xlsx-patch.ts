/**
 * Patches of the reading layer (ExcelJS 4.4), applied to a streaming reader before it runs. First,
 * ISO 8601 date cells (`<c t="d"><v>2026-03-02T00:00:00</v></c>`, written by openpyxl with
 * `iso_dates`, and allowed by the OOXML standard) reach ExcelJS's default branch, which parses
 * the text with parseFloat: 2026-03-02 becomes serial 2026, 1905-07-18. The worksheet's XML is
 * passed through unchanged except that such a cell's value is rewritten to the serial number
 * Excel itself would have written (in the workbook's date system) and its t="d" dropped; ExcelJS
 * then reads it as it reads any date. Only the cell elements with t="d" are touched: this is a
 * textual rewrite of one attribute, not an XML parser.
 */
import { Readable } from "node:stream";
import { dayFromISO } from "../engine";
import { columnIndex, columnLetters } from "../shared/columns";

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

interface ReaderInternals {
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<unknown>;
  properties?: { model?: { date1904?: boolean } };
}

/** Days from 1899-12-30 (serial 0 of the 1900 date system) to 1970-01-01, and from 1900 to 1904. */
const SERIAL_OF_EPOCH = 25_569;
const DAYS_1900_TO_1904 = 1_462;

const ISO_DATE_CELL = /<c\b([^>]*?)\st="d"([^>]*)>\s*<v>([^<]*)<\/v>\s*<\/c>/g;

/** The serial number of an ISO 8601 date or date-time, or undefined when it is not one. */
export function isoToSerial(text: string, date1904: boolean): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?Z?$/.exec(text.trim());
  if (m === null) return undefined;
  const day = dayFromISO(m[1] as string);
  if (day === undefined) return undefined;
  const seconds = Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  return day + SERIAL_OF_EPOCH - (date1904 ? DAYS_1900_TO_1904 : 0) + seconds / 86_400;
}

/** Rewrites the complete ISO date cells of a piece of worksheet XML. */
export function rewriteIsoDateCells(xml: string, date1904: boolean): string {
  if (!xml.includes('t="d"')) return xml; // nearly every workbook: nothing to rewrite, no regular expression run
  return xml.replace(ISO_DATE_CELL, (whole, before: string, after: string, value: string) => {
    const serial = isoToSerial(value, date1904);
    return serial === undefined ? whole : `<c${before}${after}><v>${serial}</v></c>`;
  });
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
const R_ATTRIBUTE = /\sr="([A-Z]*)(\d+)"/;

/**
 * Gives rows and cells written without their `r` attribute the number the standard implies
 * (ECMA-376 Part 1, 18.3.1.73 row and 18.3.1.4 c: `r` is optional; a row without it follows the
 * previous row, a cell without it the previous cell). Some writers leave them out; ExcelJS 4.4's
 * reader then fails ("Cannot read properties of undefined"). A textual rewrite of the row and cell
 * start tags of complete rows, only when some tag lacks `r`.
 */
export function numberRowsAndCells(xml: string, at: Numbering): string {
  if (at.needed === undefined) {
    if (!xml.includes("<row")) return xml;
    at.needed = /<(?:row|c)\b(?![^>]*\sr=")/.test(xml);
  }
  if (!at.needed) return xml; // nearly every workbook
  let col = -1;
  return xml.replace(ROW_OR_CELL, (whole, tag: string, attributes: string, close: string) => {
    const r = R_ATTRIBUTE.exec(attributes);
    if (tag === "row") {
      col = -1;
      at.row = r === null ? at.row + 1 : Number(r[2]);
      return r === null ? `<row r="${at.row}"${attributes}${close}>` : whole;
    }
    col = r === null ? col + 1 : columnIndex(r[1] as string);
    return r === null ? `<c r="${columnLetters(col)}${at.row}"${attributes}${close}>` : whole;
  });
}

/**
 * Wraps the reader's worksheet parsing so its XML passes through rewriteIsoDateCells and
 * numberRowsAndCells, row by row.
 * The same pass notes each sheet's merged ranges (`<mergeCell ref="A2:A4"/>`, which the streaming
 * reader skips) for `merged(sheetNo, ref)`: the value belongs to the top-left cell only, and the
 * user is told which rows read the others as empty.
 */
export function patchIsoDateCells(reader: unknown, merged: (sheetNo: string, ref: string) => void = () => undefined): void {
  const internals = reader as ReaderInternals;
  const parse = internals._parseWorksheet.bind(internals);
  internals._parseWorksheet = (iterator, sheetNo) => {
    const date1904 = internals.properties?.model?.date1904 === true;
    const numbering: Numbering = { row: 0 };
    const patch = (xml: string): string => rewriteIsoDateCells(numberRowsAndCells(xml, numbering), date1904);
    return parse(
      rewritten(iterator, patch, (ref) => merged(sheetNo, ref)),
      sheetNo,
    );
  };
}

/** Each streamed worksheet's part number, noted by readThroughCentralDirectory, for partNumberOf. */
const partNumbers = new WeakMap<object, string>();

/**
 * The <n> of a streamed worksheet's part name (xl/worksheets/sheet<n>.xml). The worksheet's own `id`
 * is not it: ExcelJS sets `id` to the sheet's sheetId when it finds the sheet in the workbook part
 * by its relationship, and Excel's numbers differ (Mac Excel's type-me.xlsx: sheet1.xml is sheetId 4,
 * sheet4.xml sheetId 7). Undefined for a worksheet not read by readThroughCentralDirectory.
 */
export function partNumberOf(worksheet: object): string | undefined {
  return partNumbers.get(worksheet);
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

/** The parts of unzipper's central-directory reader used here (unzipper 0.10, ExcelJS's own zip library). */
interface ZipPart {
  path: string;
  type: string;
  stream(): NodeJS.ReadableStream & AsyncIterable<Buffer>;
  buffer(): Promise<Buffer>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- unzipper ships no types; ExcelJS depends on the same version
const unzipper = require("unzipper") as {
  Open: { file(path: string): Promise<{ files: ZipPart[] }>; buffer(data: Buffer): Promise<{ files: ZipPart[] }> };
};

/** A package's parts, read from its central directory: their names (xl/…), and a part's text by name. */
export interface PackageParts {
  names: readonly string[];
  /** The part's text; undefined when the package has no such part. */
  text(name: string): Promise<string | undefined>;
}

export async function readParts(bytes: Buffer): Promise<PackageParts> {
  const files = (await unzipper.Open.buffer(bytes)).files.filter((f) => f.type === "File");
  return {
    names: files.map((f) => f.path),
    text: async (name) => {
      const found = files.find((f) => f.path === name);
      return found === undefined ? undefined : (await found.buffer()).toString("utf8");
    },
  };
}

/**
 * What ExcelJS's full-model loader never reads, so that a copy written from it leaves out: its load
 * (exceljs/lib/xlsx/xlsx.js, 4.4) reads the workbook, worksheets, shared strings, styles, themes,
 * media, drawings, comments, VML and tables by part name, and passes over every other part.
 * Named by what an analyst sees in Excel.
 */
const NOT_COPIED: readonly (readonly [RegExp, string])[] = [
  [/^xl\/(charts\/chart|chartsheets\/)/, "charts"],
  [/^xl\/pivotTables\//, "pivot tables"],
  [/^xl\/(slicers|slicerCaches)\//, "slicers"],
  [/^xl\/(timelines|timelineCaches)\//, "timelines"],
  [/^xl\/threadedComments\//, "threaded comments (their text stays, as notes)"],
  [/^xl\/externalLinks\//, "links to other workbooks"],
  [/^xl\/(connections\.xml$|queryTables\/)/, "data connections and queries"],
  [/^xl\/vbaProject\.bin$/, "macros"],
];

/** What an annotated copy of a package with these parts leaves out, as the report names it (none: empty). */
export function leftOutOfCopy(names: readonly string[]): string[] {
  return NOT_COPIED.filter(([part]) => names.some((n) => part.test(n))).map(([, label]) => label);
}

/** A filter column with criteria (ECMA-376 Part 1, 18.3.2.7: filters, customFilters, top10, dynamicFilter, colorFilter, iconFilter). */
const FILTER_CRITERIA = /<(?:\w+:)?filterColumn\b[^>]*>\s*<(?:\w+:)?(?:filters|customFilters|top10|dynamicFilter|colorFilter|iconFilter)\b/;

/**
 * Whether a sheet's or a Table's AutoFilter holds criteria. ExcelJS keeps a filter's range and the
 * rows it hid, but writes no criteria (its autoFilter model is the range only): in a copy, those
 * rows are hidden with no filter that says why.
 */
export async function hasFilterCriteria(parts: PackageParts): Promise<boolean> {
  for (const name of parts.names) {
    if (/^xl\/(worksheets\/sheet\d+|tables\/table\d+)\.xml$/.test(name) && FILTER_CRITERIA.test((await parts.text(name)) ?? ""))
      return true;
  }
  return false;
}

interface DrawingInternals {
  _processDrawingEntry(stream: unknown, model: { drawings: Record<string, unknown> }, name: string): Promise<void>;
}

/**
 * A drawing part ExcelJS's parser gives nothing for (it knows the `xdr:` prefix only, and openpyxl
 * writes the drawing's namespace as the default one) becomes a drawing without anchors: the sheet
 * that names it loaded with "Cannot read properties of undefined (reading 'anchors')" before, and
 * the copy was refused. Its charts or pictures are left out of the copy; `unread` is told the part.
 */
export function patchUnreadDrawings(xlsx: unknown, unread: (name: string) => void): void {
  const internals = xlsx as DrawingInternals;
  const parse = internals._processDrawingEntry.bind(internals);
  internals._processDrawingEntry = async (stream, model, name) => {
    await parse(stream, model, name);
    if (model.drawings[name] === undefined) {
      model.drawings[name] = { anchors: [] };
      unread(name);
    }
  };
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

/**
 * A workbook relationship's target relative to xl/ ("worksheets/sheet1.xml"), whether written so
 * (Excel, LibreOffice) or from the package root ("/xl/worksheets/sheet1.xml", openpyxl and pandas;
 * ECMA-376 Part 2 allows either).
 */
export const relativeTarget = (target: string): string => target.replace(/^\/?xl\//, "").replace(/^\//, "");

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
  const whole = async (part: ZipPart) => Readable.from([await part.buffer()]);
  internals.parse = async function* () {
    const parts = new Map<string, ZipPart>();
    for (const part of (await unzipper.Open.file(file)).files) if (part.type === "File") parts.set(part.path, part);
    const rels = parts.get("xl/_rels/workbook.xml.rels");
    if (rels !== undefined) await parsing(rels.path, async () => internals._parseRels(await whole(rels)));
    const workbook = parts.get("xl/workbook.xml");
    if (workbook !== undefined) {
      await parsing(workbook.path, async () => internals._parseWorkbook(await whole(workbook)));
      // A part cut short parses without an error but gives no workbook model.
      if (internals.model === undefined) throw new DamagedPart(workbook.path, new Error("its XML holds no complete <workbook> element"));
    }
    const strings = parts.get("xl/sharedStrings.xml");
    if (strings !== undefined) {
      try {
        yield* internals._parseSharedStrings(await whole(strings));
      } catch (e) {
        throw new DamagedPart(strings.path, e);
      }
    }
    const styles = parts.get("xl/styles.xml");
    if (styles !== undefined) await parsing(styles.path, async () => internals._parseStyles(await whole(styles)));
    // The sheets' part numbers in tab order, then any sheet part the workbook does not list, by
    // number. (Sheets' own relationship parts hold hyperlinks, which this reader's options ignore.)
    const numbers: string[] = [];
    for (const sheet of internals.model?.sheets ?? []) {
      const rel = internals.workbookRels?.find((r) => r.Id === sheet.rId);
      const n = rel === undefined ? undefined : SHEET_PART.exec(`xl/${relativeTarget(rel.Target)}`)?.[1];
      if (n !== undefined && parts.has(`xl/worksheets/sheet${n}.xml`) && !numbers.includes(n)) numbers.push(n);
    }
    const unlisted = [...parts.keys()].map((path) => SHEET_PART.exec(path)?.[1]).filter((n): n is string => n !== undefined);
    for (const n of unlisted.sort((a, b) => Number(a) - Number(b))) if (!numbers.includes(n)) numbers.push(n);
    for (const n of numbers) {
      for (const event of internals._parseWorksheet((parts.get(`xl/worksheets/sheet${n}.xml`) as ZipPart).stream(), n)) {
        const worksheet = (event as { value?: unknown }).value;
        if (typeof worksheet === "object" && worksheet !== null) partNumbers.set(worksheet, n);
        yield event;
      }
    }
  };
}

interface LoaderInternals {
  _processWorksheetEntry(stream: AsyncIterable<unknown>, ...rest: unknown[]): Promise<void>;
}

/**
 * The same row and cell numbering for ExcelJS's full-model loader (`workbook.xlsx.load`, used to
 * write an annotated copy): its worksheet parser fails the same way ("Invalid row number in
 * model") on rows without `r`. The values of the copy come from the streaming reader.
 */
export function patchFullModelNumbering(xlsx: unknown): void {
  const internals = xlsx as LoaderInternals;
  const process = internals._processWorksheetEntry.bind(internals);
  internals._processWorksheetEntry = (stream, ...rest) => {
    const numbering: Numbering = { row: 0 };
    return process(
      rewritten(
        stream,
        (xml) => numberRowsAndCells(xml, numbering),
        () => undefined,
      ),
      ...rest,
    );
  };
}

const MERGE_CELL = /<mergeCell\b[^>]*\bref="([A-Z]+\d+:[A-Z]+\d+)"/g;

/** A worksheet's XML in pieces of complete rows, each passed through `patch`; merged ranges noted on the way. */
async function* rewritten(
  chunks: AsyncIterable<unknown>,
  patch: (xml: string) => string,
  merged: (ref: string) => void,
): AsyncGenerator<string> {
  const decoder = new TextDecoder(); // streaming: a character split between chunks is kept whole
  let pending = "";
  for await (const chunk of chunks) {
    pending += typeof chunk === "string" ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    // Complete rows only: a cell is never cut in two.
    const end = pending.lastIndexOf("</row>");
    if (end < 0) continue;
    yield patch(pending.slice(0, end + 6));
    pending = pending.slice(end + 6);
  }
  pending += decoder.decode();
  // <mergeCells> follows <sheetData>: it is in what is left after the last row.
  for (const m of pending.matchAll(MERGE_CELL)) merged(m[1] as string);
  if (pending !== "") yield patch(pending);
}

interface RelsInternals {
  _processWorksheetRelsEntry(
    stream: unknown,
    model: { worksheetRels: Record<string, { Target: string; TargetMode?: string }[]> },
    sheetNo: string,
  ): Promise<void>;
}

/**
 * A worksheet's relationship targets written from the package root ("/xl/tables/table1.xml", as
 * openpyxl and pandas write them; ECMA-376 Part 2 allows either form) made relative to the sheet
 * ("../tables/table1.xml"): ExcelJS's full-model loader looks a sheet's tables, comments and
 * drawings up by the relative form only, and failed with "Cannot read properties of undefined
 * (reading 'name')" on a pandas-written workbook with an Excel Table.
 */
export function patchFullModelRelationships(xlsx: unknown): void {
  const internals = xlsx as RelsInternals;
  const process = internals._processWorksheetRelsEntry.bind(internals);
  internals._processWorksheetRelsEntry = async (stream, model, sheetNo) => {
    await process(stream, model, sheetNo);
    for (const rel of model.worksheetRels[sheetNo] ?? []) {
      if (rel.TargetMode !== "External" && rel.Target.startsWith("/xl/")) rel.Target = `../${rel.Target.slice(4)}`;
    }
  };
}

const COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const VML_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing";
/** A comment's text written as one bare <t> rather than in <r> runs (CT_Rst allows either). */
const BARE_TEXT = /<text>(\s*)(<t\b[^>]*\/>|<t\b[^>]*>[\s\S]*?<\/t>)/g;

/** One cell comment as ExcelJS's comments parser gives it. */
interface CommentModel {
  ref?: string;
  note?: { texts?: unknown[] };
}

interface CommentsInternals {
  _processCommentEntry(stream: AsyncIterable<unknown>, model: CommentsModel, name: string): Promise<void>;
  _processVmlDrawingEntry(stream: AsyncIterable<unknown>, model: CommentsModel, name: string): Promise<void>;
  _processWorksheetRelsEntry(stream: unknown, model: CommentsModel, sheetNo: string): Promise<void>;
  reconcile(model: CommentsModel, options: unknown): void;
}

interface CommentsModel {
  comments: Record<string, { comments?: CommentModel[] } | undefined>;
  vmlDrawings: Record<string, unknown>;
  worksheetRels: Record<string, { Type: string; Target: string; TargetMode?: string }[]>;
  sheets?: { name: string; rId: string }[];
  workbookRels?: { Id: string; Target: string }[];
}

/** A worksheet as far as its cells' notes go. */
interface NotedSheet {
  name: string;
  getCell(ref: string): { note?: unknown };
}

/**
 * Cell comments (Excel's "notes") kept in an annotated copy. ExcelJS's full-model loader (4.4)
 * loses them three ways, fixed here on one loader instance:
 * - a comment whose text is one bare `<t>` rather than `<r>` runs loses its text: openpyxl writes
 *   comments so, and Excel 365 writes the note it keeps beside each threaded comment for older
 *   versions so (the bare form is valid CT_Rst; the same parser's loss is documonster/documonster#173
 *   in ExcelJS's fork ExcelTS, where it was fixed). Such a
 *   `<t>` is wrapped in an `<r>` before ExcelJS parses the part (a textual rewrite, as above);
 * - comments and their VML shapes in parts named otherwise than xl/commentsN.xml and
 *   xl/drawings/vmlDrawingN.vml (openpyxl: xl/comments/comment1.xml,
 *   xl/drawings/commentsDrawing1.vml) are never parsed, and the load then failed on the sheet's
 *   relationship to them: the parts a sheet's relationships name are parsed when the relationships are;
 * - a comment on an empty cell (a note on the missing TAR) is dropped, since ExcelJS hangs
 *   comments on the cells it reads (exceljs/exceljs#1146): `restoreNotes` puts those back after
 *   the load.
 * `part` gives a package part's text by its name (xl/…), or undefined when the package lacks it.
 */
export function patchFullModelComments(
  xlsx: unknown,
  part: PackageParts["text"],
): { restoreNotes(worksheets: readonly NotedSheet[]): void } {
  const internals = xlsx as CommentsInternals;
  const parseComments = internals._processCommentEntry.bind(internals);
  const parseVml = internals._processVmlDrawingEntry.bind(internals);
  const parseRels = internals._processWorksheetRelsEntry.bind(internals);
  internals._processCommentEntry = async (stream, model, name) => {
    let xml = "";
    const decoder = new TextDecoder(); // streaming: a character split between chunks is kept whole
    for await (const chunk of stream) xml += typeof chunk === "string" ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    xml += decoder.decode();
    await parseComments(Readable.from([xml.replace(BARE_TEXT, "<text>$1<r>$2</r>")]), model, name);
  };
  internals._processWorksheetRelsEntry = async (stream, model, sheetNo) => {
    await parseRels(stream, model, sheetNo);
    for (const rel of model.worksheetRels[sheetNo] ?? []) {
      if (rel.TargetMode === "External" || !rel.Target.startsWith("../")) continue;
      const path = `xl/${rel.Target.slice(3)}`;
      if (rel.Type === COMMENTS_REL && !/^xl\/comments\d+\.xml$/.test(path) && model.comments[rel.Target] === undefined) {
        const xml = await part(path);
        if (xml !== undefined) await internals._processCommentEntry(Readable.from([xml]), model, rel.Target.slice(3, -4));
      }
      const vml = /^xl\/drawings\/([^/]+)\.vml$/.exec(path);
      if (
        rel.Type === VML_REL &&
        vml !== null &&
        !/^vmlDrawing\d+$/.test(vml[1] as string) &&
        model.vmlDrawings[rel.Target] === undefined
      ) {
        const xml = await part(path);
        if (xml !== undefined) await parseVml(Readable.from([xml]), model, vml[1] as string);
      }
    }
  };
  // Which sheet each parsed comment belongs to, noted before ExcelJS's reconcile, which drops the
  // workbook relationships it reads the sheets through; the comment objects are the ones it then
  // completes with their VML shapes.
  const bySheet = new Map<string, CommentModel[]>();
  const reconcile = internals.reconcile.bind(internals);
  internals.reconcile = (model, options) => {
    for (const sheet of model.sheets ?? []) {
      const target = model.workbookRels?.find((r) => r.Id === sheet.rId)?.Target;
      const sheetNo = target === undefined ? undefined : /sheet(\d+)\.xml$/.exec(target)?.[1];
      const rels = sheetNo === undefined ? [] : (model.worksheetRels[sheetNo] ?? []);
      bySheet.set(
        sheet.name,
        rels.filter((rel) => rel.Type === COMMENTS_REL).flatMap((rel) => model.comments[rel.Target]?.comments ?? []),
      );
    }
    reconcile(model, options);
  };
  return {
    restoreNotes(worksheets) {
      for (const ws of worksheets) {
        for (const comment of bySheet.get(ws.name) ?? []) {
          if (comment.ref === undefined || comment.note === undefined) continue;
          const cell = ws.getCell(comment.ref);
          if (cell.note === undefined) cell.note = comment.note;
        }
      }
    },
  };
}

interface TableModel {
  table?: { style?: unknown };
}

/**
 * Tables saved without a `<tableStyleInfo>` (LibreOffice writes them so; the element is optional)
 * get the "no style" that absence means, so that ExcelJS can write them back out: its writer
 * failed on them with "Cannot read properties of null (reading 'theme')".
 */
export function styleUnstyledTables(workbook: { worksheets: { tables?: Record<string, TableModel> }[] }): void {
  for (const ws of workbook.worksheets) {
    for (const t of Object.values(ws.tables ?? {})) {
      if (t.table !== undefined && (t.table.style === undefined || t.table.style === null)) {
        t.table.style = { theme: null, showFirstColumn: false, showLastColumn: false, showRowStripes: false, showColumnStripes: false };
      }
    }
  }
}

interface TableEntryInternals {
  _processTableEntry(
    stream: AsyncIterable<unknown>,
    model: { tables: Record<string, { columns?: { filterButton?: boolean }[] }> },
    name: string,
  ): Promise<void>;
}

const FILTER_COLUMN = /<filterColumn\b([^>]*)>/g;
const COL_ID = /\bcolId="(\d+)"/;
const HIDDEN_BUTTON = /\bhiddenButton="(1|true)"/;

/** The columns (0-based) of a table part whose filter button is hidden (`<filterColumn colId hiddenButton="1">`). */
export function hiddenFilterButtons(xml: string): Set<number> {
  const hidden = new Set<number>();
  for (const m of xml.matchAll(FILTER_COLUMN)) {
    const attributes = m[1] ?? "";
    const col = COL_ID.exec(attributes);
    if (col !== null && HIDDEN_BUTTON.test(attributes)) hidden.add(Number(col[1]));
  }
  return hidden;
}

/**
 * A Table's filter buttons as the workbook has them. ExcelJS reads a column's button as shown only
 * when its `<filterColumn>` says `hiddenButton="0"`, and writes every other column's as hidden:
 * the copy of a Table made in Excel (`<autoFilter ref="A1:I5"/>`, no filterColumn: every button
 * shown: ECMA-376 Part 1 writes a filterColumn only for a column with criteria, and its
 * hiddenButton defaults to false) lost all its filter buttons.
 * The buttons are read again from the part: shown when the table has an autoFilter, except where
 * a filterColumn hides one. (An active filter's criteria are not kept by ExcelJS; the rows stay.)
 */
export function patchTableFilterButtons(xlsx: unknown): void {
  const internals = xlsx as TableEntryInternals;
  const process = internals._processTableEntry.bind(internals);
  internals._processTableEntry = async (stream, model, name) => {
    const decoder = new TextDecoder();
    let xml = "";
    for await (const chunk of stream) xml += typeof chunk === "string" ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    xml += decoder.decode();
    await process(
      (async function* () {
        yield xml;
      })(),
      model,
      name,
    );
    const hidden = hiddenFilterButtons(xml);
    const filtered = /<autoFilter\b/.test(xml);
    (model.tables[`../tables/${name}.xml`]?.columns ?? []).forEach((column, k) => {
      column.filterButton = filtered && !hidden.has(k);
    });
  };
}
