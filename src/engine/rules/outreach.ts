/**
 * Outreach (U8) lines: ECM-OUTREACH-MASS on the line itself; ECM-OUTREACH-ENROLLED, -30D and
 * -MAX decided in one pass over the member's countable outreach lines in date order, each line
 * checked against the lines already paid.
 */
import type { EngineContext } from "../context";
import { formatDay } from "../days";
import type { ClaimStore } from "../store";
import { cellText } from "../values";
import { enrollmentParams, describeEnrollment, type EnrollmentParams } from "./enrollment";
import { crossRowRule, lines, nextLine, rowRule, shown, type MemberPass } from "./rule";

const MASS_WORDS = /\b(?:mass|bulk|blast|newsletter|flyer|broadcast)(?:e?s)?\b/i;

type MassParams = { column: string; method: string };

export const massRule = rowRule({
  id: "ECM-OUTREACH-MASS",
  severity: "error",
  when: "outreach line whose method says mass, bulk, blast, newsletter, flyer or broadcast",
  field: "method",
  applies: { kinds: ["outreach"], columns: ["method"] },
  message: (p: MassParams) =>
    `${p.column} ${shown(p.method)} is mass communication: mass mailings, emails or texts do not count as outreach and must not be billed; bill only individualised attempts.`,
  check(s, i, ctx) {
    const cell = s.cell(i, ctx.mapping.method);
    if (cell === "" || cell === null || cell === undefined) return undefined;
    const method = cellText(cell);
    if (!MASS_WORDS.test(method)) return undefined;
    return ctx.remember("ECM-OUTREACH-MASS", method, massParams);
  },
});

function massParams(method: string, ctx: EngineContext): MassParams {
  return { column: ctx.label("method"), method };
}

type EnrolledParams = EnrollmentParams & { dos: string };

export const outreachEnrolledRule = crossRowRule({
  id: "ECM-OUTREACH-ENROLLED",
  severity: "error",
  when: "outreach line dated on or after the member's enrollment date",
  field: "dos",
  applies: { kinds: ["outreach"] },
  message: (p: EnrolledParams) =>
    `Outreach on ${p.dos} is on or after the member's ECM enrollment date ${describeEnrollment(p)}: outreach is paid only before enrollment.`,
});

type WindowParams = {
  attempt: number;
  windowDays: number;
  from: string;
  dos: string;
  paid: number;
  paidRows: readonly number[];
  limit: number;
};

const SUFFIXES = ["th", "st", "nd", "rd"];
const ordinal = (n: number): string => {
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : (SUFFIXES[n % 10] ?? "th");
  return `${n}${s}`;
};

export const outreach30dRule = crossRowRule({
  id: "ECM-OUTREACH-30D",
  severity: "error",
  when: "member already has 5 paid outreach lines in the 30 days ending on this date",
  field: "dos",
  applies: { kinds: ["outreach"] },
  message: (p: WindowParams) =>
    `${ordinal(p.attempt)} outreach attempt within ${p.windowDays} days (${p.from} to ${p.dos}): the member already has ${p.paid} paid attempts in that window (rows ${p.paidRows.join(", ")}); at most ${p.limit} are paid in any rolling ${p.windowDays}-day period.`,
});

type MaxParams = { paid: number; paidRows: readonly number[]; limit: number };

export const outreachMaxRule = crossRowRule({
  id: "ECM-OUTREACH-MAX",
  severity: "error",
  when: "member already has 5 paid outreach lines in total (max before engagement)",
  applies: { kinds: ["outreach"] },
  message: (p: MaxParams) =>
    `Outreach attempt after the member's ${p.paid} paid attempts (rows ${p.paidRows.join(", ")}): at most ${p.limit} outreach attempts are paid before successful engagement.`,
});

/** Row numbers of lines[from ..]. */
function rowsOf(s: ClaimStore, paid: readonly number[], from: number): number[] {
  const rows: number[] = [];
  for (let k = from; k < paid.length; k++) rows.push(s.rowOf(paid[k] as number));
  return rows;
}

const OUTREACH = lines(["outreach"], true);

export const outreachLimitsPass: MemberPass = {
  rules: [outreachEnrolledRule, outreach30dRule, outreachMaxRule],
  run(member, s, ctx) {
    const { outreachPerWindow, windowDays, outreachMax } = ctx.limits;
    const enrollment = member.enrollment;
    let paid: number[] | undefined; // store indices of the paid lines, in date order (made on first use)
    let windowStart = 0; // paid[windowStart..] lie inside the current line's window
    for (let k = nextLine(member, s, member.start, OUTREACH); k < member.dated; k = nextLine(member, s, k + 1, OUTREACH)) {
      const i = member.order[k] as number;
      const dos = s.dayKey(i);
      if (enrollment !== undefined && dos >= enrollment.day) {
        s.add(i, outreachEnrolledRule, { ...enrollmentParams(enrollment), dos: formatDay(dos) }, [enrollment.row]);
        continue;
      }
      paid ??= [];
      const from = dos - (windowDays - 1);
      while (windowStart < paid.length && s.dayKey(paid[windowStart] as number) < from) windowStart++;
      const inWindow = paid.length - windowStart;
      if (inWindow >= outreachPerWindow) {
        const paidRows = rowsOf(s, paid, windowStart);
        const params = {
          attempt: inWindow + 1,
          windowDays,
          from: formatDay(from),
          dos: formatDay(dos),
          paid: inWindow,
          paidRows,
          limit: outreachPerWindow,
        };
        s.add(i, outreach30dRule, params, paidRows);
        continue;
      }
      if (paid.length >= outreachMax) {
        const paidRows = rowsOf(s, paid, 0);
        s.add(i, outreachMaxRule, { paid: paid.length, paidRows, limit: outreachMax }, paidRows);
        continue;
      }
      paid.push(i);
    }
  },
};

/** Every rule of the family; row rules list their findings in this order within a severity. */
export const RULES = [massRule, outreachEnrolledRule, outreach30dRule, outreachMaxRule] as const;
