/**
 * ECM-PAID, ECM-UNDERPAID, ECM-OVERPAID: what the plan paid against what the line should pay; and
 * the expected amount of a line, the one place that decides it.
 */
import type { EngineContext } from "../context";
import type { ClaimStore } from "../store";
import { cellText, formatMoney, isBlank, parseMoney } from "../values";
import { lines, rowRule, shown } from "./rule";
import { isErrorCell } from "./cells";
import { chargeRule } from "./billing";

/** Kind codes (store.kindCode) of the lines ECM-CHARGE looks at (bit k: kind code k). */
const CHARGE_CHECKED = lines(chargeRule.applies.kinds ?? [], false).kinds;

/**
 * The expected reimbursement of line i as its findings stand: $0 with an error or a finding that
 * pays nothing (a duplicate, a second PEPM line in a month); else the rate, or, when the plan's
 * limits say lesser of billed (the default), the billed amount if it is a number below the rate
 * ($0 for a negative one). An empty or unreadable billed amount leaves the rate (ECM-CHARGE warns).
 */
export function expectedAmount(s: ClaimStore, i: number): number {
  const status = s.statusIndex(i);
  if (status === 2 || s.paysNothing(i)) return 0;
  const entry = s.entryOf(i);
  if (entry === undefined) return 0;
  const rate = entry.rate;
  // A rate of $0 pays $0 whatever was billed. On the kinds ECM-CHARGE looks at, a billed amount
  // below the rate always has its warning, so a line without a warning pays the rate. Neither reads
  // the billed cell again (a million scattered cells cost ≈ 100 ms). G9007's kind, whose rate a
  // book may set above $0, is not one of those kinds.
  if (rate === 0 || (status === 0 && ((CHARGE_CHECKED >>> s.kindCode(i)) & 1) === 1)) return rate;
  if (!s.planOf(i).limits.lesserOfBilled) return rate;
  const billed = s.billedOf(i);
  if (billed === undefined || billed >= rate) return rate;
  return billed < 0 ? 0 : billed;
}

/** The Paid Amount of line i when its cell holds an amount; undefined when empty, not an amount or an error value. */
export function paidAmount(s: ClaimStore, i: number, ctx: EngineContext): number | undefined {
  return ctx.mapping.paid === undefined ? undefined : parseMoney(s.cell(i, ctx.mapping.paid));
}

const cents = (n: number): number => Math.round(n * 100);

type NotPaidParams = { column: string; typed: string };

export const paidRule = rowRule({
  id: "ECM-PAID",
  severity: "warning",
  when: "Paid Amount cell present but not an amount (the line is not compared with what it should pay)",
  field: "paid",
  applies: { columns: ["paid"] },
  message: (p: NotPaidParams) =>
    `${p.column} ${shown(p.typed)} is not an amount: enter what the plan paid (e.g. 400 or $400.00), or leave it empty.`,
  check(s, i, ctx) {
    const cell = s.cell(i, ctx.mapping.paid);
    if (isBlank(cell) || parseMoney(cell) !== undefined || isErrorCell(s, i, ctx.mapping.paid)) return undefined;
    return { column: ctx.label("paid"), typed: cellText(cell) };
  },
});

type PaidParams = { column: string; paid: number; expected: number; difference: number };

/** The params of a paid amount that differs from the expected one by at least a cent in the direction `sign` (-1 under, 1 over). */
function compare(s: ClaimStore, i: number, ctx: EngineContext, sign: -1 | 1): PaidParams | undefined {
  const paid = paidAmount(s, i, ctx);
  if (paid === undefined) return undefined;
  const expected = expectedAmount(s, i);
  const difference = (cents(paid) - cents(expected)) * sign;
  if (difference <= 0) return undefined;
  return { column: ctx.label("paid"), paid, expected, difference: difference / 100 };
}

/** Runs at the verdict, when the line's expected amount is final. */
export const underpaidRule = rowRule({
  id: "ECM-UNDERPAID",
  severity: "warning",
  when: "Paid Amount below the line's expected amount (shortfall named)",
  field: "paid",
  applies: { columns: ["paid"] },
  phase: "verdict",
  message: (p: PaidParams) =>
    `${p.column} ${formatMoney(p.paid)} is ${formatMoney(p.difference)} short of the expected ${formatMoney(p.expected)}: follow up with the plan for the shortfall.`,
  check: (s, i, ctx) => compare(s, i, ctx, -1),
});

export const overpaidRule = rowRule({
  id: "ECM-OVERPAID",
  severity: "warning",
  when: "Paid Amount above the line's expected amount (a paid duplicate, second PEPM line, error line…): the excess may be recouped",
  field: "paid",
  applies: { columns: ["paid"] },
  phase: "verdict",
  message: (p: PaidParams) =>
    `${p.column} ${formatMoney(p.paid)} is ${formatMoney(p.difference)} more than the expected ${formatMoney(p.expected)}: the plan may recoup the excess.`,
  check: (s, i, ctx) => compare(s, i, ctx, 1),
});

/** Every rule of the family; row rules list their findings in this order within a severity. */
export const RULES = [paidRule, underpaidRule, overpaidRule] as const;
