/**
 * Rate lookup for one service line (code + modifier cells), with the same messages as the
 * ECM-CODE and ECM-MODIFIER rules. The function behind =ECM.RATE.
 */
import { DEFAULT_RATES, indexRates } from "./rates";
import { codeParams, codeRule, modifierParams, modifierRule } from "./rules/service";
import type { Cell, Day, RateEntry, RateTable } from "./types";
import { cellText, parseModifiers } from "./values";

export type RateResult = { ok: true; entry: RateEntry } | { ok: false; message: string };

/** `day`: the date of service (undefined: the table's first row for the service). */
export function createRateLookup(table: RateTable = DEFAULT_RATES): (code: Cell, modifiers: readonly Cell[], day?: Day) => RateResult {
  const rates = indexRates(table);
  return (codeCell, modifierCells, day) => {
    const code = cellText(codeCell).toUpperCase();
    const badCode = codeParams(code, rates, "Code");
    if (badCode !== undefined) return { ok: false, message: codeRule.message(badCode) };
    const mods = parseModifiers(modifierCells);
    const written = modifierCells
      .map(cellText)
      .filter((t) => t !== "")
      .join(", ");
    const badMods = modifierParams(code, mods, written, rates, "Modifiers");
    if (badMods !== undefined) return { ok: false, message: modifierRule.message(badMods) };
    const entry = rates.resolve(code, mods.key, day);
    return entry === undefined ? { ok: false, message: `${code} has no rate in effect on that date.` } : { ok: true, entry };
  };
}
