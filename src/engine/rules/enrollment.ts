/**
 * The member's ECM enrollment date: the earliest valid enrollment-date cell on any of the
 * member's rows (rows with errors included); else the date of the member's first countable
 * G9012 engagement line; else unknown.
 */
import { formatDay } from "../days";
import type { ClaimStore } from "../store";
import { lines, nextLine, type Enrollment, type MemberLines } from "./rule";

const ENGAGEMENT = lines(["engagement"], true);

export function findEnrollment(s: ClaimStore, member: MemberLines): Enrollment | undefined {
  // Collected while the lines were loaded: earliest day, then lowest row.
  const cell = s.memberEnrollment(member.id);
  if (cell !== undefined) return { day: cell.day, row: cell.row, source: "enrollment-date" };
  const k = nextLine(member, s, member.start, ENGAGEMENT);
  if (k === member.dated) return undefined;
  const i = member.order[k] as number;
  return { day: s.dayKey(i), row: s.rowOf(i), source: "engagement" };
}

/** A member's enrollment date as finding params. */
export type EnrollmentParams = { enrollment: string; enrollmentSource: Enrollment["source"]; enrollmentRow: number };

export function enrollmentParams(e: Enrollment): EnrollmentParams {
  return { enrollment: formatDay(e.day), enrollmentSource: e.source, enrollmentRow: e.row };
}

/** "2026-03-01 (enrollment date on row 7)". */
export function describeEnrollment(p: EnrollmentParams): string {
  const from = p.enrollmentSource === "enrollment-date" ? "enrollment date on row" : "date of the G9012 engagement line on row";
  return `${p.enrollment} (${from} ${p.enrollmentRow})`;
}
