/**
 * Finding the claim columns from header text. Headers are compared whole, after lower-casing
 * and removing everything but letters and digits ("Auth #" → "auth", "Medi-Cal ID" → "medicalid").
 */
import type { Cell, ColumnMapping, FieldId } from "./types";
import { cellText, isBlank } from "./values";

export function normaliseHeader(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, "");
}

type SingleField = Exclude<FieldId, "modifiers">;

/** Accepted header names per field (already normalised). The first one is the display name. */
export const HEADER_SYNONYMS: Record<SingleField, readonly string[]> = {
  member: [
    "memberid",
    "cin",
    "medicalid",
    "member",
    "membercin",
    "medicalcin",
    "clientindexnumber",
    "memberno",
    "membernumber",
    "subscriberid", // the 837's name for the member
    "medicalnumber",
    "medicalno",
    "cinnumber",
    "mbrid",
  ],
  dos: [
    "dateofservice",
    "dos",
    "servicedate",
    "fromdate",
    "fromdos",
    "servicefromdate",
    "dosfrom",
    "dateofservicefrom",
    "svcdate",
    "dateofsvc",
    "servicedt",
    "svcfromdate",
    "datesofservice",
    "servicedatefrom",
    "servicefrom",
    "linedos",
    "firstdos",
  ],
  // Exports often say CPT for the procedure code column, which holds HCPCS codes too.
  hcpcs: ["hcpcs", "procedurecode", "code", "hcpcscode", "proccode", "servicecode", "cpt", "cptcode", "cpthcpcs", "hcpcscpt", "procedure"],
  units: ["units", "unit", "serviceunits", "qty", "quantity", "unitsofservice", "svcunits", "unitsbilled", "billedunits"],
  billed: [
    "billedamount",
    "charge",
    "charges",
    "billed",
    "chargeamount",
    "billedcharges",
    "totalcharge",
    "totalcharges",
    "amountbilled",
    "billedamt",
    "chargeamt",
    "chargedamount",
    "amountcharged",
    "totalbilled",
    "submittedcharges",
    "submittedcharge",
    "submittedamount",
    "linecharge",
    "linecharges",
  ],
  tar: [
    "tar",
    "tarnumber",
    "tarno",
    "auth",
    "authno",
    "authnumber",
    "authorization",
    "authorizationnumber",
    "tarauth",
    "priorauth",
    "priorauthorization",
    "priorauthnumber",
    "priorauthorizationnumber",
    "panumber",
    "authid",
    "authorizationno",
    "tarcontrolnumber", // Medi-Cal's name for a TAR's number
    "tarcontrolno",
    "tarcontrol",
  ],
  enrollment: [
    "ecmenrollmentdate",
    "enrollmentdate",
    "enrollmentstart",
    "enrollmentstartdate",
    "ecmenrollmentstart",
    "ecmenrollmentstartdate",
    "ecmstartdate",
    "ecmenrollment",
    "ecmenrolldate",
  ],
  method: [
    "outreachmethod",
    "method",
    "contactmethod",
    "outreachtype",
    "outreachmode",
    "outreachmodality",
    "contacttype",
    "contactmode",
    "modeofcontact",
  ],
  plan: ["plan", "healthplan", "mcp", "managedcareplan", "planname", "payer", "payor", "mcpname"],
  paid: ["paidamount", "paid", "amountpaid", "payment", "paymentamount", "planpaid", "paidamt", "netpaid", "netpaidamount", "totalpaid"],
};

/** A single cell holding all the line's modifiers (a plural heading). */
export const MODIFIERS_SINGLE = ["modifiers", "mods"] as const;
/**
 * One modifier per cell: numbered (Modifier 1..4, Mod1..Mod4), or one singular heading, which
 * exports repeat over the four modifier columns ("Mod", "Mod", "Mod", "Mod": the 837's four
 * procedure modifiers). Such columns combine in sheet order; a lone "Modifier" column may hold
 * every modifier of the line ("U1 GQ"), as a "Modifiers" column does.
 */
export const MODIFIERS_NUMBERED = /^(?:procedure|proc)?(?:modifier|mod)[1-4]?$/;

export const REQUIRED_FIELDS: readonly FieldId[] = ["member", "dos", "hcpcs"];

/**
 * The order messages name fields in: every field once (a test checks). The engine's claim columns
 * (context.ts) and ECM-CELL-ERROR's field bits (rules/cells.ts) are numbered by it.
 */
