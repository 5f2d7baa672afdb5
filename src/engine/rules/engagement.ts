/** ECM-ENGAGEMENT-DUP: successful engagement (G9012, no modifier) is paid once per member. */
import { crossRowRule, lines, nextLine, type MemberPass } from "./rule";

type EngagementDupParams = { firstRow: number; firstDate: string };

export const engagementDupRule = crossRowRule({
  id: "ECM-ENGAGEMENT-DUP",
  severity: "error",
  when: "G9012 engagement line after the member's first one (one-time)",
  field: "hcpcs",
  applies: { kinds: ["engagement"] },
  message: (p: EngagementDupParams) =>
    `Successful engagement is one-time: already billed for this member on row ${p.firstRow} (${p.firstDate}).`,
});

const ENGAGEMENT = lines(["engagement"], true);

export const engagementPass: MemberPass = {
  rules: [engagementDupRule],
  run(member, s, ctx) {
    const first = nextLine(member, s, member.start, ENGAGEMENT);
    if (first === member.dated) return;
    let params: EngagementDupParams | undefined; // made for the first repeat: most members have none
    for (let k = nextLine(member, s, first + 1, ENGAGEMENT); k < member.dated; k = nextLine(member, s, k + 1, ENGAGEMENT)) {
      const i0 = member.order[first] as number;
      params ??= { firstRow: s.rowOf(i0), firstDate: ctx.dayText(s.dayKey(i0)) };
      s.add(member.order[k] as number, engagementDupRule, params, [params.firstRow]);
    }
  },
};

/** Every rule of the family. */
export const RULES = [engagementDupRule] as const;
