/**
 * The engine's entry points: validate claim rows (with a known column mapping) or a whole grid
 * (header row found from its text). Pure and deterministic; never throws on cell values.
 */
import { ClaimStore, createLoader, type EngineContext } from "./claim";
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
import { SummaryBuilder } from "./summary";
import type { MemberLines, MemberRule, RowRule } from "./rules/rule";
import type { Cell, ClaimRow, ColumnMapping, Finding, Limits, RuleId, Status, ValidateOptions, ValidationResult, Verdict } from "./types";
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

/** Shared by every verdict without findings; frozen, so no caller can change it for the others. */
const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

export function isBlankRow(cells: readonly Cell[]): boolean {
  for (let c = 0; c < cells.length; c++) if (!isBlank(cells[c])) return false;
  return true;
}

/** Statuses by the index the verdict loop counts them under. */
const STATUSES: readonly Status[] = ["OK", "WARN", "ERROR"];

const INSERTION_SORT_MAX = 24;

/** Sorts order[start .. end) with `compare`; members have few lines, so mostly insertion sort. */
function sortRange(order: Int32Array, start: number, end: number, compare: (a: number, b: number) => number): void {
  if (end - start > INSERTION_SORT_MAX) {
    order.subarray(start, end).sort(compare);
    return;
  }
  for (let k = start + 1; k < end; k++) {
    const x = order[k] as number;
    let j = k - 1;
    while (j >= start && compare(order[j] as number, x) > 0) {
      order[j + 1] = order[j] as number;
      j--;
    }
    order[j + 1] = x;
  }
}

/** Groups the store's lines by member (counting sort, input order kept) and runs the member rules. */
function runMemberRules(s: ClaimStore, ctx: EngineContext): void {
  const members = s.memberCount;
  // Start of each member's stretch of `order`, from the line counts taken while loading.
  const start = new Int32Array(members + 1);
  for (let m = 0; m < members; m++) start[m + 1] = (start[m] as number) + (s.memberLines[m] as number);
  const order = new Int32Array(start[members] as number);
  const next = start.slice(0, members);
  for (let i = 0; i < s.size; i++) {
    const m = s.memberOf(i);
    if (m >= 0) {
      const at = next[m] as number;
      order[at] = i;
      next[m] = at + 1;
    }
  }
  const compare = (a: number, b: number): number => s.dayKey(a) - s.dayKey(b) || s.rowOf(a) - s.rowOf(b);
  // One view object, moved from member to member.
  const member: MemberLines = { id: 0, order, start: 0, dated: 0, end: 0, enrollment: undefined };
  for (let m = 0; m < members; m++) {
    const from = start[m] as number;
    const to = start[m + 1] as number;
    sortRange(order, from, to, compare);
    let dated = to;
    while (dated > from && s.dosOf(order[dated - 1] as number) === undefined) dated--;
    member.id = m;
    member.start = from;
    member.dated = dated;
    member.end = to;
    member.enrollment = findEnrollment(s, member);
    for (const rule of MEMBER_RULES) rule.run(member, s, ctx);
  }
}

export function validateRows(rows: readonly ClaimRow[], mapping: ColumnMapping, options: ValidateOptions): ValidationResult {
  const rates = indexRates(options.rates ?? DEFAULT_RATES);
  const remembered = new Map<RuleId, Map<unknown, string>>();
  const ctx: EngineContext = {
    mapping,
    rates,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    asOf: options.asOf,
    label: (field) => columnLabel(mapping, field),
    remember(rule, key, build) {
      let messages = remembered.get(rule);
      if (messages === undefined) remembered.set(rule, (messages = new Map()));
      let message = messages.get(key);
      if (message === undefined) messages.set(key, (message = build(key, ctx)));
      return message;
    },
  };
  const store = new ClaimStore(rows, rates.table.entries, mapping.billed);
  const load = createLoader(store, ctx);
  // The row rules that can fire, per rate entry (index + 1; 0: no entry), all of one shape so
  // that calling them stays cheap.
  const entries = [undefined, ...store.entries];
  const rulesByEntry = entries.map((entry) =>
    ROW_RULES.filter((r) => r.appliesTo?.(entry, ctx) ?? true).map((r): RowRule => ({ id: r.id, field: r.field, check: r.check })),
  );
  const mdtInfoByEntry = entries.map((entry) => mdtInfoRule.appliesTo?.(entry, ctx) ?? true);
  for (let i = 0; i < rows.length; i++) {
    if (isBlankRow((rows[i] as ClaimRow).cells)) store.markBlank(i);
    else load.member(i);
  }
  for (let i = 0; i < rows.length; i++) {
    if (store.isBlank(i)) continue;
    load.rest(i);
    for (const rule of rulesByEntry[store.entryIndex(i) + 1] as RowRule[]) {
      const message = rule.check(store, i, ctx);
      if (message !== undefined) store.add(i, rule.id, message, rule.field);
    }
  }
  runMemberRules(store, ctx);

  const verdicts: Verdict[] = new Array<Verdict>(store.claims);
  let claim = 0;
  // Totals per (code, status), added to the summary once per pair rather than once per line.
  const codes = store.codes.length;
  const lines = new Int32Array(codes * 3);
  const paid = new Float64Array(codes * 3);
  for (let i = 0; i < store.size; i++) {
    if (store.isBlank(i)) continue;
    if (mdtInfoByEntry[store.entryIndex(i) + 1] === true) {
      const info = mdtInfoRule.check(store, i, ctx);
      if (info !== undefined) store.add(i, mdtInfoRule.id, info);
    }
    const s = store.statusIndex(i);
    const expected = s === 2 || store.isPepmDup(i) ? 0 : (store.entryOf(i)?.rate ?? 0);
    verdicts[claim++] = { row: store.rowOf(i), status: STATUSES[s] as Status, expected, findings: store.findingsOf(i) ?? NO_FINDINGS };
    const k = store.codeId(i) * 3 + s;
    lines[k] = (lines[k] as number) + 1;
    paid[k] = (paid[k] as number) + expected;
  }
  const totals = new SummaryBuilder();
  for (let k = 0; k < lines.length; k++) {
    const n = lines[k] as number;
    if (n > 0) totals.addLines(store.codes[Math.floor(k / 3)] as string, STATUSES[k % 3] as Status, n, paid[k] as number);
  }
  for (const list of store.allFindings()) totals.addFindings(list);
  return { verdicts, summary: totals.result() };
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
