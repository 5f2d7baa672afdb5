import type { RuleId } from "./rules/catalogue";
import type { Params } from "./rules/rule";

/**
 * Core types of the ECM rules engine. The engine is pure: no Office, DOM, file system or clock.
 */

/** A raw cell value as Excel, ExcelJS or a CSV parser hands it over. */
export type Cell = string | number | boolean | Date | null | undefined;

/** A calendar day as a whole number of days since 1970-01-01 (no time, no time zone). */
export type Day = number;

export type Severity = "error" | "warning" | "info";
export type Status = "OK" | "WARN" | "ERROR";

/** The logical columns of a claim line. */
export type FieldId = "member" | "dos" | "hcpcs" | "modifiers" | "units" | "billed" | "tar" | "enrollment" | "method";

/** Every declared rule's ID, derived from the rule declarations (rules/catalogue.ts). */
export type { RuleId } from "./rules/catalogue";
export type { ParamValue, Params } from "./rules/rule";

/**
 * One thing found on a claim line, shaped like a zod issue: what fired, where, its values as data
 * and the message rendered from them.
 */
export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** The claim column the finding is about, when there is one. */
  field?: FieldId;
  /** Evidence: other row numbers the finding refers to (cross-row rules). */
  rows?: readonly number[];
  /** The values the message is rendered from (dates as YYYY-MM-DD, counts, amounts, rows). */
  params: Params;
  /** What is wrong, the value seen, and what would be valid. Never contains the member ID. */
  message: string;
}
export interface Verdict {
  /** Row number of the claim as the caller numbered it (1-based sheet row for files and sheets). */
  row: number;
  status: Status;
  /** Expected reimbursement of the line: its rate when it has no error and no finding that pays nothing (ECM-PEPM-DUP), else 0. */
  expected: number;
  /**
   * Findings in the order they were found (row rules, then cross-row rules, then verdict-phase row rules such as ECM-MDT-INFO). Read-only:
   * verdicts with the same single finding share one frozen list.
   */
  findings: readonly Finding[];
}

/** Zero-based column index of each logical field within a row's cells. */
export interface ColumnMapping {
  member?: number;
  dos?: number;
  hcpcs?: number;
  /** One or more columns whose modifiers are combined (a "Modifiers" cell, or Modifier 1..4). */
  modifiers: readonly number[];
  units?: number;
  billed?: number;
  tar?: number;
  enrollment?: number;
  method?: number;
  /** Header text per column index; used to name columns in messages. */
  headers?: readonly string[];
  /** Fields named by more than one column: the first column listed is the one read. */
  duplicates?: readonly { readonly field: FieldId; readonly columns: readonly number[] }[];
}

/** One input row: its row number (for messages and output) and its raw cells. */
export interface ClaimRow {
  row: number;
  cells: readonly Cell[];
}

export interface Limits {
  /** Paid outreach attempts allowed within one rolling window (seed: 5). */
  outreachPerWindow: number;
  /** Length of the rolling outreach window in days, ending on the date of service (seed: 30). */
  windowDays: number;
  /** Paid outreach attempts allowed in total before successful engagement (seed: 5). */
  outreachMax: number;
}

export type ServiceKind = "pepm" | "outreach" | "engagement" | "mdt";
export type Staff = "clinical" | "non-clinical" | "unspecified";
export type Mode = "in-person" | "phone-telehealth" | "unspecified";

export interface RateEntry {
  code: string;
  /** Modifiers as the seed lists them (order only matters for display). */
  modifiers: readonly string[];
  rate: number;
  kind: ServiceKind;
  staff: Staff;
  mode: Mode;
  tarRequired: boolean;
  description: string;
  /** Citation of the source row, e.g. { file: "000_86d15f57cb3cbac3.txt", line: 8 }. */
  source: { file: string; line: number };
  /** First day the rate is in effect (absent: always was). */
  from?: Day;
  /** Last day the rate is in effect, inclusive (absent: open). */
  to?: Day;
}

export interface RateTable {
  /** Identifies the table version in reports and audit trails. */
  id: string;
  entries: readonly RateEntry[];
}

export interface ValidateOptions {
  /** "Today" for ECM-FUTURE, as a Day. */
  asOf: Day;
  rates?: RateTable;
  limits?: Partial<Limits>;
  /** The plan's member file: enrollment (and disenrollment) dates by member (see members.ts). */
  members?: MembersList;
  /** Words and phrases that mark an outreach method as mass communication (default: rules/outreach MASS_WORDS). */
  massWords?: readonly string[];
  /** Member IDs are Medi-Cal CINs: ECM-MEMBER-FORMAT checks each one (off by default). */
  cinFormat?: boolean;
}

/** A member of the members list. */
export interface MemberRecord {
  /** Row of the list the member is on (the first, when listed more than once with the same dates). */
  row: number;
  enrollment?: Day;
  disenrollment?: Day;
}

/** The members list: records by member ID (trimmed, upper-cased). */
export interface MembersList {
  readonly byId: ReadonlyMap<string, MemberRecord>;
}

export interface Summary {
  rows: number;
  ok: number;
  warn: number;
  error: number;
  expectedTotal: number;
  /** Number of findings per rule ID (rules that did not fire are absent). */
  byRule: Partial<Record<RuleId, number>>;
  /** Per HCPCS code seen: claim lines and expected reimbursement. */
  byCode: Record<string, { lines: number; expected: number }>;
}

export interface ValidationResult {
  verdicts: Verdict[];
  summary: Summary;
}
