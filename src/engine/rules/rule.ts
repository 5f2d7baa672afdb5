import type { ClaimStore, EngineContext } from "../claim";
import type { Day, FieldId, RateEntry, RuleId } from "../types";

/** A rule that looks at one claim line (index i of the store): returns the message when it fires. */
export interface RowRule {
  id: RuleId;
  field?: FieldId;
  /**
   * Whether it can fire on lines of this rate entry (undefined: lines with no rate entry) with
   * these columns; decided once per entry and run, so lines skip the rules that cannot fire.
   * All lines when absent.
   */
  appliesTo?(entry: RateEntry | undefined, ctx: EngineContext): boolean;
  /** Called only on lines whose rate entry `appliesTo` accepted. */
  check(s: ClaimStore, i: number, ctx: EngineContext): string | undefined;
}

export interface Enrollment {
  day: Day;
  row: number;
  source: "enrollment-date" | "engagement";
}

/**
 * One member's claim lines: store indices order[start .. end). order[start .. dated) have a valid
 * date of service, in (date, row) order; order[dated .. end) do not.
 */
export interface MemberLines {
  /** The member's id in the store. */
  id: number;
  order: Int32Array;
  start: number;
  dated: number;
  end: number;
  enrollment: Enrollment | undefined;
}

/** A rule (or a family decided in one pass) over one member's lines. */
export interface MemberRule {
  ids: readonly RuleId[];
  run(member: MemberLines, s: ClaimStore, ctx: EngineContext): void;
}

/** Shows a user's value inside a message: quoted, shortened. */
export function shown(text: string): string {
  const t = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return `"${t}"`;
}
