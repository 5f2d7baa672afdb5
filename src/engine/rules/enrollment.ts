/**
 * The member's ECM enrollment date: the earliest valid enrollment-date cell on any of the
 * member's rows (rows with errors included); else the date of the member's first countable
 * G9012 engagement line; else unknown.
 */
import type { ClaimStore } from "../claim";
import { formatDay } from "../days";
import type { Enrollment, MemberLines } from "./rule";

export function findEnrollment(s: ClaimStore, member: MemberLines): Enrollment | undefined {
  const { order, start, dated } = member;
  // Collected while the lines were loaded: earliest day, then lowest row.
  const cell = s.memberEnrollment(member.id);
  if (cell !== undefined) return { day: cell.day, row: cell.row, source: "enrollment-date" };
  for (let k = start; k < dated; k++) {
    const i = order[k] as number;
    const dos = s.dosOf(i);
    if (s.kindOf(i) === "engagement" && s.isCountable(i) && dos !== undefined) return { day: dos, row: s.rowOf(i), source: "engagement" };
  }
  return undefined;
}

/** "2026-03-01 (enrollment date on row 7)". */
export function describeEnrollment(e: Enrollment): string {
  const from = e.source === "enrollment-date" ? "enrollment date on row" : "date of the G9012 engagement line on row";
  return `${formatDay(e.day)} (${from} ${e.row})`;
}
