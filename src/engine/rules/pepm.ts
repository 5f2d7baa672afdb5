/** PEPM service lines (G9008 U1, G9012 U2, with or without GQ): enrollment and once a month. */
import { addFinding, isCountable } from "../claim";
import { formatDay, formatMonth, monthOf } from "../days";
import { formatMoney } from "../values";
import { describeEnrollment } from "./enrollment";
import type { MemberRule } from "./rule";

export const pepmBeforeEnrollRule: MemberRule = {
  ids: ["ECM-PEPM-BEFORE-ENROLL"],
  run(member) {
    const enrollment = member.enrollment;
    if (enrollment === undefined) return;
    for (const c of member.ordered) {
      if (c.entry?.kind !== "pepm" || !isCountable(c) || c.dos === undefined || c.dos >= enrollment.day) continue;
      addFinding(c, "ECM-PEPM-BEFORE-ENROLL",
        `ECM service on ${formatDay(c.dos)} is before the member's ECM enrollment date ${describeEnrollment(enrollment)}: PEPM services are paid from enrollment on.`,
        "dos", [enrollment.row]);
    }
  },
};

export const pepmDupRule: MemberRule = {
  ids: ["ECM-PEPM-DUP"],
  run(member) {
    // Lines are in date order, so each calendar month is one contiguous stretch.
    let month = Number.NaN;
    let firstRow = 0;
    for (const c of member.ordered) {
      if (c.entry?.kind !== "pepm" || !isCountable(c) || c.dos === undefined) continue;
      const m = monthOf(c.dos);
      if (m !== month) {
        month = m;
        firstRow = c.row;
        continue;
      }
      c.pepmDup = true;
      addFinding(c, "ECM-PEPM-DUP",
        `Another PEPM service line in ${formatMonth(m)} for this member (first on row ${firstRow}): PEPM is paid once per member per month, so this line is expected to pay ${formatMoney(0)}.`,
        "dos", [firstRow]);
    }
  },
};
