/**
 * The rule catalogue as data: IDs and severities are part of the product's contract.
 * The README's rule table is generated from this list (npm run rules-doc) and checked by a test.
 */
import type { RuleId, Severity } from "../types";

export interface RuleInfo {
  id: RuleId;
  severity: Severity;
  scope: "row" | "cross-row";
  /** When the rule fires, in one line. */
  when: string;
}

export const RULES: readonly RuleInfo[] = [
  { id: "ECM-MEMBER", severity: "error", scope: "row", when: "member ID empty" },
  { id: "ECM-DOS", severity: "error", scope: "row", when: "date of service empty or not a date" },
  { id: "ECM-FUTURE", severity: "error", scope: "row", when: "date of service after the as-of date" },
  { id: "ECM-CODE", severity: "error", scope: "row", when: "HCPCS not one of the rate table's codes (G9007, G9008, G9012)" },
  { id: "ECM-MODIFIER", severity: "error", scope: "row", when: "modifier set not in the rate table for that code, or a modifier repeated" },
  { id: "ECM-TAR", severity: "error", scope: "row", when: "the rate row requires a TAR and the TAR cell is empty (or there is no TAR column)" },
  { id: "ECM-MDT-CHARGE", severity: "error", scope: "row", when: "G9007 without a billed amount > 0" },
  { id: "ECM-OUTREACH-MASS", severity: "error", scope: "row", when: "outreach line whose method says mass, bulk, blast, newsletter, flyer or broadcast" },
  { id: "ECM-UNITS", severity: "warning", scope: "row", when: "units cell present and not 1" },
  { id: "ECM-CHARGE", severity: "warning", scope: "row", when: "billed amount empty, not a number, negative, or below the rate (not on G9007)" },
  { id: "ECM-MDT-INFO", severity: "info", scope: "row", when: "every valid G9007 line: information only, $0" },
  { id: "ECM-OUTREACH-ENROLLED", severity: "error", scope: "cross-row", when: "outreach line dated on or after the member's enrollment date" },
  { id: "ECM-OUTREACH-30D", severity: "error", scope: "cross-row", when: "member already has 5 paid outreach lines in the 30 days ending on this date" },
  { id: "ECM-OUTREACH-MAX", severity: "error", scope: "cross-row", when: "member already has 5 paid outreach lines in total (max before engagement)" },
  { id: "ECM-ENGAGEMENT-DUP", severity: "error", scope: "cross-row", when: "G9012 engagement line after the member's first one (one-time)" },
  { id: "ECM-PEPM-BEFORE-ENROLL", severity: "error", scope: "cross-row", when: "PEPM service line dated before the member's enrollment date" },
  { id: "ECM-PEPM-DUP", severity: "warning", scope: "cross-row", when: "second PEPM service line of the member in a calendar month (expected 0)" },
  { id: "ECM-DUPLICATE", severity: "warning", scope: "cross-row", when: "same member, date, HCPCS, modifiers and billed amount as an earlier row" },
];

export const RULE_SEVERITY = Object.fromEntries(RULES.map((r) => [r.id, r.severity])) as Record<RuleId, Severity>;
