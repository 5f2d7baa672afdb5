/** Totals over verdicts: status counts, expected reimbursement, findings per rule, lines per code. */
import { formatMonth, monthOf } from "./days";
import { RULES } from "./rules/catalogue";
import { KIND_CODES } from "./rules/rule";
import type { ClaimStore } from "./store";
import type { Finding, MonthSummary, RuleId, Status, Summary, Verdict } from "./types";

export class SummaryBuilder {
  private rows = 0;
  private ok = 0;
  private warn = 0;
  private error = 0;
  private expectedTotal = 0;
  private paid: { total: number; underpaid: number; overpaid: number } | undefined;
  private byMonth: MonthSummary[] = [];
  private readonly byRule = new Map<RuleId, number>();
  private readonly byCode = new Map<string, { lines: number; expected: number }>();

  /** Counts one verdict; `code` is the line's HCPCS as normalised ("" when blank). */
  add(v: Verdict, code: string): void {
    this.addLines(code, v.status, 1, v.expected);
    this.addFindings(v.findings);
  }

  /** Counts `lines` lines of one code and status, expected to pay `expected` in all. */
  addLines(code: string, status: Status, lines: number, expected: number): void {
    this.rows += lines;
    if (status === "OK") this.ok += lines;
    else if (status === "WARN") this.warn += lines;
    else this.error += lines;
    this.expectedTotal += expected;
    const key = code === "" ? "(blank)" : code;
    const perCode = this.byCode.get(key);
    if (perCode === undefined) this.byCode.set(key, { lines, expected });
    else {
      perCode.lines += lines;
      perCode.expected += expected;
    }
  }

  /** Adds a paid amount (a line of a sheet with a Paid Amount column; undefined: the cell holds no amount) against the line's expected amount. */
  addPaid(paid: number | undefined, expected: number): void {
    const totals = (this.paid ??= { total: 0, underpaid: 0, overpaid: 0 });
    if (paid === undefined) return;
    totals.total += paid;
    if (paid < expected) totals.underpaid += expected - paid;
    else totals.overpaid += paid - expected;
  }

  /** The totals by service month and plan (MonthTotals.result). */
  setMonths(months: MonthSummary[]): void {
    this.byMonth = months;
  }

  /** Counts findings by rule. */
  addFindings(findings: readonly Finding[]): void {
    // Indexed: for-of over the frozen shared lists makes V8 allocate an iterator result per finding.
    for (let k = 0; k < findings.length; k++) {
      const rule = (findings[k] as Finding).rule;
      this.byRule.set(rule, (this.byRule.get(rule) ?? 0) + 1);
    }
  }

  /** Rules in catalogue order, codes in alphabetical order; money rounded to cents. */
  result(): Summary {
    const byRule: Summary["byRule"] = {};
    for (const rule of RULES) {
      const count = this.byRule.get(rule.id);
      if (count !== undefined) byRule[rule.id] = count;
    }
    const byCode: Summary["byCode"] = {};
    for (const [code, totals] of [...this.byCode].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      byCode[code] = { lines: totals.lines, expected: Math.round(totals.expected * 100) / 100 };
    }
    const { rows, ok, warn, error } = this;
    const round = (n: number): number => Math.round(n * 100) / 100;
    const paid =
      this.paid === undefined
        ? {}
        : { paid: { total: round(this.paid.total), underpaid: round(this.paid.underpaid), overpaid: round(this.paid.overpaid) } };
    return { rows, ok, warn, error, expectedTotal: round(this.expectedTotal), ...paid, byMonth: this.byMonth, byRule, byCode };
  }
}

/** Per (service month, plan) group: totals of its lines. */
interface MonthGroup {
  month: number;
  plan: number;
  lines: number;
  members: number;
  pepmMembers: number;
  outreachPaid: number;
  expected: number;
  paid: number;
}

const PEPM = KIND_CODES.indexOf("pepm");
const OUTREACH = KIND_CODES.indexOf("outreach");
/** Groups per month key: one per plan id below this (plan ids are counted from 0 per run). */
const PLAN_SPAN = 1 << 20;

