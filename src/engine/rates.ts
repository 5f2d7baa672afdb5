/**
 * The ECM rate table as typed data. Every entry cites its row in the seed rate table
 * (shared/seed/000_86d15f57cb3cbac3.txt, "Enhanced Care Management (ECM) Billing Codes and Rates").
 */
import { formatDay } from "./days";
import type { Day, RateEntry, RateTable } from "./types";
import { cleanText } from "./values";

const SEED = "000_86d15f57cb3cbac3.txt";

export const DEFAULT_RATES: RateTable = {
  id: "DHCS ECM billing codes and rates (seed 000_86d15f57cb3cbac3)",
  entries: [
    {
      code: "G9008",
      modifiers: ["U1"],
      rate: 400,
      kind: "pepm",
      staff: "clinical",
      mode: "in-person",
      tarRequired: true,
      description: "In-person ECM by clinical staff, PEPM",
      source: { file: SEED, line: 8 },
    },
    {
      code: "G9008",
      modifiers: ["U1", "GQ"],
      rate: 400,
      kind: "pepm",
      staff: "clinical",
      mode: "phone-telehealth",
      tarRequired: true,
      description: "Phone and telehealth ECM by clinical staff, PEPM",
      source: { file: SEED, line: 9 },
    },
    {
      code: "G9008",
      modifiers: ["U8"],
      rate: 5,
      kind: "outreach",
      staff: "clinical",
      mode: "in-person",
      tarRequired: false,
      description: "In-person ECM outreach attempt by clinical staff",
      source: { file: SEED, line: 10 },
    },
    {
      code: "G9008",
      modifiers: ["U8", "GQ"],
      rate: 5,
      kind: "outreach",
      staff: "clinical",
      mode: "phone-telehealth",
      tarRequired: false,
      description: "Telephonic or electronic ECM outreach attempt by clinical staff",
      source: { file: SEED, line: 11 },
    },
    {
      code: "G9012",
      modifiers: [],
      rate: 150,
      kind: "engagement",
      staff: "unspecified",
      mode: "unspecified",
      tarRequired: true,
      description: "Successful engagement leading to ECM enrollment, one-time",
      source: { file: SEED, line: 18 },
    },
    {
      code: "G9012",
      modifiers: ["U2"],
      rate: 400,
      kind: "pepm",
      staff: "non-clinical",
      mode: "in-person",
      tarRequired: true,
      description: "In-person ECM by non-clinical staff, PEPM",
      source: { file: SEED, line: 19 },
    },
    {
      code: "G9012",
      modifiers: ["U2", "GQ"],
      rate: 400,
      kind: "pepm",
      staff: "non-clinical",
      mode: "phone-telehealth",
      tarRequired: true,
      description: "Phone and telehealth ECM by non-clinical staff, PEPM",
      source: { file: SEED, line: 20 },
    },
    {
      code: "G9012",
      modifiers: ["U8"],
      rate: 5,
      kind: "outreach",
      staff: "non-clinical",
      mode: "in-person",
      tarRequired: false,
      description: "In-person ECM outreach attempt by non-clinical staff",
      source: { file: SEED, line: 21 },
    },
    {
      code: "G9012",
      modifiers: ["U8", "GQ"],
      rate: 5,
      kind: "outreach",
      staff: "non-clinical",
      mode: "phone-telehealth",
      tarRequired: false,
      description: "Telephonic or electronic ECM outreach attempt by non-clinical staff",
      source: { file: SEED, line: 28 },
    },
    {
      code: "G9007",
      modifiers: [],
      rate: 0,
      kind: "mdt",
      staff: "clinical",
      mode: "unspecified",
      tarRequired: false,
      description: "Multidisciplinary team conference, information only",
      source: { file: SEED, line: 29 },
    },
  ],
};

export function modifierKey(modifiers: readonly string[]): string {
  return modifiers
    .map((m) => m.toUpperCase())
    .sort()
    .join("+");
}

/** "U1+GQ", or "no modifier". */
export function modifierLabel(modifiers: readonly string[]): string {
  return modifiers.length === 0 ? "no modifier" : modifiers.join("+");
}

/** "G9008 U1+GQ" / "G9012 (no modifier)". */
export function entryLabel(entry: RateEntry): string {
  return entry.modifiers.length === 0 ? `${entry.code} (no modifier)` : `${entry.code} ${entry.modifiers.join("+")}`;
}

/** Whether the entry is in effect on `day` (entries without dates always are). */
export function inEffect(entry: RateEntry, day: Day): boolean {
  return (entry.from === undefined || day >= entry.from) && (entry.to === undefined || day <= entry.to);
}

