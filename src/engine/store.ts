/**
 * The claim lines of a run, parsed once from their raw cells (by ./loader) into fixed-size int32
 * slots: each line's fields kept together in one 16-byte slot, so that a million lines cost one
 * 16 MB typed array rather than a million objects. Rules read a line by its index in the store;
 * findings are recorded on it with `add` (kept in ./findings).
 */
import { makeFinding, type FindingLists } from "./findings";
import { KIND_CODES, type Params, type Registered } from "./rules/rule";
import type { Cell, ClaimRow, Day, FieldId, Finding, Limits, RateEntry } from "./types";
import { isBlank, parseMoney, type ParsedModifiers } from "./values";

/** Field offsets within a line's slot of ClaimStore.data. */
const MEMBER = 0,
  DOS = 1,
  SERVICE = 2,
  STATE = 3;
/**
 * Slot size: 4 × 4 bytes, so what the cross-row rules read about a line sits together (the lines
 * of a member are scattered through the input), 1M lines cost 16 MB, and four slots fill one
 * 64-byte cache line exactly (a slot never straddles two). The row number is not in the slot: the
 * rows of a sheet are consecutive (row = first row + line index), and only when they are not does
 * the store keep them, in `rowNumbers`. The billed amount is not kept: the rules that need it read
 * the line's cell, which is cheap for the usual number. Enrollment dates are kept per member (the
 * earliest), as that is all the rules use.
 */
const STRIDE = 4;
/**
 * STATE holds these flags in its low bits and, above REF_SHIFT, the reference of the line's
 * finding list in FindingLists (0: none). NO_PAY: a finding whose rule `pays: "nothing"`. SHARED:
 * the line's list is a shared one-finding list (copied before a second finding is added).
 * FILLED << k: the line's cell of the k-th of the run's `filledFields` holds a value (see `filled`).
 */
const HAS_ERROR = 1,
  HAS_WARNING = 2,
  NO_PAY = 4,
  BLANK = 8,
  SHARED = 16,
  FILLED = 32,
  REF_SHIFT = 9;
/** How many fields the store can record as filled or not (bits FILLED .. below REF_SHIFT). */
export const MAX_FILLED_FIELDS = 4;
/**
 * SERVICE holds the line's service id in its low bits and, above KIND_SHIFT, the kind code of its
 * rate entry (the cross-row passes ask each line's kind several times: one read instead of three).
 */
const KIND_SHIFT = 28,
  SERVICE_MASK = (1 << KIND_SHIFT) - 1;
/** "No enrollment date" in enrollDay. */
const NO_DAY = -2147483648;
/**
 * The DOS slot of a line without a valid date, and its dayKey: after every day, so such lines sort
 * last, and an int32 (a small integer wherever it is kept or compared).
 */
export const UNDATED = 2147483647;

/** A plan of the run. */
export interface Plan {
  /** As first written ("" for no plan). */
  readonly name: string;
  /** planKey of the name (rates.ts). */
  readonly key: string;
  /** Limits and switches for its lines: the defaults, the book's any-plan and plan rows, the run's options. */
  readonly limits: Limits;
}

/**
 * The parsed claim lines. Line i is input row i (a wholly blank row keeps its slot, marked blank),
 * so a line's cells are read from the input itself.
 */
