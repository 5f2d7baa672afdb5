/**
 * Claim lines parsed once from their raw cells into a store of fixed-size int32 slots, so that a
 * million lines cost two typed arrays rather than a million objects. Rules read a line by its
 * index in the store; findings are recorded on it with `add`.
 */
import type { Cell, ClaimRow, ColumnMapping, Day, FieldId, Finding, Limits, RateEntry, RuleId, ServiceKind } from "./types";
import type { RateIndex } from "./rates";
import { RULE_SEVERITY } from "./rules/catalogue";
import { dayFromDate, dayFromSerial, dayFromText } from "./days";
import { cellText, isBlank, parseModifiers, parseMoney, type ParsedModifiers } from "./values";

/** Everything a rule may read besides the lines themselves. Built once per validation run. */
export interface EngineContext {
  mapping: ColumnMapping;
  rates: RateIndex;
  limits: Limits;
  asOf: Day;
  /** How messages name a column ("DOS", "Billed Amount", …). */
  label(field: FieldId): string;
}

/** A modifier spelling, parsed, with the rate entry it selects for each code of the table. */
export interface ModInfo {
  parsed: ParsedModifiers;
  /** Per code index of the rate index: the entry index, or -1 when not in the table. */
  entryByCode: number[];
}

/** Service kinds by the small number the store keeps per line (0 = no rate entry). */
export const KIND_CODES: readonly (ServiceKind | undefined)[] = [undefined, "pepm", "outreach", "engagement", "mdt"];

/** Date cell → Day (fast path for the common cell types). */
function dayOf(cell: Cell): Day | undefined {
  if (typeof cell === "number") return dayFromSerial(cell);
  if (typeof cell === "string") return cell === "" ? undefined : dayFromText(cell);
  if (cell instanceof Date) return dayFromDate(cell);
  return undefined;
}

/**
 * Messages are built from many pieces, which V8 keeps as a tree of pieces until the string is
 * read; reading one character makes it one flat string. A finding outlives the validation run,
 * so flat messages cost a third of the memory and far less garbage-collection copying.
 */
function flatten(message: string): void {
  message.charCodeAt(0);
}

/** Field offsets within a line's slot of ClaimStore.data. */
const ROW = 0, SOURCE = 1, MEMBER = 2, DOS = 3, ENROLLMENT = 4, CODE = 5, MODS = 6, PACKED = 7;
/** Slot size: 8 × 4 bytes, so a member's scattered lines cost one cache miss each and 1M lines 32 MB. */
const STRIDE = 8;
/** PACKED holds the rate entry index + 1 in its low 16 bits and these flags above. */
const ENTRY_MASK = 0xffff, HAS_ERROR = 1 << 16, HAS_WARNING = 1 << 17, PEPM_DUP = 1 << 18;
/** "Not a date" in the int32 slots. */
const NO_DAY = -2147483648;

export class ClaimStore {
  size = 0;
  memberCount = 0;
  /** One slot of STRIDE int32 per line: row, source index, member id, dates, code and modifier ids, entry and flags. */
  private readonly data: Int32Array;
  /** Billed amount; NaN when absent, empty or not a number. */
  private readonly billed: Float64Array;
  /** Service kind code per rate entry (see KIND_CODES). */
  private readonly entryKinds: readonly number[];
  /** Distinct codes (trimmed, upper-cased); a line stores an index into it. */
  readonly codes: string[] = [];
  /** Distinct modifier spellings, parsed; a line stores an index into it. */
  readonly modInfos: ModInfo[] = [];
  /** Per line: 0 when it has no finding, else 1 + the index of its list in `lists`. */
  private readonly findingRef: Int32Array;
  /** The finding lists of the lines that have any. */
  private readonly lists: Finding[][] = [];

  constructor(
    readonly inputs: readonly ClaimRow[],
    readonly entries: readonly RateEntry[],
  ) {
    this.data = new Int32Array(inputs.length * STRIDE);
    this.billed = new Float64Array(inputs.length);
    this.findingRef = new Int32Array(inputs.length);
    this.entryKinds = entries.map((e) => KIND_CODES.indexOf(e.kind));
  }

