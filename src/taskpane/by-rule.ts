/** The findings of a run grouped by rule, for the pane's list, in shared/report-text's ruleOrder. */
import type { RuleId, Verdict } from "../engine";
import { ruleOrder, ruleWhen } from "../shared/report-text";

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

export function groupByRule(verdicts: Iterable<Verdict>): RuleGroup[] {
  const groups = new Map<RuleId, RuleGroup>();
  for (const v of verdicts) {
    for (const f of v.findings) {
      let g = groups.get(f.rule);
      if (g === undefined) groups.set(f.rule, (g = { rule: f.rule, severity: f.severity, when: ruleWhen(f.rule), findings: [] }));
      g.findings.push({ row: v.row, message: f.message });
    }
  }
  const counted = (g: RuleGroup) => ({ rule: g.rule, severity: g.severity, count: g.findings.length });
  return [...groups.values()].sort((a, b) => ruleOrder(counted(a), counted(b)));
}
