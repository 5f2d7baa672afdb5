/**
 * The full ExcelJS model of a workbook, loaded to write an annotated .xlsx copy (the copy's values
 * come from the streaming reader, read.ts). ExcelJS's full-model loader (4.4) is patched on each
 * instance where real workbooks made it fail or lose what the user wrote (rows without `r`,
 * relationship targets from the package root, comments, drawings it cannot parse, Tables), its
 * parts that wrote back something else than they read are patched once (copy-xforms.ts), and what
 * it never keeps is named for the report (`leftOut`).
 */
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { keepWhatExcelJsRewrites } from "./copy-xforms";
import { dropInlinePhonetics } from "./inline-strings";
import { keepSerialsPastLastDay } from "./excel-dates";
import { readablePackage } from "./readable-package";
import { forTwiceDecoding } from "./twice-decoded";
import { numberRowsAndCells, recalculatesOnLoad, rewritten, type Numbering } from "./xlsx-patch";
import { rewriteIsoDateCells, usesDate1904 } from "./iso-dates";
import { readParts, textOf, type PackageParts } from "./zip-parts";

/** A workbook's model for a copy, and what a copy written from it leaves out (empty: nothing). */
export interface CopyModel {
  workbook: ExcelJS.Workbook;
  leftOut: string[];
}

/** How the note on a copy names a filter's criteria, which it leaves out. */
export const FILTER_CRITERIA_LEFT_OUT =
  "filter criteria (the rows a filter hid stay hidden: select the sheet, then Home > Format > Hide & Unhide > Unhide Rows)";

/** Loads the workbook in these bytes as a full model with every patch below; throws what ExcelJS throws. */
export async function loadCopyModel(bytes: Buffer): Promise<CopyModel> {
  keepWhatExcelJsRewrites();
  keepSerialsPastLastDay();
  const workbook = new ExcelJS.Workbook();
  // Filter criteria, which ExcelJS drops, are seen in the XML the patches read anyway: a sheet's
  // autoFilter follows its rows, a Table's is in its part.
  // So are worksheet extensions it does not read, in a sheet's extLst after its rows.
  let filtered = false;
  const criteria = (xml: string): void => {
    if (FILTER_CRITERIA.test(xml)) filtered = true;
  };
  const extensions = new Set<string>();
  const sheetTail = (xml: string): void => {
    criteria(xml);
    for (const [element, label] of EXTENSIONS_NOT_COPIED) if (element.test(xml)) extensions.add(label);
  };
  const sheets: SheetReading = { date1904: false, phonetics: false }; // the date system is known before the sheets load
  patchFullModelNumbering(workbook.xlsx, sheetTail, sheets);
  patchFullModelRelationships(workbook.xlsx);
  patchTableFilterButtons(workbook.xlsx, criteria);
  const parts = await readParts(bytes);
  const readable = await readablePackage(workbook.xlsx, bytes, parts);
  // The package as loaded, whose parts may have been moved (workbook-location.ts): comments are looked up in it by name.
  const loaded = readable === bytes ? parts : await readParts(readable);
  const comments = patchFullModelComments(workbook.xlsx, loaded.text);
  const unreadDrawings: string[] = [];
  patchUnreadDrawings(workbook.xlsx, (name) => unreadDrawings.push(name));
  const workbookXml = (await loaded.text("xl/workbook.xml")) ?? "";
  sheets.date1904 = usesDate1904(workbookXml);
  await workbook.xlsx.load(readable as unknown as ArrayBuffer);
  // <calcPr fullCalcOnLoad>, which ExcelJS does not read: saved placeholders (XlsxWriter) stay placeholders.
  if (recalculatesOnLoad(workbookXml)) workbook.calcProperties.fullCalcOnLoad = true;
  styleUnstyledTables(workbook as unknown as Parameters<typeof styleUnstyledTables>[0]);
  comments.restoreNotes(workbook.worksheets as unknown as Parameters<typeof comments.restoreNotes>[0]);
  const leftOut = leftOutOfCopy(loaded.names);
  if (unreadDrawings.length > 0 && !leftOut.includes("charts")) leftOut.push("pictures and shapes (in a drawing ExcelJS cannot read)");
  if (filtered) leftOut.push(FILTER_CRITERIA_LEFT_OUT);
  if (sheets.phonetics) leftOut.push("phonetic guides (furigana) of text typed in the cells");
  leftOut.push(...extensions);
  return { workbook, leftOut };
}

/**
 * What ExcelJS 4.4 does not keep of a sheet's XML after its rows, which a copy therefore leaves out.
 * Worksheet extensions (<extLst>): it reads the x14 conditional formats only, and Excel 2010 and
 * later keep there a data validation whose list or formula refers to another sheet (a drop-down of
 * codes kept on a Lists sheet), and sparklines ([MS-XLSX] 2.3.8, the x14 extensions). And a
 * hyperlink to a place in the workbook (`location`, no relationship: "Place in This Document"),
 * which its loader keeps only when it has a relationship id, that is a link to a web page or file.
 */
