/**
 * Agreement between the analyst's formula workbook and the engine, rule by rule, on every row.
 * Differences that come from what the formulas cannot express (they count every line, the engine
 * only lines without an error, "paid" ones) are classified and explained; the rest are listed.
 */
import { createRateLookup, parseDay, type Cell, type Verdict } from "../../src/engine";
import type { FormulaRow } from "./formula-workbook";

export interface RuleAgreement {
  rule: string;
  agree: number;
  explained: Record<string, number>;
  unexplained: { row: number; formula: unknown; engine: string }[];
}

const COL = { member: 0, dos: 1, code: 2, mods: 3 } as const;
const lookup = createRateLookup();

export function compareWithFormulas(
  rows: readonly (readonly Cell[])[],
  verdicts: readonly Verdict[],
  formulas: readonly FormulaRow[],
): RuleAgreement[] {
  const byRow = new Map(verdicts.map((v) => [v.row, v]));
  const verdictOf = (i: number) => byRow.get(i + 2);
  const has = (i: number, rule: string) => verdictOf(i)?.findings.some((f) => f.rule === rule) ?? false;
  const hasError = (i: number, except: string[] = []) =>
    verdictOf(i)?.findings.some((f) => f.severity === "error" && !except.includes(f.rule)) ?? false;
  const kindOf = (i: number): string | undefined => {
    const found = lookup(rows[i]?.[COL.code], [rows[i]?.[COL.mods]]);
    return found.ok ? found.entry.kind : undefined;
  };
  const member = (i: number) =>
    String(rows[i]?.[COL.member] ?? "")
      .trim()
      .toUpperCase();
  const day = (i: number) => parseDay(rows[i]?.[COL.dos] ?? null);
  const monthOf = (d: number) => {
    const date = new Date(d * 86_400_000);
    return date.getUTCFullYear() * 12 + date.getUTCMonth();
  };
  // Lines per member, in sheet order (the generator writes them in date order).
  const lines = new Map<string, number[]>();
  rows.forEach((_, i) => {
    const m = member(i);
    const list = lines.get(m);
    if (list === undefined) lines.set(m, [i]);
    else list.push(i);
  });
  const earlier = (i: number, keep: (j: number) => boolean) => (lines.get(member(i)) ?? []).filter((j) => j < i && keep(j));

  const results: RuleAgreement[] = [];
  const check = (
    rule: string,
    formulaSays: (i: number) => boolean | undefined,
    engineSays: (i: number) => boolean,
    explain: (i: number) => string | undefined,
    formulaValue: (i: number) => unknown,
  ) => {
    const r: RuleAgreement = { rule, agree: 0, explained: {}, unexplained: [] };
    rows.forEach((_, i) => {
      const f = formulaSays(i);
      if (f === undefined) return; // not a line this rule concerns
      const e = engineSays(i);
      if (f === e) {
        r.agree++;
        return;
      }
      const why = explain(i);
      if (why !== undefined) r.explained[why] = (r.explained[why] ?? 0) + 1;
      else
        r.unexplained.push({
          row: i + 2,
          formula: formulaValue(i),
          engine:
            verdictOf(i)
              ?.findings.map((x) => x.rule)
              .join(",") ||
            verdictOf(i)?.status ||
            "",
        });
    });
    results.push(r);
  };

  check(
    "rate (XLOOKUP)",
    (i) => (formulas[i] === undefined ? undefined : true),
    (i) => {
      const found = lookup(rows[i]?.[COL.code], [rows[i]?.[COL.mods]]);
      return found.ok ? found.entry.rate === formulas[i]?.rate : formulas[i]?.rate === "";
    },
    () => undefined,
    (i) => formulas[i]?.rate,
  );

  check(
    "6th+ outreach attempt in 30 days (ECM-OUTREACH-30D)",
    (i) => (kindOf(i) === "outreach" && day(i) !== undefined ? Number(formulas[i]?.outreachIn30 || 0) >= 6 : undefined),
    (i) => has(i, "ECM-OUTREACH-30D"),
    (i) => {
      if (hasError(i, ["ECM-OUTREACH-30D"])) return "the line has another error, so the engine does not count it (formulas do)";
      const d = day(i) as number;
      const unpaid = earlier(i, (j) => kindOf(j) === "outreach" && (day(j) ?? -Infinity) >= d - 29 && hasError(j));
      return unpaid.length > 0
        ? "the window holds unpaid attempts (errors, after enrollment, over a limit): formulas count them, the engine only paid ones"
        : undefined;
    },
    (i) => formulas[i]?.outreachIn30,
  );

  check(
    "second PEPM line in the member-month (ECM-PEPM-DUP)",
    (i) => (kindOf(i) === "pepm" && day(i) !== undefined ? Number(formulas[i]?.pepmBefore || 0) >= 1 : undefined),
    (i) => has(i, "ECM-PEPM-DUP"),
    (i) => {
      if (hasError(i)) return "the line has an error (e.g. no TAR), so it is not counted as a PEPM line";
      const d = day(i) as number;
      const before = earlier(i, (j) => kindOf(j) === "pepm" && day(j) !== undefined && monthOf(day(j) as number) === monthOf(d));
      return before.length > 0 && before.every((j) => hasError(j))
        ? "the earlier lines of the month have errors, so this one is the first countable"
        : undefined;
    },
    (i) => formulas[i]?.pepmBefore,
  );

  check(
    "second engagement line (ECM-ENGAGEMENT-DUP)",
    (i) => (kindOf(i) === "engagement" && day(i) !== undefined ? Number(formulas[i]?.engagementBefore || 0) >= 1 : undefined),
    (i) => has(i, "ECM-ENGAGEMENT-DUP"),
    (i) => {
      if (hasError(i, ["ECM-ENGAGEMENT-DUP"])) return "the line has another error (e.g. no TAR)";
      const before = earlier(i, (j) => kindOf(j) === "engagement" && day(j) !== undefined);
      return before.length > 0 && before.every((j) => hasError(j))
        ? "the earlier engagement line has an error, so this one is the first countable"
        : undefined;
    },
    (i) => formulas[i]?.engagementBefore,
  );
  return results;
}
