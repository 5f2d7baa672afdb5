/** ECM-ENGAGEMENT-DUP: successful engagement (G9012, no modifier) is paid once per member. */
import { addFinding, isCountable, type Claim } from "../claim";
import { formatDay } from "../days";
import type { MemberRule } from "./rule";

export const engagementDupRule: MemberRule = {
  ids: ["ECM-ENGAGEMENT-DUP"],
  run(member) {
    let first: Claim | undefined;
    for (const c of member.ordered) {
      if (c.entry?.kind !== "engagement" || !isCountable(c)) continue;
      if (first === undefined) {
        first = c;
        continue;
      }
      addFinding(c, "ECM-ENGAGEMENT-DUP",
        `Successful engagement is one-time: already billed for this member on row ${first.row} (${formatDay(first.dos ?? 0)}).`,
        "hcpcs", [first.row]);
    }
  },
};
