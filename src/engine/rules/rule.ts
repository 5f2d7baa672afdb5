import type { Claim, EngineContext } from "../claim";
import type { Day, FieldId, RuleId } from "../types";

/** A rule that looks at one claim line: returns the message when it fires. */
export interface RowRule {
  id: RuleId;
  field?: FieldId;
  check(claim: Claim, ctx: EngineContext): string | undefined;
}

export interface Enrollment {
  day: Day;
  row: number;
  source: "enrollment-date" | "engagement";
}

/** One member's claim lines. */
export interface MemberClaims {
  /** Every line of the member (valid date or not). */
  claims: Claim[];
  /** Lines with a valid date of service, in (date of service, row number) order. */
  ordered: Claim[];
  enrollment: Enrollment | undefined;
}

/** A rule (or a family decided in one pass) over one member's lines. */
export interface MemberRule {
  ids: readonly RuleId[];
  run(member: MemberClaims, ctx: EngineContext): void;
}

/** Shows a user's value inside a message: quoted, shortened. */
export function shown(text: string): string {
  const t = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return `"${t}"`;
}
