/**
 * The package given to ExcelJS's full-model loader, which loads a workbook for an annotated copy
 * (copy-model.ts), in a form it reads whole: the same bytes for nearly every workbook.
 */
import { Readable } from "node:stream";
import { partName, partNameRenames } from "./part-names";
import { rewritePackage, tablePartRenames } from "./sheet-parts";
import { asExcelWrites } from "./xml-shapes";
import { locateWorkbook, type Relationship } from "./workbook-location";
import type { PackageParts } from "./zip-parts";

/** The parts the full-model loader parses whole: every XML part (relationships too) but the worksheets, which go through `rewritten` (xlsx-patch.ts). */
const wholePart = (name: string): boolean => /\.(xml|rels)$/i.test(name) && !/^xl\/worksheets\/[^/]+\.xml$/i.test(name);

/**
 * The package as ExcelJS's full-model loader can read it: unchanged, unless a worksheet part is not
 * named sheet<n>.xml (Apple Numbers' sheet.xml, see sheet-parts.ts), which the loader would skip,
 * and the copy would lack that sheet, or a Table part not named table<n>.xml (the Open XML SDK's), or a part it parses whole (the workbook, shared strings,
 * styles, Tables, comments, …) is in a shape it misreads (a prefix on SpreadsheetML's element
 * names, as ClosedXML and the Open XML SDK write them, prefixes.ts; indentation, CDATA, phonetic
 * runs, xml-shapes.ts).
 */
export async function readablePackage(xlsx: unknown, bytes: Buffer, parts: PackageParts): Promise<Buffer> {
  const parse = async (name: string) => {
    const text = await parts.text(name);
    return text === undefined
      ? undefined
      : (xlsx as { parseRels(stream: Readable): Promise<Relationship[]> }).parseRels(Readable.from([asExcelWrites(text)]));
  };
  // Parts ExcelJS would not find by their names (Apple Numbers' worksheet part sheet.xml, a
  // workbook outside xl/) are renamed (workbook-location.ts).
  const location = await locateWorkbook(parts.names, parse);
  // Entries stored with backslashes ("xl\\workbook.xml") are moved to their names first; parts in
  // another case than Excel's ("xl/sharedstrings.xml") are renamed like the parts below.
  const stored = partNameRenames(parts.entries);
  const renames = new Map([...stored.parts, ...location.renames, ...tablePartRenames(parts.names)]);
  const reshape = new Set<string>();
  for (const name of parts.names.filter(wholePart)) {
    const text = await parts.text(name);
    if (text !== undefined && asExcelWrites(text) !== text) reshape.add(name);
  }
  if (stored.entries.size === 0 && renames.size === 0 && reshape.size === 0) return bytes;
  // rewritePackage rewrites parts under their stored names ("xl/Workbook.xml"): looked up by part name.
  return rewritePackage(bytes, renames, (name, xml) => (reshape.has(partName(name)) ? asExcelWrites(xml) : xml), stored.entries);
}
