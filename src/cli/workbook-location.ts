/**
 * Where a package keeps its workbook. The package's relationships (_rels/.rels) name the workbook
 * part, the target of their officeDocument relationship, and the workbook's relationships name its
 * worksheets, shared strings and styles, wherever they are (ECMA-376 Part 2, 9.3; Part 1, 12.3).
 * Excel, LibreOffice, openpyxl and Google Sheets put them in xl/ under fixed names, and ExcelJS 4.4
 * reads them only there: both its loaders look parts up by name. The minimal SpreadsheetML package
 * ECMA-376 Part 1 describes keeps them at the root of the package (workbook.xml, sheet1.xml,
 * styles.xml), and so do the booking exports of the Los Angeles Police Department's system
 * (readxl's test file los-angeles-arrests-xlsx.xlsx, tidyverse/readxl#435): such a file read as
 * "has no workbook part (xl/workbook.xml)" (openpyxl 3.0.9 cannot read it either). Its parts are
 * read under the names ExcelJS looks for, their content unchanged.
 */
import { posix } from "node:path";

/** A relationship as ExcelJS parses one (RelationshipsXform). */
export interface Relationship {
  Id?: string;
  Type?: string;
  Target: string;
  TargetMode?: string;
}

/** Where Excel keeps the workbook part, and where ExcelJS looks for it. */
export const EXCEL_WORKBOOK = "xl/workbook.xml";