export class ClaimStore {
  readonly size: number;
  /** Lines that are claims (input rows that are not blank). */
  claims = 0;
  private members = 0;
  /**
   * Per member id: how many lines it has. Sized for one member per line, the most there can be;
   * only the pages of the ids in use are ever touched, and nothing is copied as members arrive.
   */
  readonly memberLines: Int32Array;
  /** Per member id: the earliest enrollment-date cell of its lines and that line's row (NO_DAY: none). */
  private readonly enrollDay: Int32Array;
  private readonly enrollRow: Int32Array;
  /** One slot of STRIDE int32 per line: member id, date of service, service id, flags + finding list. */
  private readonly data: Int32Array;
  /** The row number of line 0; line i is row rowBase + i while `rowNumbers` is undefined. */
  private readonly rowBase: number;
  /** Each line's row number, made when a claim line's row is not rowBase + its index (rows left out of the input). */
  private rowNumbers: Int32Array | undefined;
  /** Service kind code per rate entry (see KIND_CODES). */
  private readonly entryKinds: readonly number[];
  /** Distinct codes (trimmed, upper-cased). */
  readonly codes: string[] = [];
  /** Distinct modifier spellings, parsed. */
  readonly modifierSets: ParsedModifiers[] = [];
  /**
   * The plans of the run by plan id: 0 is the plan of lines without a Plan cell (the run's
   * default plan, "" when none), the others as first written in the Plan column.
   */
  readonly plans: Plan[] = [];
  /** Per service id (a code, modifier spelling and plan seen together): code id, modifier id, plan id, rate entry (-1: none). */
  private readonly serviceCode: number[] = [];
  private readonly servicePlan: number[] = [];
  private readonly serviceMods: number[] = [];
  private readonly serviceEntry: number[] = [];
  /** The finding lists of the lines that have any. */
  readonly findings: FindingLists;

  constructor(
    readonly inputs: readonly ClaimRow[],
    readonly entries: readonly RateEntry[],
    /** Column of the billed amount, if the sheet has one. */
    private readonly billedColumn: number | undefined,
    findings: FindingLists,
    /** Fields whose cells the loader records as holding a value or not (at most MAX_FILLED_FIELDS). */
    readonly filledFields: readonly FieldId[] = [],
  ) {
    this.findings = findings;
    this.size = inputs.length;
    this.data = new Int32Array(this.size * STRIDE);
    this.rowBase = inputs[0]?.row ?? 0;
    this.memberLines = new Int32Array(this.size);
    this.enrollDay = new Int32Array(this.size);
    this.enrollRow = new Int32Array(this.size);
    this.entryKinds = entries.map((e) => KIND_CODES.indexOf(e.kind));
  }

  /** Members so far (member ids are 0 .. memberCount − 1). */
  get memberCount(): number {
    return this.members;
  }
  /** Member IDs (trimmed, upper-cased) by member id. */
  private readonly memberKeys: string[] = [];

  /** A new member (no lines, no enrollment date yet) with its ID (trimmed, upper-cased); returns its id. */
  addMember(key: string): number {
    this.enrollDay[this.members] = NO_DAY;
    this.memberKeys.push(key);
    return this.members++;
  }
  /** The member's ID, trimmed and upper-cased (never shown in messages). */
  memberKey(member: number): string {
    return this.memberKeys[member] as string;
  }

  /**
   * Records a service: a (code id, modifier id, plan id) triple with the rate entry it resolves to
   * (-1: none; a pair whose rate depends on the date has one service per entry). Returns its service id.
   */
  addService(code: number, mods: number, entry: number, plan = 0): number {
    this.serviceCode.push(code);
    this.servicePlan.push(plan);
    this.serviceMods.push(mods);
    return this.serviceEntry.push(entry) - 1;
  }

  /**
   * First loading pass: line i (= input row i) is a claim of `member` (-1: no member ID); bit k of
   * `filled` says whether its cell of filledFields[k] is filled.
   */
  setMember(i: number, member: number, filled: number): void {
    const o = i * STRIDE;
    const row = (this.inputs[i] as ClaimRow).row;
    if (this.rowNumbers !== undefined) this.rowNumbers[i] = row;
    else if (row !== this.rowBase + i) this.keepRowNumbers(i, row);
    this.data[o + MEMBER] = member;
    this.data[o + STATE] = filled * FILLED;
    this.claims++;
    if (member >= 0) this.memberLines[member] = (this.memberLines[member] as number) + 1;
  }

  /** Line i is not row rowBase + i: from now on every line's row number is kept. */
  private keepRowNumbers(i: number, row: number): void {
    const rows = new Int32Array(this.size);
    for (let k = 0; k < i; k++) rows[k] = this.rowBase + k;
    rows[i] = row;
    this.rowNumbers = rows;
  }

