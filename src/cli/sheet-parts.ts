/**
 * Worksheet and Table parts as ExcelJS 4.4 reads them. A package may name its parts as it likes: the
 * workbook's and the sheets' relationships say which part holds what (ECMA-376 Part 2, 9.1; Part 1,
 * 12.3.24). ExcelJS finds worksheets and Tables by their part names instead, so the copy's package
 * is given to it with such parts renamed (rewritePackage; which worksheets: workbook-location.ts).
 */
import { posix } from "node:path";
import JSZip from "jszip";
import { relsPartOf, sourceOfRels, targetPart } from "./workbook-location";

/**
 * A workbook relationship's target relative to xl/ ("worksheets/sheet1.xml"), whether written so
 * (Excel, LibreOffice) or from the package root ("/xl/worksheets/sheet1.xml", openpyxl and pandas;
 * ECMA-376 Part 2 allows either).
 */
export const relativeTarget = (target: string): string => target.replace(/^\/?xl\//, "").replace(/^\//, "");

/**
 * The workbook's listed sheets that are worksheets: a chart sheet (or dialog or macro sheet) holds
 * no cells, and one first in the tabs made the first sheet "has no worksheets" (Excel's ChartSheet.xlsx
 * in the Open XML SDK's test data). A sheet whose relationship type is not known is kept.
 */
export const worksheetsOf = <S extends { rId?: string }>(book: {
  model?: { sheets?: S[] };
  workbookRels?: { Id: string; Type?: string }[];
}): S[] =>
  (book.model?.sheets ?? []).filter((s) => {
    const type = book.workbookRels?.find((r) => r.Id === s.rId)?.Type;
    return type === undefined || WORKSHEET.test(type);
  });

/** The relationship type of a worksheet, transitional or Strict (purl.oclc.org) namespace. */
const WORKSHEET = /\/relationships\/worksheet$/;

/**
 * A single-cell XML map's part (ECMA-376 Part 1, 12.3.23, xl/tables/tableSingleCells<n>.xml), which
 * is no Table: given a Table's name, the copy's loader read it as one and failed ("Cannot read
 * properties of undefined (reading 'columns')": Apache POI's 55923.xlsx and others).
 */
const SINGLE_CELLS = /^xl\/tables\/tableSingleCells\d*\.xml$/i;

/**
 * Table parts named otherwise than xl/tables/table<n>.xml (the Open XML SDK's table.xml:
 * PhpSpreadsheet's namespaces.xlsx), each with the first free table<n>.xml name: ExcelJS's
 * full-model loader reads Tables by that name only, and a copy of a sheet whose relationships name
 * another one failed ("Cannot read properties of undefined (reading 'name')").
 */
export function tablePartRenames(partNames: Iterable<string>): Map<string, string> {
  const names = [...partNames];
  const taken = new Set(names);
  const renames = new Map<string, string>();
  let n = 1;
  for (const path of names) {
    if (!/^xl\/tables\/[^/]+\.xml$/.test(path) || /^xl\/tables\/table\d+\.xml$/.test(path) || SINGLE_CELLS.test(path)) continue;
    while (taken.has(`xl/tables/table${n}.xml`)) n++;
    const to = `xl/tables/table${n}.xml`;
    taken.add(to);
    renames.set(path, to);
  }
  return renames;
}

const TARGET = /\bTarget=(["'])([^"']*)\1/g;
const PART_NAME = /\bPartName=(["'])([^"']*)\1/g;

/**
 * The package with each part of `renames` (and its own relationships part) under its new name, every
 * relationship and the content types pointing there, and, when `rewrite` is given,
 * each XML part's text (relationships parts too) passed through it (by name: xml-shapes.ts); nothing
 * else changed. It is what ExcelJS's
 * full-model loader is given for a copy: that loader finds worksheets by their part names and
 * parses each part as written, and offers no hook to do otherwise. Stored, not compressed: it is
 * read once, in memory. The zip is read and written by JSZip, the library that loader itself uses.
 */
export async function rewritePackage(
  bytes: Buffer,
  renames: ReadonlyMap<string, string>,
  rewrite?: (name: string, xml: string) => string,
  /** Entries stored under another name than their part's (part-names.ts), moved there first. */
  entryNames: ReadonlyMap<string, string> = new Map(),
): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const move = async (from: string, to: string): Promise<boolean> => {
    const part = zip.file(from);
    if (part === null) return false;
    zip.file(to, await part.async("nodebuffer"));
    zip.remove(from);
    return true;
  };
  for (const [from, to] of entryNames) await move(from, to);
  if (rewrite !== undefined) {
    for (const part of Object.values(zip.files)) {
      if (part.dir || !/\.(xml|rels)$/i.test(part.name)) continue;
      const xml = await part.async("string");
      const rewritten = rewrite(part.name, xml);
      if (rewritten !== xml) zip.file(part.name, rewritten);
    }
  }
  const edit = async (name: string, pattern: RegExp, rename: (value: string) => string | undefined): Promise<void> => {
    const part = zip.file(name);
    if (part === null) return;
    const xml = await part.async("string");
    zip.file(
      name,
      xml.replace(pattern, (whole, quote: string, value: string) => {
        const renamed = rename(value);
        return renamed === undefined ? whole : `${whole.slice(0, whole.indexOf("="))}=${quote}${renamed}${quote}`;
      }),
    );
  };
  // Each renamed part's relationships go with it (a worksheet's Tables and comments, a workbook's sheets).
  const movedRels = new Map<string, string>(); // relationships part → the one it was before
  for (const [from, to] of renames) {
    await move(from, to);
    if (await move(relsPartOf(from), relsPartOf(to))) movedRels.set(relsPartOf(to), relsPartOf(from));
  }
  // Every relationship that points at a renamed part, or from a part that moved, written as it was:
  // from the package root, or relative to the source part's folder (its new one).
  for (const name of Object.keys(zip.files).filter((n) => n.endsWith(".rels"))) {
    const was = movedRels.get(name) ?? name;
    await edit(name, TARGET, (target) => {
      const part = targetPart(sourceOfRels(was), target);
      if (part === undefined) return undefined;
      const to = renames.get(part);
      if (to === undefined && was === name) return undefined;
      const at = to ?? part;
      return target.startsWith("/") ? `/${at}` : posix.relative(posix.dirname(sourceOfRels(name)), at);
    });
  }
  await edit("[Content_Types].xml", PART_NAME, (name) => {
    const to = renames.get(name.replace(/^\//, ""));
    return to === undefined ? undefined : `/${to}`;
  });
  return zip.generateAsync({ type: "nodebuffer", compression: "STORE" });
}