/** "2026-01-01 to 2026-06-30", "from 2026-07-01", "until 2025-12-31", "always". */
export function periodLabel(entry: RateEntry): string {
  if (entry.from === undefined) return entry.to === undefined ? "always" : `until ${formatDay(entry.to)}`;
  return entry.to === undefined ? `from ${formatDay(entry.from)}` : `${formatDay(entry.from)} to ${formatDay(entry.to)}`;
}

/** How plan names are compared: letters and digits only, upper-cased ("Plan A", "plan-a" and "PLANA" are one plan); "" = no plan. */
export function planKey(plan: string | undefined): string {
  return plan === undefined
    ? ""
    : cleanText(plan)
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, "");
}

/** "G9008 U1 for PlanA 2026-01-01 to 2026-06-30" style period list of rows: "PlanA from 2026-07-01; any plan always". */
export function periodsLabel(entries: readonly RateEntry[]): string {
  const planned = entries.some((e) => e.plan !== undefined);
  return entries.map((e) => (planned ? `${e.plan ?? "any plan"} ${periodLabel(e)}` : periodLabel(e))).join("; ");
}

/** A rate table indexed for lookups. */
export interface RateIndex {
  table: RateTable;
  codes: readonly string[];
  /** Whether some row of the table is for a named plan. */
  planned: boolean;
  /** The plan's name as the book writes it (first row), by planKey; undefined for a plan the book does not name. */
  planName(key: string): string | undefined;
  /**
   * The rate entry of a service line: among the rows for its code and modifier set that apply to
   * its plan (`entriesFor`), the one in effect on `day` (undefined `day`: the first such row, for
   * lines without a valid date and for =ECM.RATE without a date). Undefined when no row applies.
   * The one rate lookup. `plan` is a planKey ("" or absent: no plan).
   */
  resolve(code: string, modKey: string, day: Day | undefined, plan?: string): RateEntry | undefined;
  /**
   * The rows that apply to a line of `plan` (a planKey): the plan's own rows for this code and
   * modifier set when the book has any, else the any-plan rows (blank plan).
   */
  entriesFor(code: string, modKey: string, plan?: string): readonly RateEntry[];
  /** Every row of the table for this code and modifier set, any plan, in table order. */
  entriesOf(code: string, modKey: string): readonly RateEntry[];
  /** Whether `resolve` for this code and modifier set depends on the line's day or plan (some row is dated or for a plan). */
  varies(code: string, modKey: string): boolean;
  /** Valid modifier sets of a code, as display labels in table order. */
  validSets(code: string): string[];
  hasCode(code: string): boolean;
}

const NONE: readonly RateEntry[] = [];

export function indexRates(table: RateTable): RateIndex {
  const byKey = new Map<string, RateEntry[]>();
  /** Per "code|modKey|planKey": the rows of that plan ("": any plan). */
  const byPlan = new Map<string, RateEntry[]>();
  const byCode = new Map<string, RateEntry[]>();
  for (const entry of table.entries) {
    const code = entry.code.trim().toUpperCase();
    const key = `${code}|${modifierKey(entry.modifiers)}`;
    const same = byKey.get(key);
    if (same === undefined) byKey.set(key, [entry]);
    else same.push(entry);
    const planned = `${key}|${planKey(entry.plan)}`;
    const ofPlan = byPlan.get(planned);
    if (ofPlan === undefined) byPlan.set(planned, [entry]);
    else ofPlan.push(entry);
    const list = byCode.get(code) ?? [];
    if (same === undefined) list.push(entry); // one per modifier set, for validSets
    byCode.set(code, list);
  }
  const entriesOf = (code: string, modKey: string): readonly RateEntry[] => byKey.get(`${code}|${modKey}`) ?? NONE;
  const entriesFor = (code: string, modKey: string, plan = ""): readonly RateEntry[] =>
    (plan === "" ? undefined : byPlan.get(`${code}|${modKey}|${plan}`)) ?? byPlan.get(`${code}|${modKey}|`) ?? NONE;
  return {
    table,
    codes: [...byCode.keys()],
    planned: table.entries.some((e) => e.plan !== undefined),
    planName: (key) => table.entries.find((e) => e.plan !== undefined && planKey(e.plan) === key)?.plan,
    resolve(code, modKey, day, plan) {
      const entries = entriesFor(code, modKey, plan);
      if (day === undefined) return entries[0];
      for (const entry of entries) if (inEffect(entry, day)) return entry;
      return undefined;
    },
    entriesFor,
    entriesOf,
    varies: (code, modKey) => entriesOf(code, modKey).some((e) => e.from !== undefined || e.to !== undefined || e.plan !== undefined),
    validSets: (code) => (byCode.get(code) ?? []).map((e) => modifierLabel(e.modifiers)),
    hasCode: (code) => byCode.has(code),
  };
}