/** A target with a scheme ("https:", "mailto:", "file:"): no part of the package. */
const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The part a relationship of part `source` ("" for the package's own relationships) points at:
 * its target taken from the source part's folder, or from the package root when it starts with "/"
 * (ECMA-376 Part 2, 9.3.2, relative references resolved as RFC 3986 says); undefined for an
 * external target (a web address).
 */
export function targetPart(source: string, target: string): string | undefined {
  if (EXTERNAL.test(target)) return undefined;
  const path = target.startsWith("/") ? target.slice(1) : posix.join(posix.dirname(source), target);
  return posix.normalize(path);
}

/** A part's relationships part: _rels/<name>.rels in its folder (ECMA-376 Part 2, 9.3.1). */
export function relsPartOf(part: string): string {
  const folder = posix.dirname(part);
  return `${folder === "." ? "" : `${folder}/`}_rels/${posix.basename(part)}.rels`;
}

/** The part whose relationships a relationships part holds ("" for the package's own, _rels/.rels). */
export const sourceOfRels = (rels: string): string => rels.replace(/(^|\/)_rels\/([^/]*)\.rels$/, "$1$2");

/** The workbook part the package's relationships name (their officeDocument relationship, transitional or Strict). */
export function workbookPartOf(packageRels: readonly Relationship[]): string | undefined {
  const rel = packageRels.find((r) => r.Type !== undefined && /\/relationships\/officeDocument$/.test(r.Type));
  return rel === undefined ? undefined : targetPart("", rel.Target);
}

/** Where ExcelJS reads the parts a workbook's relationships name, by the relationship type's last word. */
const EXCELJS_PLACES: Readonly<Record<string, string>> = {
  sharedStrings: "xl/sharedStrings.xml",
  styles: "xl/styles.xml",
  theme: "xl/theme/theme1.xml",
};
const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/;

/** Parts of the package itself, not of the workbook: they stay where they are. */
const packageLevel = (name: string): boolean =>
  name === "[Content_Types].xml" || name.startsWith("docProps/") || /(^|\/)_rels\//.test(name);

/**
 * The renames that put a package's parts where ExcelJS reads them (both its loaders look parts up by
 * name), each part's content unchanged. Empty for nearly every workbook (Excel, LibreOffice,
 * openpyxl, Google Sheets name their parts so), or when the workbook part is not in the package:
 * - a worksheet the workbook's relationships name otherwise than xl/worksheets/sheet<n>.xml gets the
 *   first free such name, in relationship order: Apple Numbers' "Export To > Excel" names the
 *   first sheet's part xl/worksheets/sheet.xml and the next ones sheet1.xml, … (roo-rb/roo's
 *   test/files/numbers-export.xlsx), so a one-sheet export read as "has no worksheets", and in a
 *   longer one the first sheet, where the claims usually are, was not found;
 * - the shared strings, styles and theme, under their names in xl/;
 * - a workbook part elsewhere than xl/workbook.xml is moved there, and the other parts of its folder
 *   (comments, drawings, Tables, …: those ExcelJS also finds by name) to xl/ as laid out there
 *   (SheetJS's test file wtf_path.xlsx keeps its workbook in wtf/; the minimal package at the root).
 * Relationships parts are not renamed here: each goes with its part (sheet-parts.ts
 * rewritePackage, readRenamed).
 */
export function workbookRenames(
  workbook: string | undefined,
  rels: readonly Relationship[],
  partNames: Iterable<string>,
): Map<string, string> {
  const renames = new Map<string, string>();
  const names = [...partNames];
  const taken = new Set(names);
  if (workbook === undefined || !taken.has(workbook)) return renames;
  const rename = (from: string, to: string): void => {
    if (from === to || !taken.has(from) || renames.has(from) || taken.has(to)) return;
    taken.add(to);
    renames.set(from, to);
  };
  rename(workbook, EXCEL_WORKBOOK); // nothing for nearly every workbook: it is there
  let n = 1;
  for (const rel of rels) {
    const part = rel.TargetMode === "External" ? undefined : targetPart(workbook, rel.Target);
    const type = rel.Type?.slice(rel.Type.lastIndexOf("/") + 1);
    if (part === undefined || type === undefined) continue;
    if (type === "worksheet") {
      if (WORKSHEET.test(part)) continue;
      while (taken.has(`xl/worksheets/sheet${n}.xml`)) n++;
      rename(part, `xl/worksheets/sheet${n}.xml`);
    } else {
      const place = EXCELJS_PLACES[type];
      if (place !== undefined) rename(part, place);
    }
  }
  const folder = posix.dirname(workbook);
  if (folder === "xl") return renames;
  const prefix = folder === "." ? "" : `${folder}/`;
  for (const name of names) {
    if (name.startsWith(prefix) && !name.startsWith("xl/") && !packageLevel(name)) rename(name, `xl/${name.slice(prefix.length)}`);
  }
  return renames;
}

/** A package's workbook part, and the renames that put it and its parts where ExcelJS reads them (none for nearly every package). */
export interface WorkbookLocation {
  /** The workbook part as stored (xl/workbook.xml for nearly every package). */
  workbook: string;
  /** The workbook's relationships, as parsed (none when it has no relationships part). */
  rels: readonly Relationship[];
  renames: Map<string, string>;
  /** A target of the workbook's relationships as written, as ExcelJS takes it once the parts are renamed: relative to xl/. */
  target(target: string): string;
}

/**
 * Finds the workbook part through the package's relationships, parses the workbook's, and gives the
 * renames of workbookRenames. `rels` parses a relationships part (undefined: no such part). A package without relationships, or
 * whose officeDocument part is missing, is taken to have its workbook at xl/workbook.xml.
 */
export async function locateWorkbook(
  partNames: Iterable<string>,
  rels: (part: string) => Promise<readonly Relationship[] | undefined>,
): Promise<WorkbookLocation> {
  const names = [...partNames];
  const named = workbookPartOf((await rels("_rels/.rels")) ?? []);
  const workbook = named !== undefined && names.includes(named) ? named : EXCEL_WORKBOOK;
  const workbookRels = (await rels(relsPartOf(workbook))) ?? [];
  const renames = workbookRenames(workbook, workbookRels, names);
  return {
    workbook,
    rels: workbookRels,
    renames,
    target(target) {
      const part = targetPart(workbook, target);
      if (part === undefined) return target;
      const to = renames.get(part) ?? part;
      return to.startsWith("xl/") ? to.slice(3) : `/${to}`;
    },
  };
}

/**
 * Adds each renamed part of a package read by name (`parts`), and its relationships part, under its
 * new name too; `storedNames` gets each new name's stored name (for messages that name the part).
 */
export function readRenamed<T>(parts: Map<string, T>, renames: ReadonlyMap<string, string>, storedNames: Map<string, string>): void {
  for (const [from, to] of renames) {
    for (const [stored, read] of [
      [from, to],
      [relsPartOf(from), relsPartOf(to)],
    ] as const) {
      const part = parts.get(stored);
      if (part === undefined) continue;
      parts.set(read, part);
      storedNames.set(read, stored);
    }
  }
}