  /** Second loading pass: the cell of the field with this filled bit (1 << k, k its index in filledFields) holds a value. */
  setFilled(i: number, bit: number): void {
    const o = i * STRIDE + STATE;
    this.data[o] = (this.data[o] as number) | (bit * FILLED);
  }

  /** Second loading pass: the rest of line i. Days are whole numbers; undefined = not a date. */
  set(i: number, dos: Day | undefined, service: number, enrollment: Day | undefined): void {
    const o = i * STRIDE;
    const d = this.data;
    d[o + DOS] = dos ?? UNDATED;
    const e = this.serviceEntry[service] as number;
    d[o + SERVICE] = service | ((e < 0 ? 0 : (this.entryKinds[e] as number)) << KIND_SHIFT);
    if (enrollment === undefined) return;
    const member = d[o + MEMBER] as number;
    if (member < 0) return;
    const row = this.rowOf(i);
    const best = this.enrollDay[member] as number;
    if (best === NO_DAY || enrollment < best || (enrollment === best && row < (this.enrollRow[member] as number))) {
      this.enrollDay[member] = enrollment;
      this.enrollRow[member] = row;
    }
  }

  /** Marks input row i as not a claim (wholly blank, or a totals row): no verdict, in no member's lines. */
  markBlank(i: number): void {
    const o = i * STRIDE;
    this.data[o + MEMBER] = -1;
    this.data[o + DOS] = UNDATED;
    this.data[o + STATE] = BLANK;
  }

  private get(i: number, field: number): number {
    return this.data[i * STRIDE + field] as number;
  }
  private flag(i: number, bit: number): boolean {
    return ((this.data[i * STRIDE + STATE] as number) & bit) !== 0;
  }

  isBlank(i: number): boolean {
    return this.flag(i, BLANK);
  }
  /** The line's row number (of a claim line: blank lines' are not kept). */
  rowOf(i: number): number {
    const rows = this.rowNumbers;
    return rows === undefined ? this.rowBase + i : (rows[i] as number);
  }
  /** Member id (interned from the trimmed, upper-cased ID); -1 when empty. */
  memberOf(i: number): number {
    return this.get(i, MEMBER);
  }
  /** The line's input cells, as given. */
  cells(i: number): readonly Cell[] {
    return (this.inputs[i] as ClaimRow).cells;
  }
  cell(i: number, column: number | undefined): Cell {
    return column === undefined ? undefined : this.inputs[i]?.cells[column];
  }
  /** Date of service, or undefined when it is not a valid date. */
  dosOf(i: number): Day | undefined {
    const d = this.get(i, DOS);
    return d === UNDATED ? undefined : d;
  }
  /** Date of service for sorting and comparing: UNDATED (after every day) when it is not a valid date. */
  dayKey(i: number): number {
    return this.get(i, DOS);
  }
  codeId(i: number): number {
    return this.serviceCode[this.get(i, SERVICE) & SERVICE_MASK] as number;
  }
  codeOf(i: number): string {
    return this.codes[this.codeId(i)] as string;
  }
  modsOf(i: number): ParsedModifiers {
    return this.modifierSets[this.serviceMods[this.get(i, SERVICE) & SERVICE_MASK] as number] as ParsedModifiers;
  }
  /** The line's plan id (index into `plans`). */
  planId(i: number): number {
    return this.servicePlan[this.get(i, SERVICE) & SERVICE_MASK] as number;
  }
  /** The line's plan: its name, key and the limits that apply to it. */
  planOf(i: number): Plan {
    return this.plans[this.planId(i)] as Plan;
  }
  /** Index of the line's rate entry in `entries`, or -1 when it has none. */
  entryIndex(i: number): number {
    return this.serviceEntry[this.get(i, SERVICE) & SERVICE_MASK] as number;
  }
  entryOf(i: number): RateEntry | undefined {
    const e = this.entryIndex(i);
    return e < 0 ? undefined : this.entries[e];
  }
  /** Index into KIND_CODES of the line's service kind (0: no rate entry). */
  kindCode(i: number): number {
    return this.get(i, SERVICE) >>> KIND_SHIFT;
  }
  /** The billed amount; undefined when there is no column or the cell is empty or not an amount. */
  billedOf(i: number): number | undefined {
    const cell = this.cell(i, this.billedColumn);
    return isBlank(cell) ? undefined : parseMoney(cell);
  }
  /** The earliest valid enrollment-date cell on the member's lines (errors included), with its row. */
  memberEnrollment(member: number): { day: Day; row: number } | undefined {
    const day = this.enrollDay[member] as number;
    return day === NO_DAY ? undefined : { day, row: this.enrollRow[member] as number };
  }
  /** 2 when the line has an error, else 1 when it has a warning, else 0 (index into OK, WARN, ERROR). */
  statusIndex(i: number): number {
    const state = this.get(i, STATE);
    return (state & HAS_ERROR) !== 0 ? 2 : (state & HAS_WARNING) !== 0 ? 1 : 0;
  }
  /**
   * Whether the line's cell of `field` holds a value: not blank, and for a TAR not a placeholder
   * such as "N/A" (false when the sheet has no such column). Only for the run's `filledFields`
   * (those rules declare in `asksFilled`), recorded while loading: in the first pass, where reading
   * the cells of a million lines is cheap, or for the enrollment date in the second, which reads
   * that cell anyway. Other fields answer false.
   */
  filled(i: number, field: FieldId): boolean {
    // A scan of at most MAX_FILLED_FIELDS names compared by identity: a lookup keyed by the name
    // (one site asked for several names) was a slow generic property load, once per line per rule.
    const fields = this.filledFields;
    for (let k = 0; k < fields.length; k++) if (fields[k] === field) return this.flag(i, FILLED << k);
    return false;
  }

