/** ECM-CODE, ECM-MODIFIER: is the line a service in the rate table? */
import type { RateIndex } from "../rates";
import { cellText, type ParsedModifiers } from "../values";
import { shown, type RowRule } from "./rule";

/** What is wrong with a code, or undefined when the rate table has it. Shared with ECM.RATE. */
export function codeProblem(code: string, rates: RateIndex, label: string): string | undefined {
  if (rates.hasCode(code)) return undefined;
  const valid = rates.codes.join(", ");
  if (code === "") return `${label} is empty: ECM lines use ${valid}.`;
  return `${label} ${shown(code)} is not an ECM code: use ${valid}.`;
}

/** What is wrong with the modifiers of a known code (`written` = as typed). Shared with ECM.RATE. */
export function modifierProblem(code: string, mods: ParsedModifiers, written: string, rates: RateIndex, label: string): string | undefined {
  if (mods.repeated.length > 0) return `${label} ${shown(written)} repeats ${mods.repeated.join(", ")}: list each modifier once.`;
  if (rates.lookup(code, mods.key) !== undefined) return undefined;
  const what = mods.list.length === 0 ? "no modifier" : `modifiers ${shown(written)}`;
  return `${code} with ${what} is not in the rate table: valid modifier sets for ${code} are ${rates.validSets(code).join("; ")}.`;
}

export const codeRule: RowRule = {
  id: "ECM-CODE",
  field: "hcpcs",
  appliesTo: (entry) => entry === undefined, // a line with a rate entry has a code of the table
  check(s, i, ctx) {
    const code = s.codeOf(i);
    return ctx.rates.hasCode(code) ? undefined : codeProblem(code, ctx.rates, ctx.label("hcpcs"));
  },
};

export const modifierRule: RowRule = {
  id: "ECM-MODIFIER",
  field: "modifiers",
  appliesTo: (entry) => entry === undefined,
  check(s, i, ctx) {
    const code = s.codeOf(i);
    if (!ctx.rates.hasCode(code)) return undefined; // an unknown code is ECM-CODE's finding
    const written = ctx.mapping.modifiers
      .map((column) => cellText(s.cell(i, column)))
      .filter((t) => t !== "")
      .join(", ");
    return modifierProblem(code, s.modsOf(i), written, ctx.rates, ctx.label("modifiers"));
  },
};
