/** Totals over verdicts: status counts, expected reimbursement, findings per rule, lines per code. */
import { RULES } from "./rules/catalogue";
import type { RuleId, Summary, Verdict } from "./types";

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
    this.rows++;
    if (v.status === "OK") this.ok++;
    else if (v.status === "WARN") this.warn++;
    else this.error++;
    this.expectedTotal += v.expected;
    for (const f of v.findings) this.byRule.set(f.rule, (this.byRule.get(f.rule) ?? 0) + 1);
    const key = code === "" ? "(blank)" : code;
    const perCode = this.byCode.get(key);
    if (perCode === undefined) this.byCode.set(key, { lines: 1, expected: v.expected });
    else {
      perCode.lines++;
      perCode.expected += v.expected;
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