  /** Appends a parsed line; returns its index. Days are whole numbers; undefined = not a date. */
  push(
    row: number, source: number, member: number, dos: Day | undefined, code: number, mods: number,
    entry: number, billed: number | undefined, enrollment: Day | undefined,
  ): number {
    const i = this.size++;
    const d = this.data;
    const o = i * STRIDE;
    d[o + ROW] = row;
    d[o + SOURCE] = source;
    d[o + MEMBER] = member;
    d[o + DOS] = dos ?? NO_DAY;
    d[o + ENROLLMENT] = enrollment ?? NO_DAY;
    d[o + CODE] = code;
    d[o + MODS] = mods;
    d[o + PACKED] = entry + 1;
    this.billed[i] = billed === undefined || !Number.isFinite(billed) ? Number.NaN : billed;
    return i;
  }

  private get(i: number, field: number): number {
    return this.data[i * STRIDE + field] as number;
  }
  private flag(i: number, bit: number): boolean {
    return ((this.data[i * STRIDE + PACKED] as number) & bit) !== 0;
  }
  private setFlag(i: number, bit: number): void {
    const o = i * STRIDE + PACKED;
    this.data[o] = (this.data[o] as number) | bit;
  }

  rowOf(i: number): number {
    return this.get(i, ROW);
  }
  /** Member id (interned from the trimmed, upper-cased ID); -1 when empty. */
  memberOf(i: number): number {
    return this.get(i, MEMBER);
  }
  cell(i: number, column: number | undefined): Cell {
    return column === undefined ? undefined : this.inputs[this.get(i, SOURCE)]?.cells[column];
  }
  /** Date of service, or undefined when it is not a valid date. */
  dosOf(i: number): Day | undefined {
    const d = this.get(i, DOS);
    return d === NO_DAY ? undefined : d;
  }
  /** Date of service for sorting: lines without a valid date sort last. */
  dayKey(i: number): number {
    const d = this.get(i, DOS);
    return d === NO_DAY ? Number.POSITIVE_INFINITY : d;
  }
  codeId(i: number): number {
    return this.get(i, CODE);
  }
  codeOf(i: number): string {
    return this.codes[this.get(i, CODE)] as string;
  }
  modsOf(i: number): ParsedModifiers {
    return (this.modInfos[this.get(i, MODS)] as ModInfo).parsed;
  }
  private entryIndex(i: number): number {
    return (this.get(i, PACKED) & ENTRY_MASK) - 1;
  }
  entryOf(i: number): RateEntry | undefined {
    const e = this.entryIndex(i);
    return e < 0 ? undefined : this.entries[e];
  }
  /** Index into KIND_CODES of the line's service kind (0: no rate entry). */
  kindCode(i: number): number {
    const e = this.entryIndex(i);
    return e < 0 ? 0 : (this.entryKinds[e] as number);
  }
  kindOf(i: number): ServiceKind | undefined {
    const e = this.entryIndex(i);
    return e < 0 ? undefined : KIND_CODES[this.entryKinds[e] as number];
  }
  billedOf(i: number): number | undefined {
    const b = this.billed[i] as number;
    return b === b ? b : undefined;
  }
  enrollmentOf(i: number): Day | undefined {
    const d = this.get(i, ENROLLMENT);
    return d === NO_DAY ? undefined : d;
  }
  hasError(i: number): boolean {
    return this.flag(i, HAS_ERROR);
  }
  hasWarning(i: number): boolean {
    return this.flag(i, HAS_WARNING);
  }
  /** A line is countable while it has no error. */
  isCountable(i: number): boolean {
    return !this.flag(i, HAS_ERROR);
  }
  isPepmDup(i: number): boolean {
    return this.flag(i, PEPM_DUP);
  }
  markPepmDup(i: number): void {
    this.setFlag(i, PEPM_DUP);
  }

  /** The line's findings, in the order they were added; undefined when none. */
  findingsOf(i: number): Finding[] | undefined {
    const ref = this.findingRef[i] as number;
    return ref === 0 ? undefined : this.lists[ref - 1];
  }
  /** Every finding list, for totals. */
  allFindings(): readonly Finding[][] {
    return this.lists;
  }