export const FIELD_ORDER: readonly FieldId[] = [
  "member",
  "dos",
  "hcpcs",
  "modifiers",
  "units",
  "billed",
  "tar",
  "enrollment",
  "method",
  "plan",
  "paid",
];

/** Human names of the fields, for messages and the task pane. */
export const FIELD_LABELS: Record<FieldId, string> = {
  member: "Member ID",
  dos: "Date of service",
  hcpcs: "HCPCS",
  modifiers: "Modifiers",
  units: "Units",
  billed: "Billed amount",
  tar: "TAR number",
  enrollment: "ECM enrollment date",
  method: "Outreach method",
  plan: "Plan",
  paid: "Paid amount",
};

const SINGLE_FIELDS = Object.keys(HEADER_SYNONYMS) as SingleField[];
const SYNONYM_TO_FIELD = new Map<string, SingleField>();
for (const field of SINGLE_FIELDS) for (const s of HEADER_SYNONYMS[field]) SYNONYM_TO_FIELD.set(s, field);

/**
 * Maps a header row to columns. When two columns name the same field, the first (leftmost) is
 * read and the mapping lists the others in `duplicates` (the CLI reports them). Modifiers: one
 * "Modifiers" column, which wins over the one-modifier columns; else "Modifier 1".."Modifier 4"
 * (or "Modifier" followed by "Modifier 2".."4", or one singular heading repeated) combined.
 */
export function mapHeaders(headerCells: readonly Cell[]): ColumnMapping {
  const headers = headerCells.map(cellText);
  const mapping: { -readonly [K in keyof ColumnMapping]: ColumnMapping[K] } = { modifiers: [], headers };
  let single: number | undefined;
  const numbered: number[] = [];
  const seen = new Map<FieldId, number[]>();
  headers.forEach((text, index) => {
    const key = normaliseHeader(text);
    if (key === "") return;
    const field = SYNONYM_TO_FIELD.get(key);
    if (field !== undefined) {
      if (mapping[field] === undefined) mapping[field] = index;
      seen.set(field, [...(seen.get(field) ?? []), index]);
    } else if ((MODIFIERS_SINGLE as readonly string[]).includes(key)) {
      if (single === undefined) single = index;
      else seen.set("modifiers", [...(seen.get("modifiers") ?? [single]), index]);
    } else if (MODIFIERS_NUMBERED.test(key)) {
      numbered.push(index);
    }
  });
  // "Modifiers" alone (the one-modifier columns beside it are duplicates), else those combined.
  mapping.modifiers = single === undefined ? numbered : [single];
  if (single !== undefined && numbered.length > 0)
    seen.set(
      "modifiers",
      [...(seen.get("modifiers") ?? [single]), ...numbered].sort((a, b) => a - b),
    );
  const duplicates = [...seen].filter(([, columns]) => columns.length > 1).map(([field, columns]) => ({ field, columns }));
  if (duplicates.length > 0) mapping.duplicates = duplicates;
  return mapping;
}

export function missingRequired(mapping: ColumnMapping): FieldId[] {
  return REQUIRED_FIELDS.filter((f) => f !== "modifiers" && mapping[f as SingleField] === undefined);
}

export interface HeaderFound {
  ok: true;
  /** Zero-based index of the header row within the grid. */
  headerIndex: number;
  mapping: ColumnMapping;
}
export interface HeaderProblem {
  ok: false;
  code: "ECM-HEADER";
  message: string;
  headerIndex?: number;
}

/** How many non-blank rows from the top may hold the header (a title or notes rows above it are normal). */
export const HEADER_SEARCH_ROWS = 20;

/**
 * The rows that may hold a header: the first HEADER_SEARCH_ROWS non-blank rows, with their index
 * in the grid. Claims, members lists and rate books all look for their header among them.
 */
export function* headerCandidates(grid: readonly (readonly Cell[])[]): Generator<{ index: number; row: readonly Cell[] }> {
  let seen = 0;
  for (let index = 0; index < grid.length && seen < HEADER_SEARCH_ROWS; index++) {
    const row = grid[index] ?? [];
    if (row.every(isBlank)) continue;
    seen++;
    yield { index, row };
  }
}

