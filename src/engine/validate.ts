/**
 * The engine's entry points: validate claim rows (with a known column mapping) or a whole grid
 * (header row found from its text). Pure and deterministic; never throws on cell values.
 */
import { addFinding, createClaimParser, type Claim, type EngineContext } from "./claim";
import { columnLabel, findHeader, type HeaderProblem } from "./columns";
import { indexRates, DEFAULT_RATES } from "./rates";
import { codeRule, modifierRule } from "./rules/service";
import { dosRule, futureRule, memberRule } from "./rules/identity";
import { chargeRule, mdtChargeRule, mdtInfoRule, tarRule, unitsRule } from "./rules/billing";
import { massRule, outreachLimitsRule } from "./rules/outreach";
import { engagementDupRule } from "./rules/engagement";
import { pepmBeforeEnrollRule, pepmDupRule } from "./rules/pepm";
import { duplicateRule } from "./rules/duplicate";
import { findEnrollment } from "./rules/enrollment";
import type { MemberClaims, MemberRule, RowRule } from "./rules/rule";
import type { Cell, ClaimRow, ColumnMapping, Limits, Status, Summary, ValidateOptions, ValidationResult, Verdict } from "./types";
import { isBlank } from "./values";

export const DEFAULT_LIMITS: Limits = { outreachPerWindow: 5, windowDays: 30, outreachMax: 5 };

/** Row rules, in the order their findings are listed. */
export const ROW_RULES: readonly RowRule[] = [
  memberRule, dosRule, futureRule, codeRule, modifierRule, tarRule, mdtChargeRule, massRule, unitsRule, chargeRule,
];
/** Cross-row rules, in the order they run; each sees only lines still countable (no error). */
export const MEMBER_RULES: readonly MemberRule[] = [
  outreachLimitsRule, engagementDupRule, pepmBeforeEnrollRule, pepmDupRule, duplicateRule,
];

const byDateThenRow = (a: Claim, b: Claim): number => (a.dos as number) - (b.dos as number) || a.row - b.row;

export function isBlankRow(cells: readonly Cell[]): boolean {
  for (const cell of cells) if (!isBlank(cell)) return false;
  return true;
}

function statusOf(c: Claim): Status {
  if (c.errors > 0) return "ERROR";
  return c.findings.some((f) => f.severity === "warning") ? "WARN" : "OK";
}

export function validateRows(rows: readonly ClaimRow[], mapping: ColumnMapping, options: ValidateOptions): ValidationResult {
  const ctx: EngineContext = {
    mapping,
    rates: indexRates(options.rates ?? DEFAULT_RATES),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    asOf: options.asOf,
    label: (field) => columnLabel(mapping, field),
  };
  const parse = createClaimParser(ctx);

  const claims: Claim[] = [];
  const members = new Map<string, Claim[]>();
  for (const input of rows) {
    if (isBlankRow(input.cells)) continue;
    const claim = parse(input);
    for (const rule of ROW_RULES) {
      const message = rule.check(claim, ctx);
      if (message !== undefined) addRowFinding(claim, rule, message);
    }
    claims.push(claim);
    if (claim.member !== "") {
      const list = members.get(claim.member);
      if (list === undefined) members.set(claim.member, [claim]);
      else list.push(claim);
    }
  }

  for (const list of members.values()) {
    const ordered = list.filter((c) => c.dos !== undefined).sort(byDateThenRow);
    const member: MemberClaims = { claims: list, ordered, enrollment: findEnrollment(list, ordered) };
    for (const rule of MEMBER_RULES) rule.run(member, ctx);
  }

  const verdicts: Verdict[] = new Array(claims.length);
  claims.forEach((c, i) => {
    const info = mdtInfoRule.check(c, ctx);
    if (info !== undefined) addRowFinding(c, mdtInfoRule, info);
    const status = statusOf(c);
    const expected = status !== "ERROR" && !c.pepmDup && c.entry !== undefined ? c.entry.rate : 0;
    verdicts[i] = { row: c.row, status, expected, findings: c.findings };
  });
  return { verdicts, summary: summarise(claims, verdicts) };
}

function addRowFinding(claim: Claim, rule: RowRule, message: string): void {
  addFinding(claim, rule.id, message, rule.field);
}

function summarise(claims: readonly Claim[], verdicts: readonly Verdict[]): Summary {
  const summary: Summary = { rows: verdicts.length, ok: 0, warn: 0, error: 0, expectedTotal: 0, byRule: {}, byCode: {} };
  verdicts.forEach((v, i) => {
    if (v.status === "OK") summary.ok++;
    else if (v.status === "WARN") summary.warn++;
    else summary.error++;
    summary.expectedTotal += v.expected;
    for (const f of v.findings) summary.byRule[f.rule] = (summary.byRule[f.rule] ?? 0) + 1;
    const code = claims[i]?.code || "(blank)";
    const perCode = (summary.byCode[code] ??= { lines: 0, expected: 0 });
    perCode.lines++;
    perCode.expected += v.expected;
  });
  summary.expectedTotal = Math.round(summary.expectedTotal * 100) / 100;
  return summary;
}

export interface GridOptions extends ValidateOptions {
  /** Row number of grid[0] (1 for a sheet read from A1). */
  firstRow?: number;
}

export type GridResult =
  | (ValidationResult & { ok: true; headerRow: number; mapping: ColumnMapping })
  | (HeaderProblem & { headerRow?: number });

/** Finds the header row (first non-blank row) and validates every row below it. */
export function validateGrid(grid: readonly (readonly Cell[])[], options: GridOptions): GridResult {
  const first = options.firstRow ?? 1;
  const header = findHeader(grid);
  if (!header.ok) {
    return header.headerIndex === undefined ? header : { ...header, headerRow: header.headerIndex + first };
  }
  const rows: ClaimRow[] = [];
  for (let i = header.headerIndex + 1; i < grid.length; i++) rows.push({ row: i + first, cells: grid[i] ?? [] });
  const result = validateRows(rows, header.mapping, options);
  return { ok: true, headerRow: header.headerIndex + first, mapping: header.mapping, ...result };
}
