/**
 * Zip entry names as package part names. The zip format says paths use "/" (APPNOTE.TXT 4.4.17),
 * and a package's part names compare without regard to ASCII case (ECMA-376 Part 2, 9.1.1.1.2).
 * Some Windows writers break the first and lean on the second: .NET Framework's
 * System.IO.Compression stored `xl\workbook.xml` (EPPlus#101, Open-XML-SDK#1128, dotnet/runtime#41914),
 * and a tool behind Apache POI's test file 49609.xlsx also wrote `[content_types].xml` and
 * `xl\sharedstrings.xml`. Excel opens such a workbook ("MS Excel reads the file without problems",
 * ExcelDataReader#385; "Office … handles and normalizes the slashes", Open-XML-SDK#1128); ExcelJS
 * 4.4 looks its parts up by exact name, so it read as "has no workbook part". Each entry is read
 * under its name with "/" and, for the parts ExcelJS looks up by name, the case Excel writes.
 */

/**
 * The parts ExcelJS looks up by name rather than through a relationship, as Excel names them (`#`
 * stands for a part's number). Parts found through relationships (comments, drawings, Tables) keep
 * the case they are stored in, which their relationships name (ClosedXML writes `vmldrawing2.vml`).
 */
const CANONICAL = [
  "[Content_Types].xml",
  "_rels/.rels",
  "docProps/app.xml",
  "docProps/core.xml",
  "docProps/custom.xml",
  "xl/workbook.xml",
  "xl/_rels/workbook.xml.rels",
  "xl/sharedStrings.xml",
  "xl/styles.xml",
  "xl/theme/theme#.xml",
  "xl/worksheets/sheet#.xml",
  "xl/worksheets/_rels/sheet#.xml.rels",
].map((name) => ({
  name,
  pattern: new RegExp(`^${name.replace(/[.[\]]/g, "\\$&").replace("#", "(\\d+)")}$`, "i"),
}));

/** A zip entry's name as the part name it stands for (unchanged for nearly every entry). */
export function partName(entry: string): string {
  const name = entry.includes("\\") ? entry.replace(/\\/g, "/") : entry;
  for (const { name: canonical, pattern } of CANONICAL) {
    const m = pattern.exec(name);
    if (m !== null) return canonical.replace("#", m[1] ?? "");
  }
  return name;
}

/**
 * What a copy's package needs renamed so that ExcelJS finds its parts: `entries`, each entry stored
 * with backslashes to its name with "/" (relationships already name it so); `parts`, each part
 * whose case differs from Excel's to Excel's (sheet-parts.ts rewritePackage points the
 * relationships and content types there too).
 */
export function partNameRenames(entries: Iterable<string>): { entries: Map<string, string>; parts: Map<string, string> } {
  const renames = { entries: new Map<string, string>(), parts: new Map<string, string>() };
  for (const entry of entries) {
    const slashed = entry.replace(/\\/g, "/");
    if (slashed !== entry) renames.entries.set(entry, slashed);
    const name = partName(slashed);
    if (name !== slashed) renames.parts.set(slashed, name);
  }
  return renames;
}

/**
 * The first zip entry whose part name is another entry's, compared as part names are (ASCII case
 * ignored, ECMA-376 Part 2, 9.1.1.1.2), with the entry it repeats; undefined for a valid package. A
 * package may not hold two such parts, and a reader that takes either one may read another sheet
 * than Excel shows (Apache POI's test files duplicate-filename.xlsx and
 * duplicate-filename-case-insensitive.xlsx hold xl/worksheets/sheet1.xml twice, or also as Sheet1.xml).
 */
export function repeatedPart(entries: Iterable<string>): { entry: string; repeats: string } | undefined {
  const seen = new Map<string, string>();
  for (const entry of entries) {
    const key = entry.replace(/\\/g, "/").toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) return { entry, repeats: first };
    seen.set(key, entry);
  }
  return undefined;
}