  /**
   * A line is countable while it has no error and no finding that makes it pay nothing (a
   * duplicate line, a second PEPM line in a month): only such lines count toward the limits.
   */
  isCountable(i: number): boolean {
    return ((this.data[i * STRIDE + STATE] as number) & (HAS_ERROR | NO_PAY)) === 0;
  }
  /** Whether a finding of the line makes it pay nothing whatever its status (rule `pays: "nothing"`). */
  paysNothing(i: number): boolean {
    return this.flag(i, NO_PAY);
  }

  /** The line's findings, in the order they were added; undefined when none. */
  findingsOf(i: number): readonly Finding[] | undefined {
    return this.findings.get(this.get(i, STATE) >>> REF_SHIFT);
  }

  /**
   * Records a finding of a registered rule on line i: its params, and the rows it refers to
   * (evidence of a cross-row rule). A line whose only finding has remembered params and no
   * evidence rows shares the list of that finding with every other such line.
   */
  add(i: number, rule: Registered, params: Params, rows?: readonly number[]): void {
    const o = i * STRIDE + STATE;
    let state = this.data[o] as number;
    const ref = state >>> REF_SHIFT;
    const evidence = rows !== undefined && rows.length > 0 ? rows : undefined;
    const shared = ref === 0 && evidence === undefined ? this.findings.shared(rule, params) : undefined;
    if (shared !== undefined) state |= (this.findings.add(shared) << REF_SHIFT) | SHARED;
    else {
      const finding = makeFinding(rule, params, evidence);
      if (ref === 0) state |= this.findings.add([finding]) << REF_SHIFT;
      else {
        this.findings.append(ref, finding, (state & SHARED) !== 0);
        state &= ~SHARED;
      }
    }
    if (rule.severity !== "info") state |= rule.severity === "error" ? HAS_ERROR : HAS_WARNING;
    if (rule.pays === "nothing") state |= NO_PAY;
    this.data[o] = state;
  }
}
