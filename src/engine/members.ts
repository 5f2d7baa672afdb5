/**
 * The members list: the plan's member file, read from a grid of cells like the claims are (the
 * header is the first non-blank row; columns found by their header text). A row gives a member
 * ID, an ECM enrollment date (may be empty) and an optional disenrollment date. A list with a bad
 * cell, or a member listed twice with different dates, is refused with a message naming the rows:
 * a list that cannot be trusted is not silently half used.
 */
import { findHeader, headerCandidates, HEADER_SYNONYMS, normaliseHeader } from "./columns";
import { dateFormats, formatDay } from "./days";
import { isMemberPlaceholder, isShortenedNumber } from "./placeholders";
import { memberKey } from "./member-key";
import { shown } from "./rules/rule";
import type { Cell, DateOrder, DateSystem, Day, MemberRecord, MembersList } from "./types";
import { cellText, isBlank, notDataReason, parseDay } from "./values";

/** Enrollment-date headers of a plan's member file beyond the claims' (there a "Start Date" could be anything). */
const ENROLLMENT = [
  ...HEADER_SYNONYMS.enrollment,
  "startdate",
  "ecmstartdate",
  "effectivedate",
  "ecmeffectivedate",
  "enrollmenteffectivedate",
];

const DISENROLLMENT = [
  "disenrollmentdate",
  "ecmdisenrollmentdate",
  "disenrollment",
  "enrollmentend",
  "enrollmentenddate",
  "ecmenrollmentenddate",
  "enddate",
  "ecmenddate",
  "termdate",
  "terminationdate",
  "ecmtermdate",
];

/** Refused: one line naming the first few problems, and every problem (none when the header is missing). */
export type MembersResult = { ok: true; list: MembersList; members: number } | { ok: false; message: string; problems: string[] };

/** At most this many problems are named in the message. */
const SHOWN_PROBLEMS = 5;

interface MembersHeader {
  headerIndex: number;
  memberCol?: number;
  enrollCol?: number;
  disenrollCol?: number;
}

/**
 * The header row: the first of the header candidates (as for claims) that names both the
 * member and the enrollment-date columns (a plan's file often has a title row above it, as claims
 * do); else the closest row (one of the two), else the first non-blank row; undefined when empty.
 */
function findMembersHeader(grid: readonly (readonly Cell[])[]): MembersHeader | undefined {
  let closest: MembersHeader | undefined;
  for (const { index: i, row } of headerCandidates(grid)) {
    const headers = row.map((c) => normaliseHeader(cellText(c)));
    const find = (names: readonly string[]): number | undefined => {
      const at = headers.findIndex((h) => names.includes(h));
      return at < 0 ? undefined : at;
    };
    const found: MembersHeader = {
      headerIndex: i,
      memberCol: find(HEADER_SYNONYMS.member),
      enrollCol: find(ENROLLMENT),
      disenrollCol: find(DISENROLLMENT),
    };
    if (named(found) === 2) return found;
    if (closest === undefined || named(found) > named(closest)) closest = found;
  }
  return closest;
}

/** How many of the two required columns a row names. */
const named = (h: MembersHeader): number => (h.memberCol === undefined ? 0 : 1) + (h.enrollCol === undefined ? 0 : 1);

/**
 * Whether the top of a sheet looks like a members list: a header naming member and enrollment-date
 * columns, and no claims header (a claims sheet may name both too). The CLI and the task pane say so
 * of a sheet that was not used as the members list.
 */
export function looksLikeMembersList(grid: readonly (readonly Cell[])[]): boolean {
  const header = findMembersHeader(grid);
  return header !== undefined && named(header) === 2 && !findHeader(grid).ok;
}

/**
 * Reads a members list; `firstRow` is the sheet row number of grid[0], `dateSystem` that of its
 * number cells (see ValidateOptions.dateSystem), `dateOrder` that of its text dates. Never throws.
 */
