/** ECM-CODE, ECM-MODIFIER: is the line a service in the rate table? */
import { cellOf } from "../claim";
import { cellText } from "../values";
import { shown, type RowRule } from "./rule";

export const codeRule: RowRule = {
  id: "ECM-CODE",
  field: "hcpcs",
  check(c, ctx) {
    if (ctx.rates.hasCode(c.code)) return undefined;
    const valid = ctx.rates.codes.join(", ");
    if (c.code === "") return `${ctx.label("hcpcs")} is empty: ECM lines use ${valid}.`;
    return `${ctx.label("hcpcs")} ${shown(c.code)} is not an ECM code: use ${valid}.`;
  },
};

export const modifierRule: RowRule = {
  id: "ECM-MODIFIER",
  field: "modifiers",
  check(c, ctx) {
    if (c.entry !== undefined || !ctx.rates.hasCode(c.code)) return undefined;
    const written = ctx.mapping.modifiers
      .map((i) => cellText(cellOf(c, i)))
      .filter((t) => t !== "")
      .join(", ");
    if (c.mods.repeated.length > 0) {
      return `${ctx.label("modifiers")} ${shown(written)} repeats ${c.mods.repeated.join(", ")}: list each modifier once.`;
    }
    const what = c.mods.list.length === 0 ? "no modifier" : `modifiers ${shown(written)}`;
    const valid = ctx.rates.validSets(c.code).join("; ");
    return `${c.code} with ${what} is not in the rate table: valid modifier sets for ${c.code} are ${valid}.`;
  },
};
