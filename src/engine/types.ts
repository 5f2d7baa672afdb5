import type { RuleId } from "./rules/catalogue";
import type { Params } from "./rules/rule";
import type { Verdicts } from "./verdicts";

/**
 * Core types of the ECM rules engine. The engine is pure: no Office, DOM, file system or clock.
 */

/** A raw cell value as Excel, ExcelJS or a CSV parser hands it over. */
export type Cell = string | number | boolean | Date | null | undefined;

/** A calendar day as a whole number of days since 1970-01-01 (no time, no time zone). */
export type Day = number;

/**
 * The date system of a workbook's serial numbers: 1900 (Excel's default) or 1904 (File > Options >
 * Advanced > "Use 1904 date system"; Excel 2008 for Mac's default), where serial 0 is 1904-01-01
 * and every serial is 1,462 less than the 1900 system's for the same day (Microsoft, "Date systems
 * in Excel").
 */
export type DateSystem = 1900 | 1904;

/**
 * The order of day and month in dates written as numbers in text: "mdy" (1/13/2026, the United
 * States' order and the default) or "dmy" (13/1/2026, 13.01.2026: most other locales, and the short
 * date of Spanish (United States) in CLDR, which LibreOffice uses). Excel and LibreOffice save a
 * CSV's dates as the cells show them, so a file saved under a day-first locale has day-first text.
 * Date cells (numbers, Date objects) and YYYY-MM-DD do not depend on it.
 */
export type DateOrder = "mdy" | "dmy";

export type Severity = "error" | "warning" | "info";
export type Status = "OK" | "WARN" | "ERROR";

/** The logical columns of a claim line. */
export type FieldId = "member" | "dos" | "hcpcs" | "modifiers" | "units" | "billed" | "tar" | "enrollment" | "method" | "plan" | "paid";

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
  /**
   * Expected reimbursement of the line: 0 when it has an error or a finding that pays nothing
   * (ECM-PEPM-DUP, ECM-DUPLICATE); else its rate, or the billed amount when that is a number
   * below the rate (lesser of billed and rate, unless the plan's limits turn it off; $0 for a
   * negative billed amount).
   */
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
  /** The managed-care plan of the line (its rate book rows and limits). */
  plan?: number;
  /** The amount the plan paid (ECM-UNDERPAID / ECM-OVERPAID). */
  paid?: number;
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
  /** Expected amount is the lesser of the billed amount and the rate (Medi-Cal's usual rule; seed default: on). */
  lesserOfBilled: boolean;
  /** Member IDs are Medi-Cal CINs: ECM-MEMBER-FORMAT checks each one (default: off). */
  cinFormat: boolean;
}

/** Limits a rate book sets: for one plan, or for every plan (`plan` undefined). Absent values are inherited. */
export interface PlanLimits {
  plan?: string;
  limits: Partial<Limits>;
  /** Row of the limits table, for messages. */
  row?: number;
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
  /** The managed-care plan the row is for, as written (absent: any plan). Matched without regard to case or surrounding spaces. */
  plan?: string;
  /**
   * Citation of the source row: { file: "000_86d15f57cb3cbac3.txt", line: 8 } for the seed, or the
   * rate book's sheet/file and row, with the book's source note when it has one.
   */
  source: { file: string; line: number; note?: string };
  /** First day the rate is in effect (absent: always was). */
  from?: Day;
  /** Last day the rate is in effect, inclusive (absent: open). */
  to?: Day;
}

export interface RateTable {
  /** Identifies the table version in reports and audit trails. */
  id: string;
  entries: readonly RateEntry[];
  /** Limits and switches the book sets (ECM_Limits), applied over the defaults: any-plan rows, then the line's plan's row. */
  limits?: readonly PlanLimits[];
}

export interface ValidateOptions {
  /** "Today" for ECM-FUTURE, as a Day. */
  asOf: Day;
  /** The rate book (default: the seed's table). */
  rates?: RateTable;
  /** Limits for this run (CLI flags, the pane's options): over the defaults and the book's limits, for every plan. */
  limits?: Partial<Limits>;
  /** The plan of lines without a Plan column or with an empty Plan cell (CLI --plan). */
  plan?: string;
  /** The plan's member file: enrollment (and disenrollment) dates by member (see members.ts). */
  members?: MembersList;
  /** Words and phrases that mark an outreach method as mass communication (default: rules/outreach MASS_WORDS). */
  massWords?: readonly string[];
  /** Member IDs are Medi-Cal CINs: ECM-MEMBER-FORMAT checks each one (off by default; same as limits.cinFormat). */
  cinFormat?: boolean;
  /**
   * The date system of number cells in date columns (default 1900): 1904 for a workbook set to it,
   * whose serials the task pane gets as they are. Date objects and text are not affected.
   */
  dateSystem?: DateSystem;
  /** The order of day and month in text dates (default "mdy"; see DateOrder and dateOrderEvidence). */
  dateOrder?: DateOrder;
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
  /** Totals of the Paid Amount column (present when the sheet has one): paid, and the shortfall and excess against expected. */
  paid?: { total: number; underpaid: number; overpaid: number };
  /** Per service month (and plan, when there is a Plan column or a --plan), in month then plan order. */
  byMonth: MonthSummary[];
  /** Number of findings per rule ID (rules that did not fire are absent). */
  byRule: Partial<Record<RuleId, number>>;
  /** Per HCPCS code seen: claim lines and expected reimbursement. */
  byCode: Record<string, { lines: number; expected: number }>;
  /** Sheet rows read as totals rows ("Total", "Grand Total", a Table's Total Row): not claim lines, so not checked or counted. */
  totalsRows: number[];
  /** Sheet rows that repeat the header row (exports pasted one under another): not claim lines, so not checked or counted. */
  headerRows: number[];
}

export interface MonthSummary {
  /** "2026-07", or "" for lines without a valid date of service. */
  month: string;
  /** The plan as first written ("" when none). */
  plan: string;
  lines: number;
  /** Distinct members with a line in the month. */
  members: number;
  /** Members with a PEPM line that is expected to pay. */
  pepmMembers: number;
  /** Outreach lines expected to pay. */
  outreachPaid: number;
  expected: number;
  /** Sum of the Paid Amount cells that hold an amount (0 without the column). */
  paid: number;
}

export interface ValidationResult {
  /**
   * One verdict per claim line, in input order (blank, totals and repeated header rows get none),
   * made when read from the run's store and input rows (./verdicts): read them before changing the rows.
   */
  verdicts: Verdicts;
  summary: Summary;
}
