/**
 * The finding lists of a validation run. A line with findings refers to one list by index. Many
 * lines get the same single finding (ECM-MDT-INFO on every G9007 line, ECM-TAR per rate row, …):
 * they share one frozen list instead of two objects per line; a shared list is copied before a
 * second finding joins it.
 */
import { ruleById } from "./rules/catalogue";
import type { Params, Registered } from "./rules/rule";
import type { FieldId, Finding, RuleId, Severity } from "./types";

/**
 * A finding whose message is rendered from its params when it is read, not when it is found:
 * most findings of a large run are counted, not read, and building their messages cost ≈ 15 % of
 * the engine's time on a million lines (strings built, flattened, kept and copied by the GC).
 * `message` is a getter; JSON.stringify writes { rule, severity, field?, rows?, params, message }.
 */
class LazyFinding implements Finding {
  constructor(
    readonly rule: RuleId,
    readonly severity: Severity,
    readonly field: FieldId | undefined,
    readonly rows: readonly number[] | undefined,
    readonly params: Params,
  ) {}

  get message(): string {
    return ruleById(this.rule).message(this.params);
  }

  toJSON(): object {
    const { rule, severity, field, rows, params, message } = this;
    return field === undefined
      ? rows !== undefined
        ? { rule, severity, rows, params, message }
        : { rule, severity, params, message }
      : rows !== undefined
        ? { rule, severity, field, rows, params, message }
        : { rule, severity, field, params, message };
  }
}

export function makeFinding(rule: Registered, params: Params, rows: readonly number[] | undefined): Finding {
  return new LazyFinding(rule.id, rule.severity, rule.field, rows, params);
}

export class FindingLists {
  private readonly lists: (readonly Finding[])[] = [];
  /**
   * Params that many findings share (EngineContext.remember), with the frozen list of their one
   * finding, made on first use (null until then). Only those are shared: findings whose params a
   * rule made for one line each get their own, as their params may differ where messages do not.
   */
  private readonly prepared = new Map<Params, readonly Finding[] | null>();

  /** Marks params that many findings will share; returns them. */
  prepare(params: Params): Params {
    this.prepared.set(params, null);
    return params;
  }

  /** The shared one-finding list of prepared params (made now if need be); undefined for other params. */
  shared(rule: Registered, params: Params): readonly Finding[] | undefined {
    const known = this.prepared.get(params);
    if (known !== null) return known;
    const list = Object.freeze([Object.freeze(makeFinding(rule, Object.freeze(params), undefined))]);
    this.prepared.set(params, list);
    return list;
  }

  get(ref: number): readonly Finding[] | undefined {
    return ref === 0 ? undefined : this.lists[ref - 1];
  }
  all(): readonly (readonly Finding[])[] {
    return this.lists;
  }

  /** A new list reference (index + 1) for a line: `list` itself when shared, else a copy made when a second finding comes. */
  add(list: readonly Finding[]): number {
    return this.lists.push(list);
  }

  /** Appends to list `ref`; `shared`: that list is a shared one, to be copied first. */
  append(ref: number, finding: Finding, shared: boolean): void {
    const list = this.lists[ref - 1] as Finding[];
    if (shared) this.lists[ref - 1] = [...list, finding];
    else list.push(finding);
  }
}
