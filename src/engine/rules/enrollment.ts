/**
 * Enrollment: where a member's ECM enrollment date comes from, and the findings about it.
 * The enrollment pass runs first among the passes that need it: it decides the member's
 * enrollment date (first source that has one: the members list; the earliest valid
 * enrollment-date cell on the member's lines; the first countable G9012 engagement line; the
 * first countable PEPM line), the member's successful engagement (the first G9012 engagement line
 * with a valid date not after the as-of date, billing errors or not), and
 * fires ECM-NOT-IN-MEMBERS, ECM-ENROLL-CONFLICT, ECM-ENGAGEMENT-LATE and ECM-DISENROLLED.
 */
import type { EngineContext } from "../context";
import { dateFormats } from "../days";
import type { ClaimStore } from "../store";
import { cellText, parseDay } from "../values";
import { KIND_CODES, crossRowRule, lines, nextLine, rowRule, shown, type Enrollment, type MemberLines, type MemberPass } from "./rule";
import { isErrorCell } from "./cells";

/** A member's enrollment date as finding params. */
export type EnrollmentParams = { enrollment: string; enrollmentSource: Enrollment["source"]; enrollmentRow: number };

export function enrollmentParams(e: Enrollment, ctx: EngineContext): EnrollmentParams {
  return { enrollment: ctx.dayText(e.day), enrollmentSource: e.source, enrollmentRow: e.row };
}

const SOURCES: Record<Enrollment["source"], string> = {
  "members-list": "members list, row",
  "enrollment-date": "enrollment date on row",
  engagement: "date of the G9012 engagement line on row",
  "first-pepm": "date of the member's first PEPM line, row",
};

/** "2026-03-01 (enrollment date on row 7)", "2026-03-01 (members list, row 4)". */
export function describeEnrollment(p: EnrollmentParams): string {
  return `${p.enrollment} (${SOURCES[p.enrollmentSource]} ${p.enrollmentRow})`;
}

/** `dayFirst`: the run reads text dates day first (ValidateOptions.dateOrder "dmy"). */
type EnrollDateParams = { column: string; value: string; dayFirst?: true };

export const enrollDateRule = rowRule({
  id: "ECM-ENROLL-DATE",
  severity: "warning",
  when: "enrollment-date cell present but not a date (it is then not used)",
  field: "enrollment",
  applies: { columns: ["enrollment"] },
  asksFilled: ["enrollment"],
  message: (p: EnrollDateParams) =>
    `${p.column} ${shown(p.value)} is not a date, so it is not used as the member's enrollment date: enter a date (${dateFormats(p.dayFirst ? "dmy" : "mdy")}) or leave it empty.`,
  check(s, i, ctx) {
    if (!s.filled(i, "enrollment") || isErrorCell(s, i, ctx.mapping.enrollment)) return undefined;
    const cell = s.cell(i, ctx.mapping.enrollment);
    return parseDay(cell, ctx.dateSystem, ctx.dateOrder) === undefined
      ? { column: ctx.label("enrollment"), value: cellText(cell), ...(ctx.dateOrder === "dmy" ? { dayFirst: true as const } : {}) }
      : undefined;
  },
});

export const notInMembersRule = crossRowRule({
  id: "ECM-NOT-IN-MEMBERS",
  severity: "warning",
  when: "a members list is given and the line's member is not on it",
  field: "member",
  applies: {},
  message: () => `The member is not on the members list: check the member ID, or the plan's member file.`,
});

type ConflictParams = EnrollmentParams & { column: string; cell: string };

export const enrollConflictRule = crossRowRule({
  id: "ECM-ENROLL-CONFLICT",
  severity: "warning",
  when: "enrollment-date cell differs from the member's enrollment date in use (another line's cell or the members list)",
  field: "enrollment",
  applies: { columns: ["enrollment"] },
  asksFilled: ["enrollment"],
  message: (p: ConflictParams) =>
    `${p.column} ${p.cell} differs from the member's enrollment date in use, ${describeEnrollment(p)}: correct one of them.`,
});

type LateParams = EnrollmentParams & { dos: string };

export const engagementLateRule = crossRowRule({
  id: "ECM-ENGAGEMENT-LATE",
  severity: "warning",
  when: "G9012 engagement dated after the member's enrollment date from the members list or an enrollment-date cell",
  field: "dos",
  applies: { kinds: ["engagement"] },
  message: (p: LateParams) =>
    `Successful engagement on ${p.dos} is after the member's ECM enrollment date ${describeEnrollment(p)}: engagement leads to enrollment, so it should come first.`,
});

type DisenrolledParams = { dos: string; disenrollment: string; listRow: number };

export const disenrolledRule = crossRowRule({
  id: "ECM-DISENROLLED",
  severity: "error",
  when: "PEPM service line dated after the member's disenrollment date (members list)",
  field: "dos",
  applies: { kinds: ["pepm"] },
  message: (p: DisenrolledParams) =>
    `ECM service on ${p.dos} is after the member's disenrollment date ${p.disenrollment} (members list, row ${p.listRow}): PEPM services are paid only while the member is enrolled.`,
});

