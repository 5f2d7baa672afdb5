/** ECM-TAR, ECM-MDT-CHARGE, ECM-UNITS, ECM-CHARGE, ECM-MDT-INFO: what the line bills. */
import type { EngineContext } from "../context";
import { headerExamples } from "../columns";
import { entryLabel } from "../rates";
import type { ClaimStore } from "../store";
import type { RateEntry } from "../types";
import { cellText, formatMoney, isBlank, parseNumber } from "../values";
import { rowRule, shown } from "./rule";
import { isErrorCell } from "./cells";
import { isShortenedNumber } from "../placeholders";

type TarParams = { service: string; description: string; column: string | undefined; headers: string; placeholder: string | undefined };

export const tarRule = rowRule({
  id: "ECM-TAR",
  severity: "error",
  when: "the rate row requires a TAR and the TAR cell is empty, a placeholder (none, N/A, pending, TBD, 0, …) or shortened by Excel (1.2E+11), or there is no TAR column",
  field: "tar",
  applies: { tarRequired: true },
  asksFilled: ["tar"],
  message(p: TarParams) {
    const what = `${p.service} (${p.description}) requires a TAR`;
    if (p.column === undefined) return `${what}, but there is no TAR column: add one headed ${p.headers}.`;
    if (p.placeholder !== undefined && isShortenedNumber(p.placeholder.toUpperCase()))
      return `${what} and ${p.column} ${shown(p.placeholder)} is a number Excel shortened, so its last digits are lost: enter the full TAR number.`;
    if (p.placeholder !== undefined)
      return `${what} and ${p.column} ${shown(p.placeholder)} is a placeholder, not a TAR number: enter the approved TAR number.`;
    return `${what} and ${p.column} is empty: enter the approved TAR number.`;
  },
  check(s, i, ctx) {
    if (s.filled(i, "tar") || isErrorCell(s, i, ctx.mapping.tar)) return undefined;
    const entry = s.entryOf(i) as RateEntry;
    const cell = s.cell(i, ctx.mapping.tar);
    if (isBlank(cell)) return ctx.remember("ECM-TAR", entry, tarParams);
    return { ...tarParams(entry, ctx), placeholder: cellText(cell) }; // a placeholder such as "N/A"
  },
});

function tarParams(entry: RateEntry, ctx: EngineContext): TarParams {
  const column = ctx.mapping.tar === undefined ? undefined : ctx.label("tar");
  return { service: entryLabel(entry), description: entry.description, column, headers: headerExamples("tar"), placeholder: undefined };
}

/** How the billed amount reads in a message: empty, not an amount (as typed), or an amount. */
type Billed = { column: string; billed: number | undefined; typed: string | undefined };

function billedOf(s: ClaimStore, i: number, ctx: EngineContext): Billed {
  const cell = s.cell(i, ctx.mapping.billed);
  return { column: ctx.label("billed"), billed: s.billedOf(i), typed: isBlank(cell) ? undefined : cellText(cell) };
}

/** "Billed Amount is empty", "Billed Amount "abc" is not an amount", "Billed Amount is $3.00". */
function billedProblem(p: Billed): string {
  if (p.typed === undefined) return `${p.column} is empty`;
  if (p.billed === undefined) return `${p.column} ${shown(p.typed)} is not an amount`;
  return `${p.column} is ${formatMoney(p.billed)}`;
}

type MdtChargeParams = Billed & { code: string; headers: string | undefined };

export const mdtChargeRule = rowRule({
  id: "ECM-MDT-CHARGE",
  severity: "error",
  when: "G9007 without a billed amount > 0",
  field: "billed",
  applies: { kinds: ["mdt"] },
  message(p: MdtChargeParams) {
    const problem = p.headers !== undefined ? `there is no billed amount column (add one headed ${p.headers})` : billedProblem(p);
    return `${p.code} is information only; must be billed with a charged amount: ${problem}. Enter the charge (greater than $0).`;
  },
  check(s, i, ctx) {
    const billed = s.billedOf(i);
    if ((billed !== undefined && billed > 0) || isErrorCell(s, i, ctx.mapping.billed)) return undefined;
    const headers = ctx.mapping.billed === undefined ? headerExamples("billed") : undefined;
    return { ...billedOf(s, i, ctx), code: s.codeOf(i), headers };
  },
});