  add(i: number, rule: RuleId, message: string, field?: FieldId, related?: number[]): void {
    const severity = RULE_SEVERITY[rule];
    flatten(message);
    const finding: Finding = { rule, severity, message };
    if (field !== undefined) finding.field = field;
    if (related !== undefined && related.length > 0) finding.related = related;
    const ref = this.findingRef[i] as number;
    if (ref === 0) this.findingRef[i] = this.lists.push([finding]);
    else (this.lists[ref - 1] as Finding[]).push(finding);
    if (severity !== "info") this.setFlag(i, severity === "error" ? HAS_ERROR : HAS_WARNING);
  }
}

/** Creates the function that parses input row `index` into the store; caches repeated spellings per run. */
export function createLoader(store: ClaimStore, ctx: EngineContext): (index: number) => void {
  const { mapping, rates } = ctx;
  const tableCodes = new Map(rates.codes.map((c, k) => [c, k]));
  /** Per code id: the code's index among the rate table's codes, or -1. */
  const tableIndex: number[] = [];
  const codeIds = new Map<string, number>();
  const rawCodes = new Map<string, number>();
  const modIds = new Map<string, number>();
  const modCols = mapping.modifiers;
  const single = modCols.length === 1 ? modCols[0] : undefined;

  const modInfo = (parsed: ParsedModifiers): ModInfo => ({
    parsed,
    entryByCode: rates.codes.map((code) => {
      const entry = parsed.repeated.length > 0 ? undefined : rates.lookup(code, parsed.key);
      return entry === undefined ? -1 : store.entries.indexOf(entry);
    }),
  });
  /** Modifier spelling id: one cell's text, or the texts of Modifier 1..4 joined. */
  const modsOf = (cells: readonly Cell[]): number => {
    const cell = single === undefined ? undefined : cells[single];
    const text = typeof cell === "string" ? cell : modCols.map((c) => cellText(cells[c])).join("\u0000");
    let id = modIds.get(text);
    if (id === undefined) {
      id = store.modInfos.length;
      store.modInfos.push(modInfo(parseModifiers(single === undefined ? modCols.map((c) => cells[c]) : [cell])));
      modIds.set(text, id);
    }
    return id;
  };
  const codeOf = (cell: Cell): number => {
    const raw = typeof cell === "string" ? cell : cellText(cell);
    let id = rawCodes.get(raw);
    if (id === undefined) {
      const code = raw.trim().toUpperCase();
      id = codeIds.get(code);
      if (id === undefined) {
        id = store.codes.length;
        store.codes.push(code);
        tableIndex.push(tableCodes.get(code) ?? -1);
        codeIds.set(code, id);
      }
      rawCodes.set(raw, id);
    }
    return id;
  };
  // One map for both spellings: normalised IDs (trimmed, upper-case) and, for cells written any
  // other way, the raw text. A raw text that is not normalised can never equal a normalised ID.
  const memberIds = new Map<string, number>();
  let lastRaw: string | undefined;
  let lastId = -1;
  const memberOf = (cell: Cell): number => {
    const raw = typeof cell === "string" ? cell : cellText(cell);
    if (raw === lastRaw) return lastId; // exports often list a member's lines together
    let id = memberIds.get(raw);
    if (id === undefined) {
      const key = raw.trim().toUpperCase();
      if (key === "") id = -1;
      else {
        id = key === raw ? undefined : memberIds.get(key);
        if (id === undefined) memberIds.set(key, (id = store.memberCount++));
      }
      if (key !== raw) memberIds.set(raw, id);
    }
    lastRaw = raw;
    lastId = id;
    return id;
  };
  const at = (cells: readonly Cell[], column: number | undefined): Cell => (column === undefined ? undefined : cells[column]);

  return (index) => {
    const input = store.inputs[index] as ClaimRow;
    const cells = input.cells;
    const code = codeOf(at(cells, mapping.hcpcs));
    const mods = modsOf(cells);
    const k = tableIndex[code] as number;
    const entry = k < 0 ? -1 : ((store.modInfos[mods] as ModInfo).entryByCode[k] as number);
    const billedCell = at(cells, mapping.billed);
    store.push(
      input.row,
      index,
      memberOf(at(cells, mapping.member)),
      dayOf(at(cells, mapping.dos)),
      code,
      mods,
      entry,
      typeof billedCell === "number" ? billedCell : isBlank(billedCell) ? undefined : parseMoney(billedCell),
      mapping.enrollment === undefined ? undefined : dayOf(cells[mapping.enrollment]),
    );
  };
}