export function readMembers(
  grid: readonly (readonly Cell[])[],
  firstRow = 1,
  dateSystem: DateSystem = 1900,
  dateOrder: DateOrder = "mdy",
): MembersResult {
  const header = findMembersHeader(grid);
  if (header === undefined) return { ok: false, message: "Members list: it is empty.", problems: [] };
  const { headerIndex, memberCol, enrollCol, disenrollCol } = header;
  if (memberCol === undefined || enrollCol === undefined) {
    // The header row is not quoted back: in a list without a header it would be a member's data.
    const missing = [
      memberCol === undefined ? '"Member ID" (or "CIN")' : "",
      enrollCol === undefined ? '"ECM Enrollment Date" (or "Enrollment Date")' : "",
    ];
    return {
      ok: false,
      message: `Members list: row ${headerIndex + firstRow} has no ${missing.filter((m) => m !== "").join(" and no ")} column; the list needs a header row with both (and optionally "Disenrollment Date").`,
      problems: [],
    };
  }
  const byId = new Map<string, MemberRecord>();
  const problems: string[] = [];
  const dateOf = (cells: readonly Cell[], col: number | undefined, row: number, label: string): Day | undefined | null => {
    const cell = col === undefined ? undefined : cells[col];
    if (isBlank(cell)) return undefined;
    const day = parseDay(cell, dateSystem, dateOrder);
    if (day === undefined) {
      problems.push(
        `row ${row}: ${label} ${shown(cellText(cell))} ${notDataReason(cell) ?? `is not a date (use ${dateFormats(dateOrder)})`}`,
      );
      return null;
    }
    return day;
  };
  for (let r = headerIndex + 1; r < grid.length; r++) {
    const cells = grid[r] ?? [];
    if (cells.every(isBlank)) continue;
    const row = r + firstRow;
    const key = memberKey(cellText(cells[memberCol]));
    if (key === "" || isMemberPlaceholder(key)) {
      problems.push(`row ${row}: Member ID is ${key === "" ? "empty" : `${shown(cellText(cells[memberCol]))}, a placeholder`}`);
      continue;
    }
    if (isShortenedNumber(key)) {
      problems.push(
        `row ${row}: Member ID is a number Excel shortened to scientific notation (like 1.23457E+11), its last digits lost: format the column as Text and export the list again`,
      );
      continue;
    }
    const enrollment = dateOf(cells, enrollCol, row, "ECM Enrollment Date");
    const disenrollment = dateOf(cells, disenrollCol, row, "Disenrollment Date");
    if (enrollment === null || disenrollment === null) continue;
    if (enrollment !== undefined && disenrollment !== undefined && disenrollment < enrollment) {
      problems.push(
        `row ${row}: the disenrollment date ${formatDay(disenrollment)} is before the enrollment date ${formatDay(enrollment)}`,
      );
      continue;
    }
    const record: MemberRecord = {
      row,
      ...(enrollment === undefined ? {} : { enrollment }),
      ...(disenrollment === undefined ? {} : { disenrollment }),
    };
    const earlier = byId.get(key);
    if (earlier === undefined) byId.set(key, record);
    else if (earlier.enrollment !== record.enrollment || earlier.disenrollment !== record.disenrollment) {
      problems.push(
        `rows ${earlier.row} and ${row} list the same member with different dates (${dates(earlier)} vs ${dates(record)}); keep one`,
      );
    }
  }
  if (problems.length > 0) {
    const more = problems.length > SHOWN_PROBLEMS ? `; and ${problems.length - SHOWN_PROBLEMS} more` : "";
    return { ok: false, message: `Members list: ${problems.slice(0, SHOWN_PROBLEMS).join("; ")}${more}.`, problems };
  }
  return { ok: true, list: { byId }, members: byId.size };
}

const dates = (m: MemberRecord): string =>
  `${m.enrollment === undefined ? "no enrollment date" : `enrolled ${formatDay(m.enrollment)}`}${m.disenrollment === undefined ? "" : `, disenrolled ${formatDay(m.disenrollment)}`}`;