type UnitsParams = { column: string; units: number | undefined; typed: string };

export const unitsRule = rowRule({
  id: "ECM-UNITS",
  severity: "warning",
  when: "units cell present and not 1",
  field: "units",
  applies: { columns: ["units"] },
  message: (p: UnitsParams) =>
    `${p.column} ${p.units === undefined ? `${shown(p.typed)} is not a number` : `is ${p.units}`}: ECM lines are billed as 1 unit (the rate is per line, not per unit).`,
  check(s, i, ctx) {
    const cell = s.cell(i, ctx.mapping.units);
    if (cell === 1 || isBlank(cell) || isErrorCell(s, i, ctx.mapping.units)) return undefined;
    const units = parseNumber(cell);
    if (units === 1) return undefined;
    return { column: ctx.label("units"), units, typed: cellText(cell) };
  },
});

type ChargeParams = Billed & { rate: number; service: string; lesserOf: boolean };

export const chargeRule = rowRule({
  id: "ECM-CHARGE",
  severity: "warning",
  when: "billed amount empty, not a number, negative, or below the rate (only on lines with a rate entry other than G9007)",
  field: "billed",
  applies: { kinds: ["pepm", "outreach", "engagement"], columns: ["billed"] },
  message(p: ChargeParams) {
    const rate = `the contracted rate of ${formatMoney(p.rate)} for ${p.service}`;
    if (p.billed === undefined) return `${billedProblem(p)}: bill at least ${rate}.`;
    if (p.billed < 0) return `${billedProblem(p)}, a negative charge${p.lesserOf ? " (expected payment $0)" : ""}: bill at least ${rate}.`;
    return `${billedProblem(p)}, below ${rate}${p.lesserOf ? ": the expected payment is the billed amount (lesser of billed and rate)" : ""}.`;
  },
  check(s, i, ctx) {
    const entry = s.entryOf(i) as RateEntry;
    const billed = s.billedOf(i);
    if ((billed !== undefined && billed >= entry.rate) || isErrorCell(s, i, ctx.mapping.billed)) return undefined;
    return { ...billedOf(s, i, ctx), rate: entry.rate, service: entryLabel(entry), lesserOf: s.planOf(i).limits.lesserOfBilled };
  },
});

type MdtInfoParams = { code: string; rate: number };

/** Runs at the verdict: only G9007 lines that ended with no error get it. */
export const mdtInfoRule = rowRule({
  id: "ECM-MDT-INFO",
  severity: "info",
  when: "every valid G9007 line: information only, $0",
  applies: { kinds: ["mdt"] },
  phase: "verdict",
  // A rate book may price G9007 above $0; the line then pays the lesser of billed and rate, so the
  // message gives the rate as the book's, not as what the line is reimbursed.
  message: (p: MdtInfoParams) =>
    p.rate === 0
      ? `${p.code} multidisciplinary team conference: information only, reimbursed at ${formatMoney(0)}.`
      : `${p.code} multidisciplinary team conference: information only; the rate table gives it a rate of ${formatMoney(p.rate)}.`,
  check: (s, i, ctx) => (s.isCountable(i) ? ctx.remember("ECM-MDT-INFO", s.entryOf(i) as RateEntry, mdtInfoParams) : undefined),
});

function mdtInfoParams(entry: RateEntry): MdtInfoParams {
  return { code: entry.code, rate: entry.rate };
}

/** Every rule of the family; row rules list their findings in this order within a severity. */
export const RULES = [tarRule, mdtChargeRule, unitsRule, chargeRule, mdtInfoRule] as const;
