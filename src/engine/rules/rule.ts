/**
 * How a rule is declared. Each rule is declared once, in its family module, with everything the
 * product says about it: ID, severity, scope, when it fires (one line, for the README and help),
 * the column it points at, which lines it applies to (as data), its effect on payment, and the
 * message it renders from named parameters. The catalogue, the `RuleId` type, the severity of
 * each finding and the documentation tables are derived from these declarations (./catalogue).
 */
import type { EngineContext } from "../context";
import type { ClaimStore } from "../store";
import type { Day, FieldId, RuleId, ServiceKind, Severity } from "../types";

/** A value a finding carries as data: a date (YYYY-MM-DD), a count, an amount, a text, row numbers. */
export type ParamValue = string | number | boolean | readonly number[] | undefined;
export type Params = Readonly<Record<string, ParamValue>>;

/**
 * Which lines a rule can fire on, as data; decided once per rate entry and run, so a line only
 * meets the rules that can fire on it.
 */
export interface Applies {
  /** Service kinds of the line's rate entry; "none" = lines without a rate entry. Absent: any. */
  readonly kinds?: readonly (ServiceKind | "none")[];
  /** Columns the sheet must have. */
  readonly columns?: readonly FieldId[];
  /** Only lines whose rate entry requires a TAR. */
  readonly tarRequired?: true;
}

interface Declared<Id extends string, P extends Params> {
  readonly id: Id;
  readonly severity: Severity;
  /** When the rule fires, in one line (README and help.html rule tables). */
  readonly when: string;
  /** The claim column the finding points at. */
  readonly field?: FieldId;
  readonly applies: Applies;
  /**
   * Effect on payment besides the severity's (a line with an error pays nothing): "nothing" makes
   * the line pay $0 whatever its status.
   */
  readonly pays?: "nothing";
  /**
   * Columns whose cells the rule only asks whether they hold a value (`s.filled(i, field)`): the
   * loader reads those in its first pass, where it is cheap for a million lines.
   */
  readonly asksFilled?: readonly FieldId[];
  /** The message, rendered from the finding's params. Never contains the member ID. */
  message(params: P): string;
}

/** A rule that looks at one claim line (index i of the store). */
export interface RowRule<Id extends string = string, P extends Params = Params> extends Declared<Id, P> {
  readonly scope: "row";
  /**
   * "line": while lines are loaded (findings in severity, then family order); "verdict": after the
   * cross-row rules, on lines still without an error (information about a payable line).
   */
  readonly phase: "line" | "verdict";
  /** The params of the finding when the rule fires on line i; called only on lines `applies` accepts. */
  readonly check: (s: ClaimStore, i: number, ctx: EngineContext) => P | undefined;
}

/** A rule that looks across one member's lines; it fires from a MemberPass. */
export interface CrossRowRule<Id extends string = string, P extends Params = Params> extends Declared<Id, P> {
  readonly scope: "cross-row";
}

export type Rule = RowRule | CrossRowRule;
/** A rule whose ID is a declared one (only those report findings). */
export type Registered = RowRule<RuleId> | CrossRowRule<RuleId>;

/** Declares a row rule (the `const` type parameter keeps its ID a literal type); phase "line" unless given. */
export function rowRule<const Id extends string, P extends Params>(
  rule: Omit<RowRule<Id, P>, "scope" | "phase"> & { readonly phase?: RowRule["phase"] },
): RowRule<Id, P> {
  // One property order for every rule object (one hidden class): the line loop's rule.check stays a monomorphic load.
  return {
    id: rule.id,
    severity: rule.severity,
    when: rule.when,
    field: rule.field,
    applies: rule.applies,
    pays: rule.pays,
    asksFilled: rule.asksFilled,
    message: rule.message,
    check: rule.check,
    scope: "row",
    phase: rule.phase ?? "line",
  };
}

/** Declares a cross-row rule. */
export function crossRowRule<const Id extends string, P extends Params>(rule: Omit<CrossRowRule<Id, P>, "scope">): CrossRowRule<Id, P> {
  return { ...rule, scope: "cross-row" };
}

/**
 * Where a member's ECM enrollment date was found, first source that has one: the members list,
 * the earliest valid enrollment-date cell, the first countable G9012 engagement line, the first
 * countable PEPM line (a PEPM service means the member was enrolled by then).
 */
export interface Enrollment {
  day: Day;
  /** The row of the members list (source "members-list") or of the claims that gave the date. */
  row: number;
  source: "members-list" | "enrollment-date" | "engagement" | "first-pepm";
}

/** The member's successful engagement: the first G9012 engagement line with a valid date not after the as-of date. */
export interface Engagement {
  day: Day;
  row: number;
  /** Store index of the line. */
  line: number;
}

/**
 * One member's claim lines: store indices order[start .. end). order[start .. dated) have a valid
 * date of service, in (date, row) order; order[dated .. end) do not.
 */
export interface MemberLines {
  /** The member's id in the store. */
  id: number;
  order: Int32Array;
  /**
   * kinds[k]: the kind code of line order[k] (moved with it when sorting), so that walking a
   * member's lines for one kind reads this contiguous array, not every line's scattered slot.
   */
  kinds: Uint8Array;
  /** days[k]: the day key (store.dayKey) of line order[k], likewise. */
  days: Int32Array;
  start: number;
  dated: number;
  end: number;
  /**
   * Room for one index per line of the member (as long as the longest member's lines), for a pass
   * to list lines in while it runs (the outreach pass: the paid attempts). A pass's own until it
   * returns; nothing may keep it.
   */
  scratch: Int32Array;
  /** Decided by the enrollment pass, which runs before the passes that read them. */
  enrollment: Enrollment | undefined;
  engagement: Engagement | undefined;
}

/**
 * Cross-row rules decided in one pass over a member's lines (one rule, or a family whose rules
 * depend on each other, like the outreach limits). The order of passes is one list (./catalogue).
 */
export interface MemberPass {
  readonly rules: readonly CrossRowRule<RuleId>[];
  run(member: MemberLines, s: ClaimStore, ctx: EngineContext): void;
}

/** Service kinds by the small number the store keeps per line (0 = no rate entry). */
export const KIND_CODES: readonly (ServiceKind | undefined)[] = [undefined, "pepm", "outreach", "engagement", "mdt"];

/** The lines a pass wants: of these service kinds, and only those still countable (no error) if asked. */
export interface LineFilter {
  /** Bit k set: lines whose kind code (store.kindCode) is k. */
  readonly kinds: number;
  readonly countable: boolean;
}

/** A LineFilter for lines of these kinds ("none": without a rate entry). */
export function lines(kinds: readonly (ServiceKind | "none")[], countable: boolean): LineFilter {
  let mask = 0;
  for (const kind of kinds) mask |= 1 << KIND_CODES.indexOf(kind === "none" ? undefined : kind);
  return { kinds: mask, countable };
}

/**
 * The position (in member.order) of the first dated line at or after position k that the filter
 * wants, or member.dated when there is none. Walk a member's wanted lines in date order with
 * `for (let k = nextLine(m, s, m.start, f); k < m.dated; k = nextLine(m, s, k + 1, f))`.
 */
export function nextLine(member: MemberLines, s: ClaimStore, k: number, want: LineFilter): number {
  const { order, kinds, dated } = member;
  for (; k < dated; k++) {
    if (((1 << (kinds[k] as number)) & want.kinds) !== 0 && (!want.countable || s.isCountable(order[k] as number))) return k;
  }
  return dated;
}

/** Shows a user's value inside a message: quoted, shortened. */
export function shown(text: string): string {
  const t = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return `"${t}"`;
}
