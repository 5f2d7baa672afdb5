/** ECM-MEMBER, ECM-DOS, ECM-FUTURE: who and when. */
import type { EngineContext } from "../context";
import { dateFormats, formatDay } from "../days";
import type { DateOrder, Day } from "../types";
import { cellText, isBlank, parseDay } from "../values";
import { CIN_FORMAT, isShortenedNumber } from "../placeholders";
import { crossRowRule, rowRule, shown, type MemberPass } from "./rule";
import { isErrorCell } from "./cells";

/** `shortened`: a number Excel showed in scientific notation; its text is part of an ID, so it is not repeated. */
type MemberParams = { column: string; placeholder: string | undefined; shortened?: true };

export const memberRule = rowRule({
  id: "ECM-MEMBER",
  severity: "error",
  when: "member ID empty, a placeholder (unknown, TBD, N/A, none, test, 0, all zeros, ?, desconocido, N/D, …), or a long number Excel shortened (1.23457E+11)",
  field: "member",
  applies: {},
  message: (p: MemberParams) =>
    p.shortened
      ? `${p.column} is a number Excel shortened to scientific notation (like 1.23457E+11), so its last digits are lost and lines of different members could look alike: format the column as Text where the file was made and export it again.`
      : p.placeholder === undefined
        ? `${p.column} is empty: every claim line needs the member's Medi-Cal ID (CIN).`
        : `${p.column} ${shown(p.placeholder)} is a placeholder, not a member ID: enter the member's Medi-Cal ID (CIN).`,
  check(s, i, ctx) {
    if (s.memberOf(i) !== -1 || isErrorCell(s, i, ctx.mapping.member)) return undefined;
    const cell = s.cell(i, ctx.mapping.member);
    return ctx.remember("ECM-MEMBER", isBlank(cell) ? undefined : cellText(cell), memberParams);
  },
});

function memberParams(placeholder: string | undefined, ctx: EngineContext): MemberParams {
  if (placeholder !== undefined && isShortenedNumber(placeholder.toUpperCase()))
    return { column: ctx.label("member"), placeholder: undefined, shortened: true };
  return { column: ctx.label("member"), placeholder };
}

/** `from`: when the cell holds a range of two dates ("3/1/2026 - 3/31/2026"), its first day. */
type DosParams = { column: string; value: string | undefined; formats: string; from?: string };

export const dosRule = rowRule({
  id: "ECM-DOS",
  severity: "error",
  when: "date of service empty or not a date",
  field: "dos",
  applies: {},
  message: (p: DosParams) =>
    p.value === undefined
      ? `${p.column} is empty: enter the date of service (${p.formats}).`
      : p.from !== undefined
        ? `${p.column} ${shown(p.value)} is a range of dates, not a date of service: put the day the service was given (for a month's PEPM line, e.g. its first day ${p.from}) in ${p.column}.`
        : `${p.column} ${shown(p.value)} is not a valid date: use ${p.formats}.`,
  check(s, i, ctx) {
    if (s.dosOf(i) !== undefined || isErrorCell(s, i, ctx.mapping.dos)) return undefined;
    const cell = s.cell(i, ctx.mapping.dos);
    if (isBlank(cell)) return ctx.remember("ECM-DOS", undefined, dosParams);
    return dosParams(cellText(cell), ctx);
  },
});

/** Two dates joined by a dash, an en dash, "to", "through" or "thru" (a From–To span in one cell). */
const RANGE_JOINS = /\s*(?:[-\u2013\u2014]|\bto\b|\bthrough\b|\bthru\b)\s*/gi;

/** The first day of a cell that holds a range of two dates, as YYYY-MM-DD; else undefined. */
function rangeStart(text: string, order: DateOrder): string | undefined {
  if (text.length > 64) return undefined;
  // Split at each joiner in turn: ISO dates hold dashes themselves, so the joiner is the one with a date on both sides.
  for (const j of text.matchAll(RANGE_JOINS)) {
    const at = j.index ?? 0;
    const from = parseDay(text.slice(0, at), 1900, order);
    if (from !== undefined && parseDay(text.slice(at + j[0].length), 1900, order) !== undefined) return formatDay(from);
  }
  return undefined;
}

function dosParams(value: string | undefined, ctx: EngineContext): DosParams {
  const from = value === undefined ? undefined : rangeStart(value, ctx.dateOrder);
  return { column: ctx.label("dos"), value, formats: dateFormats(ctx.dateOrder), ...(from === undefined ? {} : { from }) };
}

type FutureParams = { dos: string; asOf: string };

export const futureRule = rowRule({
  id: "ECM-FUTURE",
  severity: "error",
  when: "date of service after the as-of date",
  field: "dos",
  applies: {},
  message: (p: FutureParams) =>
    `Date of service ${p.dos} is after the as-of date ${p.asOf}: a service can only be billed once it has happened.`,
  check(s, i, ctx) {
    const dos = s.dosOf(i);
    if (dos === undefined || dos <= ctx.asOf) return undefined;
    return ctx.remember("ECM-FUTURE", dos, futureParams);
  },
});

function futureParams(dos: Day, ctx: EngineContext): FutureParams {
  return { dos: formatDay(dos), asOf: formatDay(ctx.asOf) };
}

type FormatParams = { column: string };

export const memberFormatRule = crossRowRule({
  id: "ECM-MEMBER-FORMAT",
  severity: "warning",
  when: 'with the option "member IDs are Medi-Cal CINs" (off by default): member ID not 8 digits then a letter',
  field: "member",
  applies: {},
  message: (p: FormatParams) => `${p.column} is not a Medi-Cal CIN (9 characters: 8 digits then a letter, e.g. 91234567A).`,
});

/** With the option on, checks each member's ID once and flags every line (of a plan with the option) of a member whose ID is not a CIN. */
export const memberFormatPass: MemberPass = {
  rules: [memberFormatRule],
  run(member, s, ctx) {
    if (!ctx.anyCinFormat || CIN_FORMAT.test(s.memberKey(member.id))) return;
    const params = ctx.remember("ECM-MEMBER-FORMAT", undefined, formatParams);
    for (let k = member.start; k < member.end; k++) {
      const i = member.order[k] as number;
      if (s.planOf(i).limits.cinFormat) s.add(i, memberFormatRule, params); // the option is per plan (the rate book's limits)
    }
  },
};

function formatParams(_key: undefined, ctx: EngineContext): FormatParams {
  return { column: ctx.label("member") };
}

/** Every rule of the family; row rules list their findings in this order within a severity. */
export const RULES = [memberRule, dosRule, futureRule, memberFormatRule] as const;
