/**
 * The ECM rate table as typed data. Every entry cites its row in the seed rate table
 * (shared/seed/000_86d15f57cb3cbac3.txt, "Enhanced Care Management (ECM) Billing Codes and Rates").
 */
import type { RateEntry, RateTable } from "./types";

const SEED = "000_86d15f57cb3cbac3.txt";

export const DEFAULT_RATES: RateTable = {
  id: "DHCS ECM billing codes and rates (seed 000_86d15f57cb3cbac3)",
  entries: [
    {
      code: "G9008", modifiers: ["U1"], rate: 400, kind: "pepm", staff: "clinical", mode: "in-person", tarRequired: true,
      description: "In-person ECM by clinical staff, PEPM", source: { file: SEED, line: 8 },
    },
    {
      code: "G9008", modifiers: ["U1", "GQ"], rate: 400, kind: "pepm", staff: "clinical", mode: "phone-telehealth", tarRequired: true,
      description: "Phone and telehealth ECM by clinical staff, PEPM", source: { file: SEED, line: 9 },
    },
    {
      code: "G9008", modifiers: ["U8"], rate: 5, kind: "outreach", staff: "clinical", mode: "in-person", tarRequired: false,
      description: "In-person ECM outreach attempt by clinical staff", source: { file: SEED, line: 10 },
    },
    {
      code: "G9008", modifiers: ["U8", "GQ"], rate: 5, kind: "outreach", staff: "clinical", mode: "phone-telehealth", tarRequired: false,
      description: "Telephonic or electronic ECM outreach attempt by clinical staff", source: { file: SEED, line: 11 },
    },
    {
      code: "G9012", modifiers: [], rate: 150, kind: "engagement", staff: "unspecified", mode: "unspecified", tarRequired: true,
      description: "Successful engagement leading to ECM enrollment, one-time", source: { file: SEED, line: 18 },
    },
    {
      code: "G9012", modifiers: ["U2"], rate: 400, kind: "pepm", staff: "non-clinical", mode: "in-person", tarRequired: true,
      description: "In-person ECM by non-clinical staff, PEPM", source: { file: SEED, line: 19 },
    },
    {
      code: "G9012", modifiers: ["U2", "GQ"], rate: 400, kind: "pepm", staff: "non-clinical", mode: "phone-telehealth", tarRequired: true,
      description: "Phone and telehealth ECM by non-clinical staff, PEPM", source: { file: SEED, line: 20 },
    },
    {
      code: "G9012", modifiers: ["U8"], rate: 5, kind: "outreach", staff: "non-clinical", mode: "in-person", tarRequired: false,
      description: "In-person ECM outreach attempt by non-clinical staff", source: { file: SEED, line: 21 },
    },
    {
      code: "G9012", modifiers: ["U8", "GQ"], rate: 5, kind: "outreach", staff: "non-clinical", mode: "phone-telehealth", tarRequired: false,
      description: "Telephonic or electronic ECM outreach attempt by non-clinical staff", source: { file: SEED, line: 28 },
    },
    {
      code: "G9007", modifiers: [], rate: 0, kind: "mdt", staff: "clinical", mode: "unspecified", tarRequired: false,
      description: "Multidisciplinary team conference, information only", source: { file: SEED, line: 29 },
    },
  ],
};

export function modifierKey(modifiers: readonly string[]): string {
  return modifiers.map((m) => m.toUpperCase()).sort().join("+");
}

/** "U1+GQ", or "no modifier". */
export function modifierLabel(modifiers: readonly string[]): string {
  return modifiers.length === 0 ? "no modifier" : modifiers.join("+");
}

/** "G9008 U1+GQ" / "G9012 (no modifier)". */
export function entryLabel(entry: RateEntry): string {
  return entry.modifiers.length === 0 ? `${entry.code} (no modifier)` : `${entry.code} ${entry.modifiers.join("+")}`;
}

/** A rate table indexed for lookups. */
export interface RateIndex {
  table: RateTable;
  codes: readonly string[];
  lookup(code: string, modKey: string): RateEntry | undefined;
  /** Valid modifier sets of a code, as display labels in table order. */
  validSets(code: string): string[];
  hasCode(code: string): boolean;
}

export function indexRates(table: RateTable): RateIndex {
  const byKey = new Map<string, RateEntry>();
  const byCode = new Map<string, RateEntry[]>();
  for (const entry of table.entries) {
    const code = entry.code.trim().toUpperCase();
    byKey.set(`${code}|${modifierKey(entry.modifiers)}`, entry);
    const list = byCode.get(code) ?? [];
    list.push(entry);
    byCode.set(code, list);
  }
  return {
    table,
    codes: [...byCode.keys()],
    lookup: (code, modKey) => byKey.get(`${code}|${modKey}`),
    validSets: (code) => (byCode.get(code) ?? []).map((e) => modifierLabel(e.modifiers)),
    hasCode: (code) => byCode.has(code),
  };
}
