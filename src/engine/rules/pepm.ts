/** PEPM service lines (G9008 U1, G9012 U2, with or without GQ): enrollment and once a month. */
import { formatDay, formatMonth, monthOf } from "../days";
import { formatMoney } from "../values";
import { describeEnrollment } from "./enrollment";
import type { MemberRule } from "./rule";

export const pepmBeforeEnrollRule: MemberRule = {
  ids: ["ECM-PEPM-BEFORE-ENROLL"],
  run(member, s) {
    const enrollment = member.enrollment;
    if (enrollment === undefined) return;
    for (let k = member.start; k < member.dated; k++) {
      const i = member.order[k] as number;
      const dos = s.dayKey(i);
      if (dos >= enrollment.day) break; // lines are in date order
      if (s.kindOf(i) !== "pepm" || !s.isCountable(i)) continue;
      s.add(i, "ECM-PEPM-BEFORE-ENROLL",
        `ECM service on ${formatDay(dos)} is before the member's ECM enrollment date ${describeEnrollment(enrollment)}: PEPM services are paid from enrollment on.`,
        "dos", [enrollment.row]);
    }
  },
};

export const pepmDupRule: MemberRule = {
  ids: ["ECM-PEPM-DUP"],
  run(member, s) {
    // Lines are in date order, so each calendar month is one contiguous stretch.
    let month = Number.NaN;
    let firstRow = 0;
    for (let k = member.start; k < member.dated; k++) {
      const i = member.order[k] as number;
      if (s.kindOf(i) !== "pepm" || !s.isCountable(i)) continue;
      const m = monthOf(s.dayKey(i));
      if (m !== month) {
        month = m;
        firstRow = s.rowOf(i);
        continue;
      }
      s.markPepmDup(i);
      s.add(i, "ECM-PEPM-DUP",
        `Another PEPM service line in ${formatMonth(m)} for this member (first on row ${firstRow}): PEPM is paid once per member per month, so this line is expected to pay ${formatMoney(0)}.`,
        "dos", [firstRow]);
    }
  },
};