const EXTENSIONS_NOT_COPIED: readonly (readonly [RegExp, string])[] = [
  [/<x14:dataValidations\b/, "data validations kept in Excel's extension (those that refer to another sheet)"],
  [/<x14:sparklineGroups\b/, "sparklines"],
  [/<hyperlink\b(?![^>]*\br:id=)[^>]*\blocation=/, "links to places in the workbook (hyperlinks to a sheet or cell)"],
];

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
  [/^xl\/xmlMaps\.xml$/, "XML maps (the Developer tab's XML Source)"],
  [/^xl\/vbaProject\.bin$/, "macros"],
  [/^xl\/ctrlProps\//, "form controls (check boxes, option buttons, lists)"],
  [/^xl\/activeX\//, "ActiveX controls"],
  [/^xl\/embeddings\//, "embedded objects (documents or files inside the workbook)"],
];

/** What an annotated copy of a package with these parts leaves out, as the report names it (none: empty). */
export function leftOutOfCopy(names: readonly string[]): string[] {
  return NOT_COPIED.filter(([part]) => names.some((n) => part.test(n))).map(([, label]) => label);
}

/** A filter column with criteria (ECMA-376 Part 1, 18.3.2.7: filters, customFilters, top10, dynamicFilter, colorFilter, iconFilter). */
const FILTER_CRITERIA = /<(?:\w+:)?filterColumn\b[^>]*>\s*<(?:\w+:)?(?:filters|customFilters|top10|dynamicFilter|colorFilter|iconFilter)\b/;

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

interface LoaderInternals {
  _processWorksheetEntry(stream: AsyncIterable<unknown>, ...rest: unknown[]): Promise<void>;
}

/**
 * The same row and cell numbering for ExcelJS's full-model loader (`workbook.xlsx.load`, used to
 * write an annotated copy): its worksheet parser fails the same way ("Invalid row number in
 * model") on rows without `r`. The values of the copy come from the streaming reader. `tail` is
 * given each sheet's XML after its last row. Inline strings lose their phonetic runs, which made the
 * loader lose the whole cell (inline-strings.ts); `sheets.phonetics` tells whether one did.
 */
interface SheetReading {
  date1904: boolean;
  phonetics: boolean;
}
function patchFullModelNumbering(xlsx: unknown, tail: (xml: string) => void, sheets: SheetReading): void {
  const internals = xlsx as LoaderInternals;
  const process = internals._processWorksheetEntry.bind(internals);
  internals._processWorksheetEntry = (stream, ...rest) => {
    const numbering: Numbering = { row: 0 };
    // ISO date cells as the serials Excel writes, as the values are read (iso-dates.ts): the loader parsed
    // "2026-03-02T00:00:00" as the number 2026, which the copy held on every sheet but the claims'.
    const dropped = () => (sheets.phonetics = true);
    const patch = (xml: string) =>
      forTwiceDecoding(dropInlinePhonetics(rewriteIsoDateCells(numberRowsAndCells(xml, numbering), sheets.date1904), dropped), false);
    return process(rewritten(stream, patch, tail), ...rest);
  };
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

/** A note's box, as ExcelJS's loader takes it from the comment's VML shape. */
interface NoteModel {
  margins?: { insetmode?: string; inset?: (number | null)[] } | null;
  protection?: { locked?: string; lockText?: string } | null;
  editAs?: string | null;
  anchor?: unknown;
}

/**
 * A note whose box the loader found no value for (ClosedXML's VML shapes: margins [null],
 * protection, anchor and editAs null) gets ExcelJS's defaults for a new note (Note.DEFAULT_CONFIGS),
 * and no anchor, which the writer then places beside the cell: writing the copy failed on it
 * ("Cannot read properties of null (reading 'locked')").
 */
function withNoteDefaults(note: NoteModel): void {
  if (note.protection === null) note.protection = { locked: "True", lockText: "True" };
  if (note.editAs === null) note.editAs = "absolute";
  if (note.margins === null || note.margins?.inset?.some((n) => typeof n !== "number") === true)
    note.margins = { insetmode: "auto", inset: [0.13, 0.13, 0.25, 0.25] };
  if (note.anchor === null) delete note.anchor;
}

/** A worksheet as far as its cells' notes go. */
interface NotedSheet {
  name: string;
  getCell(ref: string): { note?: unknown };
}

/**
 * Cell comments (Excel's "notes") kept in an annotated copy. ExcelJS's full-model loader (4.4)
 * loses them three ways, fixed here on one loader instance:
 * - (and a note whose box it did not read, ClosedXML's, breaks the copy's writer: withNoteDefaults)
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
    const xml = await textOf(stream);
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
          if (typeof cell.note === "object" && cell.note !== null) withNoteDefaults(cell.note as NoteModel);
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
 * `read` is given the table part's XML.
 */
export function patchTableFilterButtons(xlsx: unknown, read: (xml: string) => void = () => undefined): void {
  const internals = xlsx as TableEntryInternals;
  const process = internals._processTableEntry.bind(internals);
  internals._processTableEntry = async (stream, model, name) => {
    const xml = await textOf(stream);
    read(xml);
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
