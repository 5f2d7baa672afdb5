/**
 * Outreach (U8) lines: ECM-OUTREACH-MASS on the line itself; ECM-OUTREACH-ENROLLED, -30D and
 * -MAX decided in one pass over the member's countable outreach lines in date order, each line
 * checked against the lines already paid.
 */
import type { ClaimStore, EngineContext } from "../claim";
import { formatDay } from "../days";
import { cellText } from "../values";
import { describeEnrollment } from "./enrollment";
import { shown, type MemberRule, type RowRule } from "./rule";

const MASS_WORDS = /\b(?:mass|bulk|blast|newsletter|flyer|broadcast)(?:e?s)?\b/i;

export const massRule: RowRule = {
  id: "ECM-OUTREACH-MASS",
  field: "method",
  appliesTo: (entry, ctx) => entry?.kind === "outreach" && ctx.mapping.method !== undefined,
  check(s, i, ctx) {
    const cell = s.cell(i, ctx.mapping.method);
    if (cell === "" || cell === null || cell === undefined) return undefined;
    const method = cellText(cell);
    if (!MASS_WORDS.test(method)) return undefined;
    return ctx.remember("ECM-OUTREACH-MASS", method, massMessage);
  },
};

function massMessage(method: string, ctx: EngineContext): string {
  return `${ctx.label("method")} ${shown(method)} is mass communication: mass mailings, emails or texts do not count as outreach and must not be billed; bill only individualised attempts.`;
}

const SUFFIXES = ["th", "st", "nd", "rd"];
const ordinal = (n: number): string => {
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : (SUFFIXES[n % 10] ?? "th");
  return `${n}${s}`;
};

/** Row numbers of lines[from ..]. */
function rowsOf(s: ClaimStore, lines: readonly number[], from: number): number[] {
  const rows: number[] = [];
  for (let k = from; k < lines.length; k++) rows.push(s.rowOf(lines[k] as number));
  return rows;
}

export const outreachLimitsRule: MemberRule = {
  ids: ["ECM-OUTREACH-ENROLLED", "ECM-OUTREACH-30D", "ECM-OUTREACH-MAX"],
  run(member, s, ctx) {
    const { outreachPerWindow, windowDays, outreachMax } = ctx.limits;
    const enrollment = member.enrollment;
    let paid: number[] | undefined; // store indices of the paid lines, in date order (made on first use)
    let windowStart = 0; // paid[windowStart..] lie inside the current line's window
    for (let k = member.start; k < member.dated; k++) {
      const i = member.order[k] as number;
      if (s.kindOf(i) !== "outreach" || !s.isCountable(i)) continue;
      const dos = s.dayKey(i);
      if (enrollment !== undefined && dos >= enrollment.day) {
        s.add(i, "ECM-OUTREACH-ENROLLED",
          `Outreach on ${formatDay(dos)} is on or after the member's ECM enrollment date ${describeEnrollment(enrollment)}: outreach is paid only before enrollment.`,
          "dos", [enrollment.row]);
        continue;
      }
      paid ??= [];
      const from = dos - (windowDays - 1);
      while (windowStart < paid.length && s.dayKey(paid[windowStart] as number) < from) windowStart++;
      const inWindow = paid.length - windowStart;
      if (inWindow >= outreachPerWindow) {
        const rows = rowsOf(s, paid, windowStart);
        s.add(i, "ECM-OUTREACH-30D",
          `${ordinal(inWindow + 1)} outreach attempt within ${windowDays} days (${formatDay(from)} to ${formatDay(dos)}): the member already has ${inWindow} paid attempts in that window (rows ${rows.join(", ")}); at most ${outreachPerWindow} are paid in any rolling ${windowDays}-day period.`,
          "dos", rows);
        continue;
      }
      if (paid.length >= outreachMax) {
        const rows = rowsOf(s, paid, 0);
        s.add(i, "ECM-OUTREACH-MAX",
          `Outreach attempt after the member's ${paid.length} paid attempts (rows ${rows.join(", ")}): at most ${outreachMax} outreach attempts are paid before successful engagement.`,
          undefined, rows);
        continue;
      }
      paid.push(i);
    }
  },
};
