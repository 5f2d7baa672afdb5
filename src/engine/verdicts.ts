/**
 * The verdicts of a run, one per claim line in input order, kept as columns rather than as one
 * object per line: a line's row, status, expected amount and findings are read from the run's store
 * when asked for. A million lines cost nothing here when every input row is a claim (verdict k is
 * line k), else one 4 MB Int32Array of line indexes, instead of a million four-field objects
 * (≈ 64 MB on Node's 64-bit heap, which the collector copied twice per run).
 * Callers that want objects iterate (`for (const v of verdicts)`, `Array.from(verdicts)`) or call
 * `at(k)`: each Verdict is made when asked for. The expected amount of a line billed below its rate
 * is read from its billed cell then, so read the verdicts before changing the input rows (every
 * adapter turns them into cells, text or objects right after the run).
 */
import type { Finding, Status, Verdict } from "./types";

/** What the verdicts read from the run's store, by line index. */
export interface VerdictSource {
  rowOf(line: number): number;
  /** 0, 1, 2: OK, WARN, ERROR. */
  statusIndex(line: number): number;
  findingsOf(line: number): readonly Finding[] | undefined;
  /** The line's expected reimbursement (see Verdict.expected). */
  expectedOf(line: number): number;
}

/** Statuses by the index the store counts them under. */
export const STATUSES: readonly Status[] = ["OK", "WARN", "ERROR"];

/** Shared by every verdict without findings; frozen, so no caller can change it for the others. */
const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

export class Verdicts implements Iterable<Verdict> {
  /** How many verdicts (claim lines) there are. */
  readonly length: number;

  constructor(
    private readonly source: VerdictSource,
    /** The store's line index of verdict k; undefined when verdict k is line k (no input row was skipped). */
    private readonly lines: Int32Array | undefined,
    /** How many verdicts: lines.length when there are lines. */
    length: number,
  ) {
    this.length = lines === undefined ? length : lines.length;
  }

  /** Verdict k as an object (a new one on each call); undefined outside 0 ≤ k < length. */
  at(k: number): Verdict | undefined {
    if (!(Number.isInteger(k) && k >= 0 && k < this.length)) return undefined;
    const line = this.lines === undefined ? k : (this.lines[k] as number);
    const { source } = this;
    return {
      row: source.rowOf(line),
      status: STATUSES[source.statusIndex(line)] as Status,
      expected: source.expectedOf(line),
      findings: source.findingsOf(line) ?? NO_FINDINGS,
    };
  }
  *[Symbol.iterator](): Iterator<Verdict> {
    for (let k = 0; k < this.length; k++) yield this.at(k) as Verdict;
  }
  /** JSON.stringify writes the verdicts as an array of { row, status, expected, findings }. */
  toJSON(): Verdict[] {
    return [...this];
  }
}
