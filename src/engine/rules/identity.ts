/** ECM-MEMBER, ECM-DOS, ECM-FUTURE: who and when. */
import type { EngineContext } from "../context";
import { formatDay } from "../days";
import type { Day } from "../types";
import { cellText, isBlank } from "../values";
import { rowRule, shown } from "./rule";

const DATE_FORMATS = "YYYY-MM-DD, M/D/YYYY or an Excel date";

type ColumnParams = { column: string };
type MemberParams = ColumnParams;

export const memberRule = rowRule({
  id: "ECM-MEMBER",
  severity: "error",
  when: "member ID empty",
  field: "member",
  applies: {},
  message: (p: MemberParams) => `${p.column} is empty: every claim line needs the member's Medi-Cal ID (CIN).`,
  check: (s, i, ctx) => (s.memberOf(i) === -1 ? ctx.remember("ECM-MEMBER", "empty", columnOnly) : undefined),
});

type DosParams = { column: string; value: string | undefined; formats: string };

export const dosRule = rowRule({
  id: "ECM-DOS",
  severity: "error",
  when: "date of service empty or not a date",
  field: "dos",
  applies: {},
  message: (p: DosParams) =>
    p.value === undefined
      ? `${p.column} is empty: enter the date of service (${p.formats}).`
      : `${p.column} ${shown(p.value)} is not a valid date: use ${p.formats}.`,
  check(s, i, ctx) {
    if (s.dosOf(i) !== undefined) return undefined;
    const cell = s.cell(i, ctx.mapping.dos);
    if (isBlank(cell)) return ctx.remember("ECM-DOS", undefined, dosParams);
    return dosParams(cellText(cell), ctx);
  },
});

function dosParams(value: string | undefined, ctx: EngineContext): DosParams {
  return { column: ctx.label("dos"), value, formats: DATE_FORMATS };
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

function columnOnly(_key: string, ctx: EngineContext): ColumnParams {
  return { column: ctx.label("member") };
}

/** Every rule of the family; row rules list their findings in this order within a severity. */
export const RULES = [memberRule, dosRule, futureRule] as const;
