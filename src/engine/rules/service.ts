/** ECM-CODE, ECM-MODIFIER, ECM-RATE-PERIOD: is the line a service of the rate table, on its date? */
import { formatDay } from "../days";
import { modifierLabel, periodsLabel, type RateIndex } from "../rates";
import type { Day } from "../types";
import { cellText, parseModifiers, type ParsedModifiers } from "../values";
import { rowRule, shown } from "./rule";
import { isErrorCell } from "./cells";

/**
 * `modifiers`: when the cell holds a code of the table followed by modifiers ("G9008-U1"), those
 * modifiers, and `modifiersColumn` where they belong.
 */
type CodeParams = { column: string; code: string; valid: string; modifiers?: string; modifiersColumn?: string };

export const codeRule = rowRule({
  id: "ECM-CODE",
  severity: "error",
  when: "HCPCS not one of the rate table's codes (G9007, G9008, G9012)",
  field: "hcpcs",
  applies: { kinds: ["none"] }, // a line with a rate entry has a code of the table
  message(p: CodeParams) {
    if (p.code === "") return `${p.column} is empty: ECM lines use ${p.valid}.`;
    if (p.modifiers !== undefined)
      return `${p.column} ${shown(p.code)} holds the code and its modifiers in one cell: put ${p.code.slice(0, 5)} in ${p.column} and ${p.modifiers} in ${p.modifiersColumn ?? "the modifiers"}.`;
    return `${p.column} ${shown(p.code)} is not an ECM code: use ${p.valid}.`;
  },
  check(s, i, ctx) {
    if (isErrorCell(s, i, ctx.mapping.hcpcs)) return undefined;
    return codeParams(s.codeOf(i), ctx.rates, ctx.label("hcpcs"), modifiersColumn(ctx.mapping.modifiers.length, ctx.label("modifiers")));
  },
});

/** The params of ECM-CODE for a code, or undefined when the rate table has it. Shared with ECM.RATE. */
export function codeParams(code: string, rates: RateIndex, column: string, modifiersColumn: string): CodeParams | undefined {
  if (rates.hasCode(code)) return undefined;
  const modifiers = modifiersAfterCode(code, rates);
  return { column, code, valid: rates.codes.join(", "), ...(modifiers === undefined ? {} : { modifiers, modifiersColumn }) };
}

/** Where a line's modifiers go, as a message says it: the one column by its header, else the Modifier 1..4 columns. */
const modifiersColumn = (columns: number, label: string): string =>
  columns === 1 ? label : columns === 0 ? "a Modifiers column" : "the Modifier columns";

/** Separators between a code and its modifiers written in one cell: those of a modifier cell, and ":". */
const AFTER_CODE = /^[\s,;/|+:-]*/;
const TWO_CHARACTERS = /^[A-Z0-9]{2}$/;

/**
 * The modifiers of a code cell that holds a code of the table and then modifiers, as exports that
 * print the service as one text write it ("G9008-U1", "G9008 U1 GQ", "G9012:U8", "G9008U1"), e.g.
 * "U1, GQ"; undefined for any other text. `code` is trimmed and upper-cased.
 */
function modifiersAfterCode(code: string, rates: RateIndex): string | undefined {
  if (code.length < 7 || code.length > 32 || !rates.hasCode(code.slice(0, 5))) return undefined;
  const rest = code.slice(5).replace(AFTER_CODE, "").replaceAll(":", " ");
  const { list } = parseModifiers([rest]);
  return list.length > 0 && list.every((m) => TWO_CHARACTERS.test(m)) ? list.join(", ") : undefined;
}

type ModifierParams = { column: string; code: string; written: string; repeated: string | undefined; validSets: string };

export const modifierRule = rowRule({
  id: "ECM-MODIFIER",
  severity: "error",
  when: "modifier set not in the rate table for that code, or a modifier repeated",
  field: "modifiers",
  applies: { kinds: ["none"] },
  message(p: ModifierParams) {
    if (p.repeated !== undefined) return `${p.column} ${shown(p.written)} repeats ${p.repeated}: list each modifier once.`;
    const what = p.written === "" ? "no modifier" : `modifiers ${shown(p.written)}`;
    return `${p.code} with ${what} is not in the rate table: valid modifier sets for ${p.code} are ${p.validSets}.`;
  },
  check(s, i, ctx) {
    const code = s.codeOf(i);
    if (!ctx.rates.hasCode(code)) return undefined; // an unknown code is ECM-CODE's finding
    if (ctx.mapping.modifiers.some((column) => isErrorCell(s, i, column))) return undefined;
    const written = ctx.mapping.modifiers
      .map((column) => cellText(s.cell(i, column)))
      .filter((t) => t !== "")
      .join(", ");
    return modifierParams(code, s.modsOf(i), written, ctx.rates, ctx.label("modifiers"));
  },
});

