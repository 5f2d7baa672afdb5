/** The findings of a run grouped by rule, for the pane's list: errors first, then the most frequent, then by ID (as shared/report-text's rulesInOrder). */
import { RULES, type RuleId, type Verdict } from "../engine";

export interface FindingRef {
  row: number;
  message: string;
}

export interface RuleGroup {
  rule: RuleId;
  severity: string;
  /** When the rule fires, as its declaration says (README and help.html show the same line). */
  when: string;
  findings: FindingRef[];
}

const WHEN = new Map<RuleId, string>(RULES.map((r) => [r.id, r.when]));

export function groupByRule(verdicts: Iterable<Verdict>): RuleGroup[] {
  const groups = new Map<RuleId, RuleGroup>();
  for (const v of verdicts) {
    for (const f of v.findings) {
      let g = groups.get(f.rule);
      if (g === undefined) groups.set(f.rule, (g = { rule: f.rule, severity: f.severity, when: WHEN.get(f.rule) ?? "", findings: [] }));
      g.findings.push({ row: v.row, message: f.message });
    }
  }
  const rank = { error: 0, warning: 1, info: 2 } as Record<string, number>;
  return [...groups.values()].sort(
    (a, b) => (rank[a.severity] ?? 3) - (rank[b.severity] ?? 3) || b.findings.length - a.findings.length || a.rule.localeCompare(b.rule),
  );
}
