/**
 * Outreach (U8) lines: ECM-OUTREACH-MASS on the line itself; ECM-OUTREACH-ENROLLED, -30D and
 * -MAX decided in one pass over the member's countable outreach lines in date order, each line
 * checked against the lines already paid.
 */
import { addFinding, cellOf, isCountable, type Claim } from "../claim";
import { formatDay } from "../days";
import { cellText } from "../values";
import { describeEnrollment } from "./enrollment";
import { shown, type MemberRule, type RowRule } from "./rule";

const MASS_WORDS = /\b(?:mass|bulk|blast|newsletter|flyer|broadcast)(?:e?s)?\b/i;

export const massRule: RowRule = {
  id: "ECM-OUTREACH-MASS",
  field: "method",
  check(c, ctx) {
    if (c.entry?.kind !== "outreach") return undefined;
    const method = cellText(cellOf(c, ctx.mapping.method));
    if (!MASS_WORDS.test(method)) return undefined;
    return `${ctx.label("method")} ${shown(method)} is mass communication: mass mailings, emails or texts do not count as outreach and must not be billed; bill only individualised attempts.`;
  },
};

const ordinal = (n: number): string => {
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${s}`;
};
const rowsOf = (claims: readonly Claim[]): number[] => claims.map((c) => c.row);

export const outreachLimitsRule: MemberRule = {
  ids: ["ECM-OUTREACH-ENROLLED", "ECM-OUTREACH-30D", "ECM-OUTREACH-MAX"],
  run(member, ctx) {
    const { outreachPerWindow, windowDays, outreachMax } = ctx.limits;
    const enrollment = member.enrollment;
    const paid: Claim[] = [];
    let windowStart = 0; // paid[windowStart..] are inside the current line's window
    for (const c of member.ordered) {
      if (c.entry?.kind !== "outreach" || !isCountable(c) || c.dos === undefined) continue;
      const dos = c.dos;
      if (enrollment !== undefined && dos >= enrollment.day) {
        addFinding(c, "ECM-OUTREACH-ENROLLED",
          `Outreach on ${formatDay(dos)} is on or after the member's ECM enrollment date ${describeEnrollment(enrollment)}: outreach is paid only before enrollment.`,
          "dos", [enrollment.row]);
        continue;
      }
      const from = dos - (windowDays - 1);
      while (windowStart < paid.length && (paid[windowStart]?.dos ?? from) < from) windowStart++;
      const inWindow = paid.slice(windowStart);
      if (inWindow.length >= outreachPerWindow) {
        addFinding(c, "ECM-OUTREACH-30D",
          `${ordinal(inWindow.length + 1)} outreach attempt within ${windowDays} days (${formatDay(from)} to ${formatDay(dos)}): the member already has ${inWindow.length} paid attempts in that window (rows ${rowsOf(inWindow).join(", ")}); at most ${outreachPerWindow} are paid in any rolling ${windowDays}-day period.`,
          "dos", rowsOf(inWindow));
        continue;
      }
      if (paid.length >= outreachMax) {
        addFinding(c, "ECM-OUTREACH-MAX",
          `Outreach attempt after the member's ${paid.length} paid attempts (rows ${rowsOf(paid).join(", ")}): at most ${outreachMax} outreach attempts are paid before successful engagement.`,
          undefined, rowsOf(paid));
        continue;
      }
      paid.push(c);
    }
  },
};
