/**
 * ECM-DUPLICATE: same member, date, HCPCS, modifier set and billed amount as an earlier row.
 * Compares parsed values ($400.00 = 400; modifier sets, not spellings), over all of the member's
 * rows with a valid date (rows with errors included), and names the first earlier row.
 */
import type { ClaimStore, EngineContext } from "../claim";
import { cellText, formatMoney } from "../values";
import type { MemberRule } from "./rule";

function sameBilled(s: ClaimStore, a: number, b: number, ctx: EngineContext): boolean {
  const x = s.billedOf(a);
  const y = s.billedOf(b);
  if (x !== undefined || y !== undefined) return x === y;
  // Neither is a number: compare what was typed (both empty, or the same text).
  return cellText(s.cell(a, ctx.mapping.billed)).toUpperCase() === cellText(s.cell(b, ctx.mapping.billed)).toUpperCase();
}

export const duplicateRule: MemberRule = {
  ids: ["ECM-DUPLICATE"],
  run(member, s, ctx) {
    const lines = member.order;
    let runStart = member.start; // first line with the current date of service
    for (let k = member.start + 1; k < member.dated; k++) {
      const i = lines[k] as number;
      if (s.dayKey(i) !== s.dayKey(lines[runStart] as number)) {
        runStart = k;
        continue;
      }
      for (let j = runStart; j < k; j++) {
        const earlier = lines[j] as number;
        if (s.codeId(i) !== s.codeId(earlier) || s.modsOf(i).key !== s.modsOf(earlier).key || !sameBilled(s, i, earlier, ctx)) continue;
        const billed = s.billedOf(i);
        const mods = s.modsOf(i).key;
        s.add(i, "ECM-DUPLICATE",
          `Same member, date, HCPCS ${s.codeOf(i)}${mods === "" ? "" : ` ${mods}`}${billed === undefined ? "" : ` and billed amount ${formatMoney(billed)}`} as row ${s.rowOf(earlier)}: probably a duplicate line; remove one, or correct it if both services happened.`,
          undefined, [s.rowOf(earlier)]);
        break;
      }
    }
  },
};
