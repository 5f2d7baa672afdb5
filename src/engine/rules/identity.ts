/** ECM-MEMBER, ECM-DOS, ECM-FUTURE: who and when. */
import type { EngineContext } from "../claim";
import { formatDay } from "../days";
import type { Day } from "../types";
import { cellText, isBlank } from "../values";
import { shown, type RowRule } from "./rule";

const DATE_FORMATS = "YYYY-MM-DD, M/D/YYYY or an Excel date";

export const memberRule: RowRule = {
  id: "ECM-MEMBER",
  field: "member",
  check: (s, i, ctx) =>
    s.memberOf(i) === -1 ? `${ctx.label("member")} is empty: every claim line needs the member's Medi-Cal ID (CIN).` : undefined,
};

export const dosRule: RowRule = {
  id: "ECM-DOS",
  field: "dos",
  check(s, i, ctx) {
    if (s.dosOf(i) !== undefined) return undefined;
    const cell = s.cell(i, ctx.mapping.dos);
    if (isBlank(cell)) return `${ctx.label("dos")} is empty: enter the date of service (${DATE_FORMATS}).`;
    return `${ctx.label("dos")} ${shown(cellText(cell))} is not a valid date: use ${DATE_FORMATS}.`;
  },
};

export const futureRule: RowRule = {
  id: "ECM-FUTURE",
  field: "dos",
  check(s, i, ctx) {
    const dos = s.dosOf(i);
    if (dos === undefined || dos <= ctx.asOf) return undefined;
    return ctx.remember("ECM-FUTURE", dos, futureMessage);
  },
};

function futureMessage(dos: Day, ctx: EngineContext): string {
  return `Date of service ${formatDay(dos)} is after the as-of date ${formatDay(ctx.asOf)}: a service can only be billed once it has happened.`;
}
