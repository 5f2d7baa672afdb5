/** ECM-TAR, ECM-MDT-CHARGE, ECM-UNITS, ECM-CHARGE, ECM-MDT-INFO: what the line bills. */
import type { ClaimStore, EngineContext } from "../claim";
import type { RateEntry } from "../types";
import { headerExamples } from "../columns";
import { entryLabel } from "../rates";
import { cellText, formatMoney, isBlank, parseNumber } from "../values";
import { shown, type RowRule } from "./rule";

export const tarRule: RowRule = {
  id: "ECM-TAR",
  field: "tar",
  appliesTo: (entry) => entry?.tarRequired === true,
  check(s, i, ctx) {
    if (s.hasTar(i)) return undefined;
    return ctx.remember("ECM-TAR", s.entryOf(i) as RateEntry, tarMessage);
  },
};

function tarMessage(entry: RateEntry, ctx: EngineContext): string {
  const what = `${entryLabel(entry)} (${entry.description}) requires a TAR`;
  if (ctx.mapping.tar === undefined) return `${what}, but there is no TAR column: add one headed ${headerExamples("tar")}.`;
  return `${what} and ${ctx.label("tar")} is empty: enter the approved TAR number.`;
}

/** Describes a billed amount that is not usable ("is empty", "is "abc", not an amount", …). */
function billedProblem(s: ClaimStore, i: number, ctx: EngineContext): string {
  const cell = s.cell(i, ctx.mapping.billed);
  const billed = s.billedOf(i);
  if (isBlank(cell)) return `${ctx.label("billed")} is empty`;
  if (billed === undefined) return `${ctx.label("billed")} ${shown(cellText(cell))} is not an amount`;
  return `${ctx.label("billed")} is ${formatMoney(billed)}`;
}

export const mdtChargeRule: RowRule = {
  id: "ECM-MDT-CHARGE",
  field: "billed",
  appliesTo: (entry) => entry?.kind === "mdt",
  check(s, i, ctx) {
    const billed = s.billedOf(i);
    if (billed !== undefined && billed > 0) return undefined;
    const problem =
      ctx.mapping.billed === undefined
        ? `there is no billed amount column (add one headed ${headerExamples("billed")})`
        : billedProblem(s, i, ctx);
    return `${s.codeOf(i)} is information only; must be billed with a charged amount: ${problem}. Enter the charge (greater than $0).`;
  },
};

export const unitsRule: RowRule = {
  id: "ECM-UNITS",
  field: "units",
  appliesTo: (_entry, ctx) => ctx.mapping.units !== undefined,
  check(s, i, ctx) {
    const cell = s.cell(i, ctx.mapping.units);
    if (cell === 1 || isBlank(cell)) return undefined;
    const units = parseNumber(cell);
    if (units === 1) return undefined;
    const seen = units === undefined ? `${shown(cellText(cell))} is not a number` : `is ${units}`;
    return `${ctx.label("units")} ${seen}: ECM lines are billed as 1 unit (the rate is per line, not per unit).`;
  },
};

export const chargeRule: RowRule = {
  id: "ECM-CHARGE",
  field: "billed",
  appliesTo: (entry, ctx) => entry !== undefined && entry.kind !== "mdt" && ctx.mapping.billed !== undefined,
  check(s, i, ctx) {
    const entry = s.entryOf(i) as RateEntry;
    const billed = s.billedOf(i);
    if (billed !== undefined && billed >= entry.rate) return undefined;
    const rate = `the contracted rate of ${formatMoney(entry.rate)} for ${entryLabel(entry)}`;
    if (billed === undefined) return `${billedProblem(s, i, ctx)}: bill at least ${rate}.`;
    if (billed < 0) return `${billedProblem(s, i, ctx)}, a negative charge: bill at least ${rate}.`;
    return `${billedProblem(s, i, ctx)}, below ${rate}.`;
  },
};

/** Runs last: only G9007 lines that ended with no error get it. */
export const mdtInfoRule: RowRule = {
  id: "ECM-MDT-INFO",
  appliesTo: (entry) => entry?.kind === "mdt",
  check(s, i, ctx) {
    if (!s.isCountable(i)) return undefined;
    return ctx.remember("ECM-MDT-INFO", s.entryOf(i) as RateEntry, mdtInfoMessage);
  },
};

function mdtInfoMessage(entry: RateEntry): string {
  return `${entry.code} multidisciplinary team conference: information only, reimbursed at ${formatMoney(entry.rate)}.`;
}
