/** PEPM service lines (G9008 U1, G9012 U2, with or without GQ): enrollment and once a month. */
import { formatMonth, monthOf } from "../days";
import { formatMoney } from "../values";
import { describeEnrollment, enrollmentParams, type EnrollmentParams } from "./enrollment";
import { crossRowRule, lines, nextLine, type MemberPass } from "./rule";

type BeforeEnrollParams = EnrollmentParams & { dos: string };

export const pepmBeforeEnrollRule = crossRowRule({
  id: "ECM-PEPM-BEFORE-ENROLL",
  severity: "error",
  when: "PEPM service line dated before the member's enrollment date",
  field: "dos",
  applies: { kinds: ["pepm"] },
  message: (p: BeforeEnrollParams) =>
    `ECM service on ${p.dos} is before the member's ECM enrollment date ${describeEnrollment(p)}: PEPM services are paid from enrollment on.`,
});

const PEPM = lines(["pepm"], true);

export const pepmBeforeEnrollPass: MemberPass = {
  rules: [pepmBeforeEnrollRule],
  run(member, s, ctx) {
    const enrollment = member.enrollment;
    if (enrollment === undefined) return;
    for (let k = nextLine(member, s, member.start, PEPM); k < member.dated; k = nextLine(member, s, k + 1, PEPM)) {
      const i = member.order[k] as number;
      const dos = s.dayKey(i);
      if (dos >= enrollment.day) break; // lines are in date order
      const rows = enrollment.source === "members-list" ? undefined : [enrollment.row]; // claim rows only
      s.add(i, pepmBeforeEnrollRule, { ...enrollmentParams(enrollment, ctx), dos: ctx.dayText(dos) }, rows);
    }
  },
};

type PepmDupParams = { month: string; firstRow: number; pays: number };

export const pepmDupRule = crossRowRule({
  id: "ECM-PEPM-DUP",
  severity: "warning",
  when: "second PEPM service line of the member in a calendar month (expected 0)",
  field: "dos",
  applies: { kinds: ["pepm"] },
  pays: "nothing",
  message: (p: PepmDupParams) =>
    `Another PEPM service line in ${p.month} for this member (first on row ${p.firstRow}): PEPM is paid once per member per month, so this line is expected to pay ${formatMoney(p.pays)}.`,
});

export const pepmDupPass: MemberPass = {
  rules: [pepmDupRule],
  run(member, s) {
    // Lines are in date order, so each calendar month is one contiguous stretch.
    let month = Number.NaN;
    let firstRow = 0;
    for (let k = nextLine(member, s, member.start, PEPM); k < member.dated; k = nextLine(member, s, k + 1, PEPM)) {
      const m = monthOf(member.days[k] as number);
      if (m !== month) {
        month = m;
        firstRow = s.rowOf(member.order[k] as number);
        continue;
      }
      s.add(member.order[k] as number, pepmDupRule, { month: formatMonth(m), firstRow, pays: 0 }, [firstRow]);
    }
  },
};

/** Every rule of the family. */
export const RULES = [pepmBeforeEnrollRule, pepmDupRule] as const;
