/**
 * Rate lookup for one service line (code + modifier cells), with the same messages as the
 * ECM-CODE and ECM-MODIFIER rules. The function behind =ECM.RATE.
 */
import { DEFAULT_RATES, indexRates } from "./rates";
import { codeProblem, modifierProblem } from "./rules/service";
import type { Cell, RateEntry, RateTable } from "./types";
import { cellText, parseModifiers } from "./values";

export type RateResult = { ok: true; entry: RateEntry } | { ok: false; message: string };

export function createRateLookup(table: RateTable = DEFAULT_RATES): (code: Cell, modifiers: readonly Cell[]) => RateResult {
  const rates = indexRates(table);
  return (codeCell, modifierCells) => {
    const code = cellText(codeCell).toUpperCase();
    const mods = parseModifiers(modifierCells);
    const written = modifierCells.map(cellText).filter((t) => t !== "").join(", ");
    const problem = codeProblem(code, rates, "Code") ?? modifierProblem(code, mods, written, rates, "Modifiers");
    if (problem !== undefined) return { ok: false, message: problem };
    const entry = rates.lookup(code, mods.key);
    return entry === undefined ? { ok: false, message: `${code} is not in the rate table.` } : { ok: true, entry };
  };
}
