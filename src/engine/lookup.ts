/**
 * Rate lookup for one service line (code + modifier cells), with the same messages as the
 * ECM-CODE and ECM-MODIFIER rules. The function behind =ECM.RATE.
 */
import { DEFAULT_RATES, indexRates, planKey } from "./rates";
import { codeParams, codeRule, modifierParams, modifierRule, periodParams, ratePeriodRule } from "./rules/service";
import type { Cell, Day, RateEntry, RateTable } from "./types";
import { cellText, cleanText, parseModifiers } from "./values";

export type RateResult = { ok: true; entry: RateEntry } | { ok: false; message: string };

/**
 * `day`: the date of service (undefined: the first row that applies); `plan`: the line's plan as
 * written (undefined or "": no plan). The messages are those of ECM-CODE, ECM-MODIFIER and ECM-RATE-PERIOD.
 */
export function createRateLookup(
  table: RateTable = DEFAULT_RATES,
): (code: Cell, modifiers: readonly Cell[], day?: Day, plan?: string) => RateResult {
  const rates = indexRates(table);
  return (codeCell, modifierCells, day, plan) => {
    const code = cellText(codeCell).toUpperCase();
    const badCode = codeParams(code, rates, "Code", "Modifiers");
    if (badCode !== undefined) return { ok: false, message: codeRule.message(badCode) };
    const mods = parseModifiers(modifierCells);
    const written = modifierCells
      .map(cellText)
      .filter((t) => t !== "")
      .join(", ");
    const badMods = modifierParams(code, mods, written, rates, "Modifiers");
    if (badMods !== undefined) return { ok: false, message: modifierRule.message(badMods) };
    const key = planKey(plan);
    const entry = rates.resolve(code, mods.key, day, key);
    if (entry !== undefined) return { ok: true, entry };
    const params = periodParams(code, mods.key, day, { key, name: rates.planName(key) ?? cleanText(plan ?? "") }, rates, {
      noPlan: "no-argument",
    });
    const message = params === undefined ? `${code} has no rate.` : ratePeriodRule.message(params);
    return { ok: false, message };
  };
}
