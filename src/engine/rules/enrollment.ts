/**
 * The member's ECM enrollment date: the earliest valid enrollment-date cell on any of the
 * member's rows (rows with errors included); else the date of the member's first countable
 * G9012 engagement line; else unknown.
 */
import { isCountable, type Claim } from "../claim";
import { formatDay } from "../days";
import type { Enrollment } from "./rule";

export function findEnrollment(claims: readonly Claim[], ordered: readonly Claim[]): Enrollment | undefined {
  let best: Enrollment | undefined;
  for (const c of claims) {
    const day = c.enrollment;
    if (day === undefined) continue;
    if (best === undefined || day < best.day || (day === best.day && c.row < best.row)) {
      best = { day, row: c.row, source: "enrollment-date" };
    }
  }
  if (best !== undefined) return best;
  const engagement = ordered.find((c) => c.entry?.kind === "engagement" && isCountable(c));
  return engagement?.dos === undefined ? undefined : { day: engagement.dos, row: engagement.row, source: "engagement" };
}

/** "2026-03-01 (enrollment date on row 7)". */
export function describeEnrollment(e: Enrollment): string {
  const from = e.source === "enrollment-date" ? "enrollment date on row" : "date of the G9012 engagement line on row";
  return `${formatDay(e.day)} (${from} ${e.row})`;
}
