/**
 * The finding lists of a validation run. A line with findings refers to one list by index. Many
 * lines get the same single finding (ECM-MDT-INFO on every G9007 line, ECM-TAR per rate row, …):
 * they share one frozen list instead of two objects per line; a shared list is copied before a
 * second finding joins it.
 */
import type { Params, Registered } from "./rules/rule";
import type { Finding } from "./types";

/**
 * Messages are built from many pieces, which V8 keeps as a tree of pieces until the string is
 * read; reading one character makes it one flat string. A finding outlives the validation run,
 * so flat messages cost a third of the memory and far less garbage-collection copying.
 */
function flatten(message: string): string {
  message.charCodeAt(0);
  return message;
}

/** A finding in its final shape (adding properties later costs V8 a second object). */
export function makeFinding(rule: Registered, params: Params, message: string, rows: readonly number[] | undefined): Finding {
  const { id, severity, field } = rule;
  return field === undefined
    ? rows !== undefined ? { rule: id, severity, rows, params, message } : { rule: id, severity, params, message }
    : rows !== undefined ? { rule: id, severity, field, rows, params, message } : { rule: id, severity, field, params, message };
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
    const list = Object.freeze([Object.freeze(makeFinding(rule, Object.freeze(params), flatten(rule.message(params)), undefined))]);
    this.prepared.set(params, list);
    return list;
  }

  /** A finding of a rule with these params (its message rendered once for prepared params). */
  finding(rule: Registered, params: Params, rows: readonly number[] | undefined): Finding {
    const message = this.shared(rule, params)?.[0]?.message ?? flatten(rule.message(params));
    return makeFinding(rule, params, message, rows);
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
