/** The run context: everything a rule may read besides the lines themselves, built once per validation run. */
import { columnLabel, FIELD_ORDER } from "./columns";
import type { FindingLists } from "./findings";
import { DEFAULT_RATES, indexRates, planKey, type RateIndex } from "./rates";
import type { Params } from "./rules/rule";
import { MASS_WORDS, massPattern } from "./rules/outreach";
import type { ColumnMapping, DateOrder, DateSystem, Day, FieldId, Limits, MembersList, ValidateOptions } from "./types";
import { cleanText } from "./values";
import { formatDay } from "./days";

/** The seed's limits (5 attempts in a rolling 30 days, 5 before engagement); lesser of billed on, CIN check off. */
export const DEFAULT_LIMITS: Limits = { outreachPerWindow: 5, windowDays: 30, outreachMax: 5, lesserOfBilled: true, cinFormat: false };

export interface EngineContext {
  readonly mapping: ColumnMapping;
  /** The mapped claim columns (fields in FIELD_ORDER, Modifier 1..4 each), and the field of each. */
  readonly claimColumns: ClaimColumns;
  readonly rates: RateIndex;
  /**
   * The limits for lines of a plan (a planKey; "" for no plan): the defaults, then the book's
   * any-plan rows, then the plan's row, then the run's options (CLI flags, the pane's options).
   */
  limitsFor(plan: string): Limits;
  /** The plan of lines without a Plan cell (options.plan, "" when none). */
  readonly defaultPlan: string;
  /** Whether any plan's lines have their member IDs checked as Medi-Cal CINs. */
  readonly anyCinFormat: boolean;
  readonly asOf: Day;
  /** The date system of number cells in date columns (options.dateSystem, default 1900). */
  readonly dateSystem: DateSystem;
  /** The order of day and month in text dates (options.dateOrder, default "mdy"). */
  readonly dateOrder: DateOrder;
  /** The members list, when one was given. */
  readonly members: MembersList | undefined;
  /** Matches a method text that says mass communication (from the options' words, or the defaults). */
  readonly massPattern: RegExp;
  /** How messages name a column ("DOS", "Billed Amount", …). */
  label(field: FieldId): string;
  /**
   * A day as findings write it (YYYY-MM-DD, formatDay), made once per run and day: the cross-row
   * findings of a big sheet name the same few hundred days tens of thousands of times, and one
   * shared string beats building the five it takes to write one.
   */
  dayText(day: Day): string;
  /**
   * The params of a finding that depend only on `key` (a rate entry, a day, a text) within this
   * run: built once by `build(key, ctx)`, then shared by every finding that needs it (one frozen
   * finding list for all the lines whose only finding it is). `build` is a module-level function rather than a closure: a check whose own
   * variables a closure captures makes V8 allocate a context on every call, fired or not.
   */
  remember<K, P extends Params>(rule: string, key: K, build: (key: K, ctx: EngineContext) => P): P;
  /**
   * A value that depends only on `key` within this run (what a method text says, …): computed once
   * by `build(key, ctx)` per namespace and key, for up to MEMO_LIMIT keys a namespace (free text can
   * be different on every line), then computed each time.
   */
  memo<K, V>(namespace: string, key: K, build: (key: K, ctx: EngineContext) => V): V;
}

/** Keys a memo namespace keeps per run. */
export const MEMO_LIMIT = 10_000;

