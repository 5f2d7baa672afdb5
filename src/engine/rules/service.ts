/** ECM-CODE, ECM-MODIFIER: is the line a service in the rate table? */
import { cellText } from "../values";
import { shown, type RowRule } from "./rule";

export const codeRule: RowRule = {
  id: "ECM-CODE",
  field: "hcpcs",
  check(s, i, ctx) {
    const code = s.codeOf(i);
    if (ctx.rates.hasCode(code)) return undefined;
    const valid = ctx.rates.codes.join(", ");
    if (code === "") return `${ctx.label("hcpcs")} is empty: ECM lines use ${valid}.`;
    return `${ctx.label("hcpcs")} ${shown(code)} is not an ECM code: use ${valid}.`;
  },
};

export const modifierRule: RowRule = {
  id: "ECM-MODIFIER",
  field: "modifiers",
  check(s, i, ctx) {
    const code = s.codeOf(i);
    if (s.entryOf(i) !== undefined || !ctx.rates.hasCode(code)) return undefined;
    const mods = s.modsOf(i);
    const written = ctx.mapping.modifiers
      .map((column) => cellText(s.cell(i, column)))
      .filter((t) => t !== "")
      .join(", ");
    if (mods.repeated.length > 0) {
      return `${ctx.label("modifiers")} ${shown(written)} repeats ${mods.repeated.join(", ")}: list each modifier once.`;
    }
    const what = mods.list.length === 0 ? "no modifier" : `modifiers ${shown(written)}`;
    const valid = ctx.rates.validSets(code).join("; ");
    return `${code} with ${what} is not in the rate table: valid modifier sets for ${code} are ${valid}.`;
  },
};
