/**
 * Deterministic generator of realistic ECM claim rows (about one row in ten a distinct member),
 * shared by the benchmark and the agreement checks. Cells look like what Excel hands to a
 * custom function: serial-number dates, numbers, strings, empty strings.
 */
import type { Cell } from "../../src/engine";

export const GENERATED_HEADER = [
  "Member ID",
  "Date of Service",
  "HCPCS",
  "Modifiers",
  "Units",
  "Billed Amount",
  "TAR Number",
  "ECM Enrollment Date",
  "Outreach Method",
  "Rendering Provider",
];

/** mulberry32: a tiny seeded PRNG, so every run generates the same rows. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_SERIAL = 45292; // 2024-01-01: members start over 600 days, so nearly every line is dated before mid-2026
/** Outreach methods as the modifiers imply them: GQ = telephonic or electronic, no GQ = in person. */
const REMOTE_METHODS = ["Phone call", "Text message", "Secure email"];
const IN_PERSON_METHODS = ["Home visit", "Clinic visit", "Street outreach"];
const PROVIDERS = ["Valley Care Partners", "Harbor ECM Team", "Sierra Community Health", "Bayside Navigators"];

export interface GeneratedClaims {
  header: string[];
  rows: Cell[][];
}

/** About `count` claim rows (exactly `count`), ordered by date of service like a claims export. */
export function generateClaims(count: number, seed = 42): GeneratedClaims {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const rows: Cell[][] = [];
  let memberNo = 0;
  while (rows.length < count) {
    memberNo++;
    const member = `9${String(10_000_000 + ((memberNo * 7919) % 90_000_000)).padStart(8, "0")}${"ABCDEFGHJK"[memberNo % 10]}`;
    const provider = pick(PROVIDERS);
    let day = FIRST_SERIAL + Math.floor(rand() * 600);
    const line = (dos: number, code: string, mods: string, billed: number, tar: string, method = "", enrolled: Cell = ""): void => {
      if (rows.length >= count) return;
      // A few realistic mistakes: missing TAR, amount as text, bad date, mass outreach.
      const r = rand();
      const dosCell: Cell = r < 0.003 ? "2025-02-30" : dos;
      const billedCell: Cell = r > 0.995 ? `$${billed.toFixed(2)}` : billed;
      const tarCell = tar !== "" && rand() < 0.02 ? "" : tar;
      const methodCell = method !== "" && rand() < 0.01 ? "Mass text blast" : method;
      rows.push([member, dosCell, code, mods, 1, billedCell, tarCell, enrolled, methodCell, provider]);
    };
    const attempts = 1 + Math.floor(rand() * 7); // sometimes more than the 5 that are paid
    for (let i = 0; i < attempts; i++) {
      const code = rand() < 0.5 ? "G9008" : "G9012";
      const gq = rand() < 0.7;
      // About 1 % of attempts name a method the modifiers do not match (ECM-OUTREACH-MODE).
      const remote = rand() < 0.01 ? !gq : gq;
      line(day, code, gq ? "U8 GQ" : "U8", 5, "", pick(remote ? REMOTE_METHODS : IN_PERSON_METHODS));
      day += 1 + Math.floor(rand() * 9);
    }
    if (rand() < 0.15) continue; // never engaged
    const tar = `TAR-${memberNo}`;
    line(day, "G9012", "", 150, tar);
    if (rand() < 0.02) line(day + 3, "G9012", "", 150, tar); // engagement billed twice
    const months = Math.floor(rand() * 12); // up to a year of monthly services: about 10 lines per member
    for (let m = 0; m < months; m++) {
      day += 28 + Math.floor(rand() * 5);
      const clinical = rand() < 0.6;
      const mods = clinical ? (rand() < 0.5 ? "U1" : "U1 GQ") : rand() < 0.5 ? "U2" : "U2, GQ";
      line(day, clinical ? "G9008" : "G9012", mods, 400, tar, "", m === 0 && rand() < 0.3 ? day - 1 : "");
      if (rand() < 0.03) line(day + 2, clinical ? "G9008" : "G9012", mods, 400, tar); // second PEPM in a month
      if (rand() < 0.1) line(day + 5, "G9007", "", rand() < 0.9 ? 75 : 0, "");
    }
  }
  // Claims exports are usually in date order, not grouped by member.
  rows.sort((a, b) => (typeof a[1] === "number" ? a[1] : 0) - (typeof b[1] === "number" ? b[1] : 0));
  // Allocate the rows in their final order, as a file reader would, not scattered by the sort.
  return { header: [...GENERATED_HEADER], rows: rows.map((r) => r.slice()) };
}
