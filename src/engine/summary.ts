/** Totals over verdicts: status counts, expected reimbursement, findings per rule, lines per code. */
import { formatMonth, monthOf } from "./days";
import { RULES } from "./rules/catalogue";
import { KIND_CODES, type MemberLines } from "./rules/rule";
import { UNDATED, type ClaimStore } from "./store";
import type { Finding, MonthSummary, RuleId, Status, Summary, Verdict } from "./types";

export class SummaryBuilder {
  private rows = 0;
  private ok = 0;
  private warn = 0;
  private error = 0;
  private expectedTotal = 0;
  private paid: { total: number; underpaid: number; overpaid: number } | undefined;
  private byMonth: MonthSummary[] = [];
  private totalsRows: number[] = [];
  private headerRows: number[] = [];
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

  /** The sheet rows that are not claim lines: totals rows, and rows that repeat the header row. */
  setSkippedRows(totalsRows: number[], headerRows: number[]): void {
    this.totalsRows = totalsRows;
    this.headerRows = headerRows;
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
    return {
      rows,
      ok,
      warn,
      error,
      expectedTotal: round(this.expectedTotal),
      ...paid,
      byMonth: this.byMonth,
      byRule,
      byCode,
      totalsRows: this.totalsRows,
      headerRows: this.headerRows,
    };
  }
}

/** Per (service month, plan) group: the totals of a MonthSummary, by month key (-1: no date) and plan id. */
type MonthGroup = Omit<MonthSummary, "month" | "plan"> & { month: number; plan: number };

const PEPM = KIND_CODES.indexOf("pepm");
const OUTREACH = KIND_CODES.indexOf("outreach");
/** Days whose month is remembered (a power of 2: 5.6 years of consecutive days). */
const MONTH_CACHE = 2048;
/** Slots of the (month, plan) → group cache (a power of two): months × plans seen in a run are usually far fewer. */
const GROUP_CACHE = 1024;
/** Map key of a group: (month + 1) × PLAN_SPAN + plan id (plan ids are counted from 0 per run). */
const PLAN_SPAN = 1 << 20;

/**
 * Totals by service month and plan: distinct members, counted per member while its lines are at
 * hand in the cross-row loop (`member`); lines, expected and paid $, members with a paying PEPM
 * line and paid outreach attempts at each line's verdict (`line`).
 */
export class MonthTotals {
  private readonly groups: MonthGroup[] = [];
  private readonly keys = new Map<number, number>();
  /** Month keys of recently seen days, by day modulo MONTH_CACHE (lines in input order jump between members' dates). */
  private readonly cacheDay = new Int32Array(MONTH_CACHE).fill(-2147483648);
  private readonly cacheMonth = new Int32Array(MONTH_CACHE);
  /**
   * Groups of recently seen (month, plan) pairs, in slots by month and plan (see groupOf), before
   * the map: lines in input order interleave plans, and a member's lines change month nearly
   * every line, but a run has few months × plans.
   */
  private readonly cacheGroupMonth = new Int32Array(GROUP_CACHE).fill(-2147483648);
  private readonly cacheGroupPlan = new Int32Array(GROUP_CACHE);
  private readonly cacheGroup = new Int32Array(GROUP_CACHE);
  /** Per group: the last member counted in it (member id + 1). */
  private readonly counted: number[] = [];

  constructor(
    private readonly s: ClaimStore,
    /** Whether lines can have different plans (a Plan column): else every line is plan 0. */
    private readonly planned: boolean,
  ) {}

  /**
   * The group of line i (its month and plan), made on first use. Every field here stays a small
   * integer (a Smi): a month × plan key of 10 digits stored per line would be a new heap number
   * each time (≈ 150 ms per 1M lines).
   */
  private groupOf(i: number): number {
    const s = this.s;
    const day = s.dayKey(i);
    let month = -1;
    if (day !== UNDATED) {
      const slot = day & (MONTH_CACHE - 1);
      if (this.cacheDay[slot] === day) month = this.cacheMonth[slot] as number;
      else {
        month = monthOf(day);
        this.cacheDay[slot] = day;
        this.cacheMonth[slot] = month;
      }
    }
    const plan = this.planned ? s.planId(i) : 0;
    const slot = ((month + 1) * 8 + plan) & (GROUP_CACHE - 1);
    if (this.cacheGroupMonth[slot] === month && this.cacheGroupPlan[slot] === plan) return this.cacheGroup[slot] as number;
    const key = (month + 1) * PLAN_SPAN + plan;
    let found = this.keys.get(key);
    if (found === undefined) {
      found = this.groups.push({ month, plan, lines: 0, members: 0, pepmMembers: 0, outreachPaid: 0, expected: 0, paid: 0 }) - 1;
      this.counted.push(0);
      this.keys.set(key, found);
    }
    this.cacheGroupMonth[slot] = month;
    this.cacheGroupPlan[slot] = plan;
    this.cacheGroup[slot] = found;
    return found;
  }

  /** Counts one member in the groups of its lines: member.order[member.start .. member.end) are its lines. */
  member(member: MemberLines): void {
    const stamp = member.id + 1;
    for (let k = member.start; k < member.end; k++) {
      const i = member.order[k] as number;
      const g = this.groupOf(i);
      if (this.counted[g] !== stamp) {
        this.counted[g] = stamp;
        (this.groups[g] as MonthGroup).members++;
      }
    }
  }

  /**
   * Counts line i with its final expected amount and its paid amount (undefined: none). A PEPM
   * line that pays counts its member: ECM-PEPM-DUP (and ECM-DUPLICATE) leave at most one paying
   * PEPM line per member and month, so no member is counted twice.
   */
  line(i: number, expected: number, paid: number | undefined): void {
    const group = this.groups[this.groupOf(i)] as MonthGroup;
    group.lines++;
    group.expected += expected;
    if (paid !== undefined) group.paid += paid;
    if (expected > 0) {
      const kind = this.s.kindCode(i);
      if (kind === OUTREACH) group.outreachPaid++;
      else if (kind === PEPM) group.pepmMembers++;
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