/**
 * Totals by service month and plan: lines, expected and paid $, paid outreach attempts (from each
 * line at its verdict), then distinct members and members with a paying PEPM line (from the
 * lines grouped by member).
 */
export class MonthTotals {
  private readonly groups: MonthGroup[] = [];
  private readonly keys = new Map<number, number>();
  /** Per store line: its group (-1: blank line). */
  private readonly lineGroup: Int32Array;
  /** Per store line: 1 when it is a PEPM line expected to pay. */
  private readonly paysPepm: Uint8Array;
  private lastDay = Number.NaN;
  private lastPlan = -1;
  private lastGroup = -1;

  constructor(private readonly s: ClaimStore) {
    this.lineGroup = new Int32Array(s.size).fill(-1);
    this.paysPepm = new Uint8Array(s.size);
  }

  /** Counts line i with its final expected amount and its paid amount (undefined: none). */
  line(i: number, expected: number, paid: number | undefined): void {
    const s = this.s;
    const day = s.dayKey(i);
    const plan = s.planId(i);
    let g = this.lastGroup;
    if (day !== this.lastDay || plan !== this.lastPlan) {
      const month = day === Number.POSITIVE_INFINITY ? -1 : monthOf(day);
      const key = (month + 1) * PLAN_SPAN + plan;
      let found = this.keys.get(key);
      if (found === undefined) {
        found = this.groups.push({ month, plan, lines: 0, members: 0, pepmMembers: 0, outreachPaid: 0, expected: 0, paid: 0 }) - 1;
        this.keys.set(key, found);
      }
      g = this.lastGroup = found;
      this.lastDay = day;
      this.lastPlan = plan;
    }
    this.lineGroup[i] = g;
    const group = this.groups[g] as MonthGroup;
    group.lines++;
    group.expected += expected;
    if (paid !== undefined) group.paid += paid;
    if (expected > 0) {
      const kind = s.kindCode(i);
      if (kind === OUTREACH) group.outreachPaid++;
      else if (kind === PEPM) this.paysPepm[i] = 1;
    }
  }

  /** Counts members per group from the store's lines grouped by member: order[start[m] .. start[m + 1]) are member m's. */
  members(order: Int32Array, start: Int32Array): void {
    const seen: number[] = [];
    const seenPepm: number[] = [];
    for (let m = 0; m + 1 < start.length; m++) {
      seen.length = 0;
      seenPepm.length = 0;
      for (let k = start[m] as number; k < (start[m + 1] as number); k++) {
        const i = order[k] as number;
        const g = this.lineGroup[i] as number;
        if (g < 0) continue;
        if (!seen.includes(g)) {
          seen.push(g);
          (this.groups[g] as MonthGroup).members++;
        }
        if (this.paysPepm[i] === 1 && !seenPepm.includes(g)) {
          seenPepm.push(g);
          (this.groups[g] as MonthGroup).pepmMembers++;
        }
      }
    }
  }

  /** In month order (lines without a date last), then plan name; money rounded to cents. */
  result(): MonthSummary[] {
    const plans = this.s.plans;
    const month = (g: MonthGroup): number => (g.month < 0 ? Number.POSITIVE_INFINITY : g.month);
    return [...this.groups]
      .sort((a, b) => month(a) - month(b) || ((plans[a.plan]?.name ?? "") < (plans[b.plan]?.name ?? "") ? -1 : a.plan === b.plan ? 0 : 1))
      .map((g) => ({
        month: g.month < 0 ? "" : formatMonth(g.month),
        plan: plans[g.plan]?.name ?? "",
        lines: g.lines,
        members: g.members,
        pepmMembers: g.pepmMembers,
        outreachPaid: g.outreachPaid,
        expected: Math.round(g.expected * 100) / 100,
        paid: Math.round(g.paid * 100) / 100,
      }));
  }
}
