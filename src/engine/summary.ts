/** Totals over verdicts: status counts, expected reimbursement, findings per rule, lines per code. */
import { RULES } from "./rules/catalogue";
import type { Finding, RuleId, Status, Summary, Verdict } from "./types";

export class SummaryBuilder {
  private rows = 0;
  private ok = 0;
  private warn = 0;
  private error = 0;
  private expectedTotal = 0;
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
    return { rows, ok, warn, error, expectedTotal: Math.round(this.expectedTotal * 100) / 100, byRule, byCode };
  }
}
