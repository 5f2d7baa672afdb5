/**
 * SpreadsheetML written with a namespace prefix. XML lets a writer bind the SpreadsheetML namespace
 * to any prefix, and the Open XML SDK (.NET, behind many exports of business software) writes it so:
 * `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
 * <x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c>…`. ExcelJS 4.4 matches element names as
 * written, without namespaces, so it found no workbook element and no cells in such a package (roo's
 * test/files/name_with_leading_slash.xlsx, written by the SDK, read as "its XML holds no complete
 * <workbook> element"). The prefix a part's root element gives SpreadsheetML's main namespace is
 * removed from its element names: a textual rewrite, linear, of `<x:` and `</x:` only, since text
 * and attribute values cannot hold an unescaped `<`.
 */

/**
 * SpreadsheetML's main namespace, transitional and Strict (ISO/IEC 29500 Strict), the extended
 * properties' (docProps/app.xml, which the SDK writes as <ap:Properties>, and the full-model loader
 * then failed on: "Cannot read properties of undefined (reading 'company')").
 */
const MAIN = [
  "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  "http://purl.oclc.org/ooxml/spreadsheetml/main",
  "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
  "http://purl.oclc.org/ooxml/officeDocument/extendedProperties",
  // The package's relationships (`<ns3:Relationships xmlns:ns3="…">`: PhpSpreadsheet's
  // issue.3720.xlsx and namespacenonstd.xlsx), which the loader then found none of.
  "http://schemas.openxmlformats.org/package/2006/relationships",
];

/** The root element's start tag: the first tag that is not a declaration, instruction or comment. */
const ROOT = /<(?![?!])(?:([A-Za-z_][\w.-]*):)?[A-Za-z_][\w.-]*([^>]*)>/;

/**
 * The prefix a part's root element is written with when that prefix is bound, on the root, to
 * SpreadsheetML's main namespace; "" for a root without one (nearly every part: Excel, LibreOffice
 * and openpyxl write the namespace as the default one); undefined while `head` does not hold the
 * whole root start tag yet.
 */
export function mainPrefix(head: string): string | undefined {
  const root = ROOT.exec(head);
  if (root === null) return undefined;
  const [, prefix, attributes = ""] = root;
  if (prefix === undefined) return "";
  return MAIN.some((ns) => attributes.includes(`xmlns:${prefix}="${ns}"`) || attributes.includes(`xmlns:${prefix}='${ns}'`)) ? prefix : "";
}

/** XML with `prefix` taken off its element names (unchanged for ""). */
export const unprefixed = (xml: string, prefix: string): string =>
  prefix === "" ? xml : xml.replaceAll(`<${prefix}:`, "<").replaceAll(`</${prefix}:`, "</");

/** A whole part's XML without the prefix its root gives the main namespace (unchanged when it gives none). */
export function withoutMainPrefix(xml: string): string {
  return unprefixed(xml, mainPrefix(xml) ?? "");
}

/**
 * Whether a part, of which these are the first bytes, may be written with a main-namespace prefix:
 * a cheap test on bytes, so that the parts of nearly every workbook are passed on as they are.
 */
export function mayBePrefixed(head: Buffer): boolean {
  const text = head.subarray(0, 2048).toString("utf8");
  const prefix = mainPrefix(text);
  return prefix === undefined ? /xmlns:[\w.-]+=/.test(text) : prefix !== "";
}

/** The relationships namespace, which `r:id` attributes are in: transitional and Strict. */
const RELATIONSHIPS =
  /\bxmlns:([A-Za-z_][\w.-]*)=["'](?:http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships|http:\/\/purl\.oclc\.org\/ooxml\/officeDocument\/relationships)["']/;

/** An attribute name's prefix (`ns:` of ` ns:id="…"`). */
const ATTRIBUTE_PREFIX = /(\s)([A-Za-z_][\w.-]*):(?=[\w.-]+\s*=)/g;

/**
 * XML whose relationship ids are written with another prefix than r (`<sheet name="Sheet1"
 * xmlns:ns="…/relationships" ns:id="rId3"/>`, calamine's nonstandard-xml-ns-prefix.xlsx) with them
 * written `r:id`, the name ExcelJS looks for: it found no sheet for the workbook's sheets, and a
 * copy had no sheets at all.
 */
export function relationshipIdsAsR(xml: string): string {
  const bound = RELATIONSHIPS.exec(xml);
  if (bound === null || bound[1] === "r") return xml;
  const prefix = bound[1];
  return xml.replace(ATTRIBUTE_PREFIX, (whole, space: string, p: string) => (p === prefix ? `${space}r:` : whole));
}

/** The core properties' namespace (docProps/core.xml). */
const CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
/** An element name without a prefix, after `<` or `</`. */
const UNPREFIXED_ELEMENT = /<(\/?)(?=[A-Za-z_][\w.-]*[\s/>])/g;

/**
 * docProps/core.xml with the core properties' elements written `cp:…`, the names ExcelJS's
 * full-model loader looks for. Excel writes `<cp:coreProperties xmlns:cp="…"><cp:lastModifiedBy>`;
 * the Open XML SDK may make the namespace the default one (`<coreProperties xmlns="…">
 * <lastModifiedBy/>`: Apache POI's test file craftonhills.edu_…goalpriorityreport….xlsx, an
 * ASP.NET report export), or bind it to another prefix, and the loader refused the copy ("Unexpected
 * xml node in parseOpen: lastModifiedBy"). Unchanged for any other part.
 */
export function corePropertiesAsCp(xml: string): string {
  if (!xml.includes(CORE)) return xml; // every part but the core properties
  const root = ROOT.exec(xml);
  if (root === null) return xml;
  const [, prefix = "", attributes = ""] = root;
  if (prefix === "cp" || !attributes.includes(prefix === "" ? `xmlns="${CORE}"` : `xmlns:${prefix}="${CORE}"`)) return xml;
  const renamed =
    prefix === "" ? xml.replace(UNPREFIXED_ELEMENT, "<$1cp:") : xml.replaceAll(`<${prefix}:`, "<cp:").replaceAll(`</${prefix}:`, "</cp:");
  return attributes.includes("xmlns:cp=") ? renamed : renamed.replace("<cp:coreProperties", `<cp:coreProperties xmlns:cp="${CORE}"`);
}