const COUNTABLE_PEPM = lines(["pepm"], true);

const ENGAGEMENT_KIND = KIND_CODES.indexOf("engagement");
const PEPM_KIND = KIND_CODES.indexOf("pepm");

/**
 * Decides the member's successful engagement and enrollment date, in one walk over its dated
 * lines: the first engagement line (any; not after the as-of date), the first countable one, and
 * the first countable PEPM line.
 */
function decide(member: MemberLines, s: ClaimStore, ctx: EngineContext, listedEnrollment: number | undefined, listRow: number): void {
  let engagement = -1;
  let countableEngagement = -1;
  let countablePepm = -1;
  for (let k = member.start; k < member.dated && (countableEngagement < 0 || engagement < 0); k++) {
    const kind = member.kinds[k] as number;
    const i = member.order[k] as number;
    if (kind === ENGAGEMENT_KIND) {
      if (engagement < 0) engagement = i;
      if (countableEngagement < 0 && s.isCountable(i)) countableEngagement = i;
    } else if (kind === PEPM_KIND && countablePepm < 0 && s.isCountable(i)) countablePepm = i;
  }
  // The successful engagement: billing errors do not undo it; a future date is not one yet.
  if (engagement >= 0 && s.dayKey(engagement) <= ctx.asOf)
    member.engagement = { day: s.dayKey(engagement), row: s.rowOf(engagement), line: engagement };
  if (listedEnrollment !== undefined) {
    member.enrollment = { day: listedEnrollment, row: listRow, source: "members-list" };
    return;
  }
  const cell = s.memberEnrollment(member.id); // collected while loading: earliest day, then lowest row
  if (cell !== undefined) member.enrollment = { day: cell.day, row: cell.row, source: "enrollment-date" };
  else if (countableEngagement >= 0) member.enrollment = lineDate(s, countableEngagement, "engagement");
  else if (countablePepm >= 0) member.enrollment = lineDate(s, countablePepm, "first-pepm");
}

function lineDate(s: ClaimStore, i: number, source: Enrollment["source"]): Enrollment {
  return { day: s.dayKey(i), row: s.rowOf(i), source };
}

/** PEPM lines dated after the disenrollment date. */
function disenrolled(member: MemberLines, s: ClaimStore, ctx: EngineContext, end: number, listRow: number): void {
  for (let k = nextLine(member, s, member.start, COUNTABLE_PEPM); k < member.dated; k = nextLine(member, s, k + 1, COUNTABLE_PEPM)) {
    const i = member.order[k] as number;
    const dos = s.dayKey(i);
    if (dos > end) s.add(i, disenrolledRule, { dos: ctx.dayText(dos), disenrollment: ctx.dayText(end), listRow });
  }
}

export const enrollmentPass: MemberPass = {
  rules: [notInMembersRule, enrollConflictRule, engagementLateRule, disenrolledRule],
  run(member, s, ctx) {
    const listed = ctx.members?.byId.get(s.memberKey(member.id));
    if (ctx.members !== undefined && listed === undefined) {
      for (let k = member.start; k < member.end; k++) s.add(member.order[k] as number, notInMembersRule, {});
    }
    decide(member, s, ctx, listed?.enrollment, listed?.row ?? 0);
    if (listed?.disenrollment !== undefined) disenrolled(member, s, ctx, listed.disenrollment, listed.row);
    const enrollment = member.enrollment;
    if (enrollment === undefined || (enrollment.source !== "members-list" && enrollment.source !== "enrollment-date")) return;
    let inUse: EnrollmentParams | undefined; // made for the member's first finding: most members have none
    // Enrollment-date cells that say otherwise (only lines whose cell holds something are read).
    if (ctx.mapping.enrollment !== undefined) {
      for (let k = member.start; k < member.end; k++) {
        const i = member.order[k] as number;
        if (!s.filled(i, "enrollment")) continue;
        const day = parseDay(s.cell(i, ctx.mapping.enrollment), ctx.dateSystem, ctx.dateOrder);
        if (day === undefined || day === enrollment.day) continue;
        const rows = enrollment.source === "enrollment-date" ? [enrollment.row] : undefined;
        inUse ??= enrollmentParams(enrollment, ctx);
        s.add(i, enrollConflictRule, { ...inUse, column: ctx.label("enrollment"), cell: ctx.dayText(day) }, rows);
      }
    }
    const engagement = member.engagement;
    if (engagement !== undefined && engagement.day > enrollment.day) {
      const rows = enrollment.source === "enrollment-date" ? [enrollment.row] : undefined;
      s.add(
        engagement.line,
        engagementLateRule,
        { ...(inUse ?? enrollmentParams(enrollment, ctx)), dos: ctx.dayText(engagement.day) },
        rows,
      );
    }
  },
};

/** Every rule of the family; row rules list their findings in this order within a severity. */
export const RULES = [enrollDateRule, notInMembersRule, enrollConflictRule, engagementLateRule, disenrolledRule] as const;