export function createContext(mapping: ColumnMapping, options: ValidateOptions, findings: FindingLists): EngineContext {
  const remembered = new Map<string, Map<unknown, Params>>();
  const memos = new Map<string, Map<unknown, unknown>>();
  const dayTexts = new Map<number, string>(); // as many as the sheet has days: a few thousand at most
  // The last answer: rules asking about the same line's cell one after another get it without a lookup.
  let lastNamespace: string | undefined;
  let lastKey: unknown;
  let lastValue: unknown;
  const table = options.rates ?? DEFAULT_RATES;
  const run: Partial<Limits> = { ...options.limits, ...(options.cinFormat === true ? { cinFormat: true } : {}) };
  const anyPlan = Object.assign(
    {},
    DEFAULT_LIMITS,
    ...(table.limits ?? []).filter((l) => l.plan === undefined).map((l) => l.limits),
  ) as Limits;
  const byPlan = new Map<string, Limits>();
  const limitsFor = (plan: string): Limits => {
    let limits = byPlan.get(plan);
    if (limits === undefined) {
      const own = plan === "" ? [] : (table.limits ?? []).filter((l) => l.plan !== undefined && planKey(l.plan) === plan);
      byPlan.set(plan, (limits = Object.freeze(Object.assign({}, anyPlan, ...own.map((l) => l.limits), run) as Limits)));
    }
    return limits;
  };
  const ctx: EngineContext = {
    mapping,
    claimColumns: claimColumns(mapping),
    rates: indexRates(table),
    limitsFor,
    defaultPlan: options.plan === undefined ? "" : cleanText(options.plan),
    anyCinFormat: run.cinFormat ?? (anyPlan.cinFormat || (table.limits ?? []).some((l) => l.limits.cinFormat === true)),
    asOf: options.asOf,
    dateSystem: options.dateSystem ?? 1900,
    dateOrder: options.dateOrder ?? "mdy",
    members: options.members,
    massPattern: massPattern(options.massWords ?? MASS_WORDS),
    label: (field) => columnLabel(mapping, field),
    dayText(day) {
      let text = dayTexts.get(day);
      if (text === undefined) dayTexts.set(day, (text = formatDay(day)));
      return text;
    },
    remember<K, P extends Params>(rule: string, key: K, build: (key: K, ctx: EngineContext) => P): P {
      let byKey = remembered.get(rule);
      if (byKey === undefined) remembered.set(rule, (byKey = new Map()));
      const known = byKey.get(key) as P | undefined; // stored below under this rule and key: a P
      if (known !== undefined) return known;
      const params = build(key, ctx);
      byKey.set(key, findings.prepare(params));
      return params;
    },
    memo<K, V>(namespace: string, key: K, build: (key: K, ctx: EngineContext) => V): V {
      if (key === lastKey && namespace === lastNamespace) return lastValue as V; // stored below for this namespace and key: a V
      const value = memoised(namespace, key, build);
      lastNamespace = namespace;
      lastKey = key;
      lastValue = value;
      return value;
    },
  };
  function memoised<K, V>(namespace: string, key: K, build: (key: K, ctx: EngineContext) => V): V {
    let byKey = memos.get(namespace);
    if (byKey === undefined) memos.set(namespace, (byKey = new Map()));
    const known = byKey.get(key);
    if (known !== undefined || byKey.has(key)) return known as V; // stored below under this namespace and key: a V
    const value = build(key, ctx);
    if (byKey.size < MEMO_LIMIT) byKey.set(key, value);
    return value;
  }
  return ctx;
}

/** The sheet's claim columns in FIELD_ORDER (a field with several columns, like modifiers, once per column). */
export interface ClaimColumns {
  readonly columns: Int32Array;
  readonly fields: readonly FieldId[];
  /** Per column: its field's index in FIELD_ORDER. */
  readonly codes: Int8Array;
  /**
   * ECM-CELL-ERROR's lists of the columns to look at, by the mask of what a line did not load
   * well (lookAt in rules/cells.ts): made on first use within the run.
   */
  readonly toLook: (Int32Array | undefined)[];
}

function claimColumns(m: ColumnMapping): ClaimColumns {
  const columns: number[] = [];
  const fields: FieldId[] = [];
  for (const field of FIELD_ORDER) {
    const cols = field === "modifiers" ? m.modifiers : m[field] === undefined ? [] : [m[field]];
    for (const c of cols) {
      columns.push(c);
      fields.push(field);
    }
  }
  return {
    columns: Int32Array.from(columns),
    fields,
    codes: Int8Array.from(fields.map((f) => FIELD_ORDER.indexOf(f))),
    toLook: [],
  };
}