/** The params of ECM-MODIFIER for a known code's modifiers (`written` = as typed), or undefined when the table has the set. Shared with ECM.RATE. */
export function modifierParams(
  code: string,
  mods: ParsedModifiers,
  written: string,
  rates: RateIndex,
  column: string,
): ModifierParams | undefined {
  const validSets = rates.validSets(code).join("; ");
  if (mods.repeated.length > 0) return { column, code, written, repeated: mods.repeated.join(", "), validSets };
  if (rates.entriesOf(code, mods.key).length > 0) return undefined;
  return { column, code, written, repeated: undefined, validSets };
}

/**
 * Where a line without a plan would get one: the claims have no plan column ("no-column"), the
 * line's cell in it is empty ("empty-cell", `planColumn` its header), or ECM.RATE was given no
 * plan ("no-argument"). Undefined when the line has a plan.
 */
type NoPlan = "no-column" | "empty-cell" | "no-argument";

type PeriodParams = {
  code: string;
  modifiers: string;
  dos: string | undefined;
  plan: string | undefined;
  noPlan: NoPlan | undefined;
  planColumn: string | undefined;
  periods: string;
};

const NO_PLAN = {
  "no-column": () => " for lines without a plan (add a Plan column)",
  "empty-cell": (column: string | undefined) => ` for lines whose ${column ?? "Plan"} cell is empty`,
  "no-argument": () => " without a plan (give ECM.RATE the plan)",
} satisfies Record<NoPlan, (column: string | undefined) => string>;

export const ratePeriodRule = rowRule({
  id: "ECM-RATE-PERIOD",
  severity: "error",
  when: "the code and modifier set are in the rate table, but no row of it for the line's plan is in effect on the date of service",
  field: "dos",
  applies: { kinds: ["none"] },
  message(p: PeriodParams) {
    const forPlan =
      p.plan === undefined ? "" : p.plan === "" ? NO_PLAN[p.noPlan ?? "no-column"](p.planColumn) : ` for plan ${shown(p.plan)}`;
    const when = p.dos === undefined ? "" : ` in effect on ${p.dos}`;
    return `${p.code} ${p.modifiers} has no rate${forPlan}${when}: the rate table has it for ${p.periods}.`;
  },
  check(s, i, ctx) {
    const mods = s.modsOf(i);
    if (mods.repeated.length > 0) return undefined;
    const code = s.codeOf(i);
    const plan = s.planOf(i);
    const dos = s.dosOf(i);
    if (dos === undefined && ctx.rates.entriesFor(code, mods.key, plan.key).length > 0) return undefined; // ECM-DOS's finding
    const column = ctx.mapping.plan;
    const where =
      column === undefined ? { noPlan: "no-column" as const } : { noPlan: "empty-cell" as const, planColumn: ctx.label("plan") };
    return periodParams(code, mods.key, dos, plan, ctx.rates, where);
  },
});

/**
 * The params of ECM-RATE-PERIOD for a code and modifier set the table has, on `day` for a line of
 * `plan` (its planKey and its name as shown); undefined when the table has no row for the code and
 * modifier set at all (ECM-CODE's or ECM-MODIFIER's finding). Shared with ECM.RATE. `where` says
 * where a plan would have come from, for the message when the line has none.
 */
export function periodParams(
  code: string,
  modKey: string,
  day: Day | undefined,
  plan: { readonly key: string; readonly name: string },
  rates: RateIndex,
  where: { noPlan: NoPlan; planColumn?: string },
): PeriodParams | undefined {
  const all = rates.entriesOf(code, modKey);
  const first = all[0];
  if (first === undefined) return undefined;
  const rows = rates.entriesFor(code, modKey, plan.key);
  const name = rates.planned && (plan.name !== "" || rows.length === 0) ? plan.name : undefined;
  return {
    code: first.code,
    modifiers: modifierLabel(first.modifiers),
    dos: day === undefined || rows.length === 0 ? undefined : formatDay(day), // no row for the plan: the date does not matter
    plan: name,
    noPlan: name === "" ? where.noPlan : undefined,
    planColumn: name === "" ? where.planColumn : undefined,
    periods: periodsLabel(rows.length > 0 ? rows : all),
  };
}

/** Every rule of the family; row rules list their findings in this order within a severity. */
export const RULES = [codeRule, modifierRule, ratePeriodRule] as const;
