/**
 * ECM-DUPLICATE: same member, date, HCPCS, modifier set and billed amount as an earlier row.
 * Compares parsed values ($400.00 = 400; modifier sets, not spellings), over all of the member's
 * rows with a valid date (rows with errors included), and names the first earlier row.
 */
import type { EngineContext } from "../context";
import type { ClaimStore } from "../store";
import { cellText, formatMoney } from "../values";
import { crossRowRule, type MemberPass } from "./rule";

/** The line's modifiers as the rate table writes them ("U8+GQ"), or as typed when it has no rate entry ("" for none). */
function modifiersShown(s: ClaimStore, i: number): string {
  const entry = s.entryOf(i);
  return (entry === undefined ? s.modsOf(i).list : entry.modifiers).join("+");
}

type DuplicateParams = { code: string; modifiers: string; billed: number | undefined; earlierRow: number };

export const duplicateRule = crossRowRule({
  id: "ECM-DUPLICATE",
  severity: "warning",
  when: "same member, date, HCPCS, modifiers and billed amount as an earlier row (pays $0, counts toward no limit)",
  applies: {},
  pays: "nothing",
  message: (p: DuplicateParams) =>
    `Same member, date, HCPCS ${p.code}${p.modifiers === "" ? "" : ` ${p.modifiers}`}${p.billed === undefined ? "" : ` and billed amount ${formatMoney(p.billed)}`} as row ${p.earlierRow}: probably a duplicate line, expected to pay $0 and not counted toward any limit; remove one, or correct it if both services happened.`,
});

function sameBilled(s: ClaimStore, a: number, b: number, ctx: EngineContext): boolean {
  const x = s.billedOf(a);
  const y = s.billedOf(b);
  if (x !== undefined || y !== undefined) return x === y;
  // Neither is a number: compare what was typed (both empty, or the same text).
  return cellText(s.cell(a, ctx.mapping.billed)).toUpperCase() === cellText(s.cell(b, ctx.mapping.billed)).toUpperCase();
}

/** Every line with a valid date, errors included: a duplicate is a duplicate whatever else is wrong. */
export const duplicatePass: MemberPass = {
  rules: [duplicateRule],
  run(member, s, ctx) {
    const order = member.order;
    let runStart = member.start; // first line with the current date of service
    // Days are read from the lines' slots here, not from member.days: this first pass reads every
    // line's slot in a simple loop, whose cache misses overlap, and the passes after it find the
    // slots at hand. Reading member.days here left those misses to the later, branchier walks
    // (1,682 against 1,549 ms per 1M lines in one process of paired runs; see PERFORMANCE.md §11).
    for (let k = member.start + 1; k < member.dated; k++) {
      const i = order[k] as number;
      if (s.dayKey(i) !== s.dayKey(order[runStart] as number)) {
        runStart = k;
        continue;
      }
      for (let j = runStart; j < k; j++) {
        const earlier = order[j] as number;
        if (s.codeId(i) !== s.codeId(earlier) || s.modsOf(i).key !== s.modsOf(earlier).key || !sameBilled(s, i, earlier, ctx)) continue;
        const earlierRow = s.rowOf(earlier);
        s.add(i, duplicateRule, { code: s.codeOf(i), modifiers: modifiersShown(s, i), billed: s.billedOf(i), earlierRow }, [earlierRow]);
        break;
      }
    }
  },
};

/** Every rule of the family. */
export const RULES = [duplicateRule] as const;