/**
 * The header row: the first row, among the first HEADER_SEARCH_ROWS non-blank rows, whose cells
 * name every required column. When none does, the message names the closest row (most required
 * columns; among rows as close, the one with the most cells that look like header text, so that a
 * table's own header row is named rather than a one-cell title above it) and what it lacks. It
 * quotes only cells that look like header text: a cell with a digit, a number or a date may be
 * member data (a file without a header row) and is only counted.
 */
export function findHeader(grid: readonly (readonly Cell[])[]): HeaderFound | HeaderProblem {
  let best: { index: number; mapping: ColumnMapping; missing: FieldId[]; texts: number } | undefined;
  let first: number | undefined;
  let seen = 0;
  for (const { index: i, row } of headerCandidates(grid)) {
    seen++;
    first ??= i;
    const mapping = mapHeaders(row);
    const missing = missingRequired(mapping);
    if (missing.length === 0) return { ok: true, headerIndex: i, mapping };
    const texts = row.filter(looksLikeHeaderText).length;
    if (best === undefined || missing.length < best.missing.length || (missing.length === best.missing.length && texts > best.texts))
      best = { index: i, mapping, missing, texts };
  }
  if (best === undefined) return { ok: false, code: "ECM-HEADER", message: "No header row found: the range or sheet is empty." };
  const { index, missing } = best;
  const cells = (grid[index] ?? []).filter((c) => !isBlank(c));
  const texts = cells.filter(looksLikeHeaderText).map(quotedHeader);
  const hidden = cells.length - texts.length;
  const shownCells = [
    texts.length > SHOWN_HEADERS
      ? `${texts.slice(0, SHOWN_HEADERS).join(", ")} and ${texts.length - SHOWN_HEADERS} more`
      : texts.join(", "),
    hidden > 0 ? `${hidden} cell${hidden > 1 ? "s that look" : " that looks"} like data, not shown` : "",
  ]
    .filter((t) => t !== "")
    .join("; ");
  const need = missing.map((f) => `${FIELD_LABELS[f]} (e.g. ${HEADER_EXAMPLES[f]})`).join(", ");
  const where = index !== first ? ` (no row among the first ${seen} non-blank rows names them all; row ${index + 1} comes closest)` : "";
  return {
    ok: false,
    code: "ECM-HEADER",
    headerIndex: index,
    message: `Missing required column${missing.length > 1 ? "s" : ""}: ${need}${where}. Headers seen in row ${index + 1}: ${shownCells || "(none)"}.`,
  };
}

/**
 * A header cell as the message quotes it, and how many it quotes: a message stays one readable
 * line whatever the row holds (a note of a paragraph, or a 1 MB text in Apache POI's test file
 * poc-shared-strings.xlsx, which made the CLI's one-line error 3 MB long).
 */
const SHOWN_HEADERS = 20;
function quotedHeader(cell: string): string {
  const text = cell.trim();
  return `"${text.length > 40 ? `${text.slice(0, 39)}…` : text}"`;
}

/** Text without a digit, not blank: what a header cell looks like (member IDs, dates and amounts have digits). */
function looksLikeHeaderText(cell: Cell): cell is string {
  return typeof cell === "string" && !/\d/.test(cell) && !isBlank(cell);
}

const HEADER_EXAMPLES: Record<FieldId, string> = {
  member: '"Member ID", "CIN" or "Medi-Cal ID"',
  dos: '"DOS", "Date of Service", "Service Date" or "From Date"',
  hcpcs: '"HCPCS", "Procedure Code" or "Code"',
  modifiers: '"Modifiers" or "Modifier 1".."Modifier 4"',
  units: '"Units"',
  billed: '"Billed Amount", "Charge" or "Charges"',
  tar: '"TAR", "TAR Number", "Auth #" or "Authorization"',
  enrollment: '"ECM Enrollment Date", "Enrollment Date" or "Enrollment Start"',
  method: '"Outreach Method" or "Method"',
  plan: '"Plan", "Health Plan" or "MCP"',
  paid: '"Paid Amount", "Paid", "Amount Paid" or "Payment"',
};

export function headerExamples(field: FieldId): string {
  return HEADER_EXAMPLES[field];
}

/** How a message names a column: its header text if there is one, else the field's label. */
export function columnLabel(mapping: ColumnMapping, field: FieldId): string {
  const index = field === "modifiers" ? mapping.modifiers[0] : mapping[field];
  const header = index === undefined ? undefined : mapping.headers?.[index];
  return header !== undefined && header !== "" ? header : FIELD_LABELS[field];
}
