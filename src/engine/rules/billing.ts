/** ECM-TAR, ECM-MDT-CHARGE, ECM-UNITS, ECM-CHARGE, ECM-MDT-INFO: what the line bills. */
import { cellOf, type Claim, type EngineContext } from "../claim";
import { headerExamples } from "../columns";
import { entryLabel } from "../rates";
import { cellText, formatMoney, isBlank, parseNumber } from "../values";
import { shown, type RowRule } from "./rule";

export const tarRule: RowRule = {
  id: "ECM-TAR",
  field: "tar",
  check(c, ctx) {
    if (c.entry === undefined || !c.entry.tarRequired) return undefined;
    const what = `${entryLabel(c.entry)} (${c.entry.description}) requires a TAR`;
    if (ctx.mapping.tar === undefined) {
      return `${what}, but there is no TAR column: add one headed ${headerExamples("tar")}.`;
    }
    return isBlank(cellOf(c, ctx.mapping.tar)) ? `${what} and ${ctx.label("tar")} is empty: enter the approved TAR number.` : undefined;
  },
};

/** Describes a billed amount that is not usable ("is empty", "is "abc", not an amount", …). */
function billedProblem(c: Claim, ctx: EngineContext): string {
  const cell = cellOf(c, ctx.mapping.billed);
  if (isBlank(cell)) return `${ctx.label("billed")} is empty`;
  if (c.billed === undefined) return `${ctx.label("billed")} ${shown(cellText(cell))} is not an amount`;
  return `${ctx.label("billed")} is ${formatMoney(c.billed)}`;
}

export const mdtChargeRule: RowRule = {
  id: "ECM-MDT-CHARGE",
  field: "billed",
  check(c, ctx) {
    if (c.entry?.kind !== "mdt" || (c.billed !== undefined && c.billed > 0)) return undefined;
    const problem =
      ctx.mapping.billed === undefined
        ? `there is no billed amount column (add one headed ${headerExamples("billed")})`
        : billedProblem(c, ctx);
    return `${c.code} is information only; must be billed with a charged amount: ${problem}. Enter the charge (greater than $0).`;
  },
};

export const unitsRule: RowRule = {
  id: "ECM-UNITS",
  field: "units",
  check(c, ctx) {
    const cell = cellOf(c, ctx.mapping.units);
    if (isBlank(cell)) return undefined;
    const units = parseNumber(cell);
    if (units === 1) return undefined;
    const seen = units === undefined ? `${shown(cellText(cell))} is not a number` : `is ${units}`;
    return `${ctx.label("units")} ${seen}: ECM lines are billed as 1 unit (the rate is per line, not per unit).`;
  },
};

export const chargeRule: RowRule = {
  id: "ECM-CHARGE",
  field: "billed",
  check(c, ctx) {
    const entry = c.entry;
    if (entry === undefined || entry.kind === "mdt" || ctx.mapping.billed === undefined) return undefined;
    const rate = formatMoney(entry.rate);
    if (c.billed === undefined) return `${billedProblem(c, ctx)}: bill at least the contracted rate of ${rate} for ${entryLabel(entry)}.`;
    if (c.billed < 0) return `${billedProblem(c, ctx)}, a negative charge: bill at least the contracted rate of ${rate} for ${entryLabel(entry)}.`;
    if (c.billed < entry.rate) return `${billedProblem(c, ctx)}, below the contracted rate of ${rate} for ${entryLabel(entry)}.`;
    return undefined;
  },
};

/** Runs last: only G9007 lines that ended with no error get it. */
export const mdtInfoRule: RowRule = {
  id: "ECM-MDT-INFO",
  check: (c) =>
    c.entry?.kind === "mdt" && c.errors === 0
      ? `${c.code} multidisciplinary team conference: information only, reimbursed at ${formatMoney(c.entry.rate)}.`
      : undefined,
};
