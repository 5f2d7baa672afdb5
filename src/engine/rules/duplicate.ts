/**
 * ECM-DUPLICATE: same member, date, HCPCS, modifier set and billed amount as an earlier row.
 * Compares parsed values ($400.00 = 400; modifier sets, not spellings), over all of the member's
 * rows with a valid date (rows with errors included), and names the first earlier row.
 */
import { addFinding, cellOf, type Claim, type EngineContext } from "../claim";
import { cellText, formatMoney } from "../values";
import type { MemberRule } from "./rule";

function billedKey(c: Claim, ctx: EngineContext): string {
  if (c.billed !== undefined) return `$${c.billed}`;
  return `T${cellText(cellOf(c, ctx.mapping.billed)).toUpperCase()}`;
}

function same(a: Claim, b: Claim, ctx: EngineContext): boolean {
  return a.code === b.code && a.mods.key === b.mods.key && billedKey(a, ctx) === billedKey(b, ctx);
}

export const duplicateRule: MemberRule = {
  ids: ["ECM-DUPLICATE"],
  run(member, ctx) {
    const lines = member.ordered;
    let runStart = 0; // first line with the current date of service
    for (let i = 1; i < lines.length; i++) {
      const c = lines[i] as Claim;
      if (c.dos !== lines[runStart]?.dos) {
        runStart = i;
        continue;
      }
      for (let j = runStart; j < i; j++) {
        const earlier = lines[j] as Claim;
        if (!same(earlier, c, ctx)) continue;
        const billed = c.billed === undefined ? "" : ` and billed amount ${formatMoney(c.billed)}`;
        addFinding(c, "ECM-DUPLICATE",
          `Same member, date, HCPCS ${c.code}${c.mods.key === "" ? "" : ` ${c.mods.key}`}${billed} as row ${earlier.row}: probably a duplicate line; remove one, or correct it if both services happened.`,
          undefined, [earlier.row]);
        break;
      }
    }
  },
};
