/** ECM-ENGAGEMENT-DUP: successful engagement (G9012, no modifier) is paid once per member. */
import { formatDay } from "../days";
import type { MemberRule } from "./rule";

export const engagementDupRule: MemberRule = {
  ids: ["ECM-ENGAGEMENT-DUP"],
  run(member, s) {
    let first = -1;
    for (let k = member.start; k < member.dated; k++) {
      const i = member.order[k] as number;
      if (s.kindOf(i) !== "engagement" || !s.isCountable(i)) continue;
      if (first < 0) {
        first = i;
        continue;
      }
      s.add(i, "ECM-ENGAGEMENT-DUP",
        `Successful engagement is one-time: already billed for this member on row ${s.rowOf(first)} (${formatDay(s.dayKey(first))}).`,
        "hcpcs", [s.rowOf(first)]);
    }
  },
};
