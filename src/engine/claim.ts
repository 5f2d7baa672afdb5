/**
 * Claim lines parsed once from their raw cells into a store of fixed-size int32 slots, so that a
 * million lines cost one 20 MB typed array rather than a million objects. Rules read a line by its
 * index in the store; findings are recorded on it with `add`.
 */
import type { Cell, ClaimRow, ColumnMapping, Day, FieldId, Finding, Limits, RateEntry, RuleId, ServiceKind, Severity } from "./types";
import type { RateIndex } from "./rates";
import { RULE_SEVERITY } from "./rules/catalogue";
import { cellText, isBlank, parseDay, parseModifiers, parseMoney, type ParsedModifiers } from "./values";

/** Everything a rule may read besides the lines themselves. Built once per validation run. */
export interface EngineContext {
  mapping: ColumnMapping;
  rates: RateIndex;
  limits: Limits;
  asOf: Day;
  /** How messages name a column ("DOS", "Billed Amount", …). */
  label(field: FieldId): string;
  /**
   * A message that depends only on `key` (a rate entry, a day, a text) within this run: built
   * once by `build(key, ctx)`, then shared by every finding that needs it. `build` is a
   * module-level function rather than a closure: a check whose own variables a closure captures
   * makes V8 allocate a context on every call, fired or not (≈100 MB of garbage per million lines).
   */
  remember<K>(rule: RuleId, key: K, build: (key: K, ctx: EngineContext) => string): string;
}

/** A modifier spelling, parsed, with the rate entry it selects for each code of the table. */
export interface ModInfo {
  parsed: ParsedModifiers;
  /** Per code index of the rate index: the entry index, or -1 when not in the table. */
  entryByCode: number[];
}

/** Service kinds by the small number the store keeps per line (0 = no rate entry). */
export const KIND_CODES: readonly (ServiceKind | undefined)[] = [undefined, "pepm", "outreach", "engagement", "mdt"];

/**
 * Messages are built from many pieces, which V8 keeps as a tree of pieces until the string is
 * read; reading one character makes it one flat string. A finding outlives the validation run,
 * so flat messages cost a third of the memory and far less garbage-collection copying.
 */
function flatten(message: string): void {
  message.charCodeAt(0);
}

/** Field offsets within a line's slot of ClaimStore.data. */
const ROW = 0, MEMBER = 1, DOS = 2, SERVICE = 3, STATE = 4;
/**
 * Slot size: 5 × 4 bytes, so what the cross-row rules read about a line sits together (the lines
 * of a member are scattered through the input) and 1M lines cost 20 MB. The row number stays in
 * the slot: messages and the date tie-break read it for scattered lines, and reading it from the
 * input row there cost more than the 4 MB it saves. The billed amount is not kept: the rules that
 * need it read the line's cell, which is cheap for the usual number. Enrollment dates are kept
 * per member (the earliest), as that is all the rules use.
 */
const STRIDE = 5;
/**
 * STATE holds these flags in its low bits and, above REF_SHIFT, 1 + the index of the line's
 * finding list (0: none). NO_TAR: the TAR cell is empty (or there is no TAR column). SHARED: the
 * line's list is a shared one-finding list (copied before a second finding is added).
 */
const HAS_ERROR = 1, HAS_WARNING = 2, PEPM_DUP = 4, BLANK = 8, NO_TAR = 16, SHARED = 32, REF_SHIFT = 6;
/** "Not a date" in the int32 slots. */
const NO_DAY = -2147483648;

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
  /** One slot of STRIDE int32 per line: row number, member id, date of service, service id, flags + finding list. */
  private readonly data: Int32Array;
  /** Service kind code per rate entry (see KIND_CODES). */
  private readonly entryKinds: readonly number[];
  /** Distinct codes (trimmed, upper-cased). */
  readonly codes: string[] = [];
  /** Distinct modifier spellings, parsed. */
  readonly modInfos: ModInfo[] = [];
  /** Per service id (a code and modifier spelling seen together): code id, modifier id, rate entry (-1: none). */
  private readonly serviceCode: number[] = [];
  private readonly serviceMods: number[] = [];
  private readonly serviceEntry: number[] = [];
  /** The finding lists of the lines that have any (a shared list once per line that has it). */
  private readonly lists: (readonly Finding[])[] = [];
  /**
   * Per rule, per message: a frozen list of that one finding, shared by every line whose only
   * finding it is. Many lines get the same finding (ECM-MDT-INFO on every G9007 line, ECM-TAR
   * per rate row, …): one object for all of them instead of two per line.
   */
  private readonly shared = new Map<RuleId, Map<string, readonly Finding[]>>();

  constructor(
    readonly inputs: readonly ClaimRow[],
    readonly entries: readonly RateEntry[],
    /** Column of the billed amount, if the sheet has one. */
    private readonly billedColumn: number | undefined,
  ) {
    this.size = inputs.length;
    this.data = new Int32Array(this.size * STRIDE);
    this.memberLines = new Int32Array(this.size);
    this.enrollDay = new Int32Array(this.size);
    this.enrollRow = new Int32Array(this.size);
    this.entryKinds = entries.map((e) => KIND_CODES.indexOf(e.kind));
  }

  /** Members so far (member ids are 0 .. memberCount − 1). */
  get memberCount(): number {
    return this.members;
  }
  /** A new member (no lines, no enrollment date yet); returns its id. */
  addMember(): number {
    this.enrollDay[this.members] = NO_DAY;
    return this.members++;
  }

  /** Records a (code id, modifier id) pair and the rate entry index it selects; returns its service id. */
  addService(code: number, mods: number, entry: number): number {
    this.serviceCode.push(code);
    this.serviceMods.push(mods);
    return this.serviceEntry.push(entry) - 1;
  }

  /** First loading pass: line i (= input row i) is a claim of `member` (-1: no member ID), with or without a TAR. */
  setMember(i: number, member: number, tar: boolean): void {
    const o = i * STRIDE;
    this.data[o + ROW] = (this.inputs[i] as ClaimRow).row;
    this.data[o + MEMBER] = member;
    if (!tar) this.data[o + STATE] = NO_TAR;
    this.claims++;
    if (member >= 0) this.memberLines[member] = (this.memberLines[member] as number) + 1;
  }

  /** Second loading pass: the rest of line i. Days are whole numbers; undefined = not a date. */
  set(i: number, dos: Day | undefined, service: number, enrollment: Day | undefined): void {
    const o = i * STRIDE;
    const d = this.data;
    d[o + DOS] = dos ?? NO_DAY;
    d[o + SERVICE] = service;
    if (enrollment === undefined) return;
    const member = d[o + MEMBER] as number;
    if (member < 0) return;
    const row = d[o + ROW] as number;
    const best = this.enrollDay[member] as number;
    if (best === NO_DAY || enrollment < best || (enrollment === best && row < (this.enrollRow[member] as number))) {
      this.enrollDay[member] = enrollment;
      this.enrollRow[member] = row;
    }
  }

  /** Marks input row i as wholly blank: not a claim, in no member's lines. */
  markBlank(i: number): void {
    const o = i * STRIDE;
    this.data[o + MEMBER] = -1;
    this.data[o + DOS] = NO_DAY;
    this.data[o + STATE] = BLANK;
  }

  private get(i: number, field: number): number {
    return this.data[i * STRIDE + field] as number;
  }
  private flag(i: number, bit: number): boolean {
    return ((this.data[i * STRIDE + STATE] as number) & bit) !== 0;
  }
  private setFlag(i: number, bit: number): void {
    const o = i * STRIDE + STATE;
    this.data[o] = (this.data[o] as number) | bit;
  }

  isBlank(i: number): boolean {
    return this.flag(i, BLANK);
  }
  rowOf(i: number): number {
    return this.get(i, ROW);
  }
  /** Member id (interned from the trimmed, upper-cased ID); -1 when empty. */
  memberOf(i: number): number {
    return this.get(i, MEMBER);
  }
  cell(i: number, column: number | undefined): Cell {
    return column === undefined ? undefined : this.inputs[i]?.cells[column];
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
    return this.serviceCode[this.get(i, SERVICE)] as number;
  }
  codeOf(i: number): string {
    return this.codes[this.codeId(i)] as string;
  }
  modsOf(i: number): ParsedModifiers {
    return (this.modInfos[this.serviceMods[this.get(i, SERVICE)] as number] as ModInfo).parsed;
  }
  /** Index of the line's rate entry in `entries`, or -1 when it has none. */
  entryIndex(i: number): number {
    return this.serviceEntry[this.get(i, SERVICE)] as number;
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
    return KIND_CODES[this.kindCode(i)];
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
  /** Whether the line's TAR cell holds something (false when there is no TAR column). */
  hasTar(i: number): boolean {
    return !this.flag(i, NO_TAR);
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
  findingsOf(i: number): readonly Finding[] | undefined {
    const ref = this.get(i, STATE) >>> REF_SHIFT;
    return ref === 0 ? undefined : this.lists[ref - 1];
  }
  /** Every finding list, for totals. */
  allFindings(): readonly (readonly Finding[])[] {
    return this.lists;
  }

  add(i: number, rule: RuleId, message: string, field?: FieldId, related?: number[]): void {
    const severity = RULE_SEVERITY[rule];
    const withRelated = related !== undefined && related.length > 0;
    const o = i * STRIDE + STATE;
    let state = this.data[o] as number;
    const ref = state >>> REF_SHIFT;
    const shared = ref === 0 && !withRelated ? this.sharedList(rule, severity, message, field) : undefined;
    if (shared !== undefined) state |= (this.lists.push(shared) << REF_SHIFT) | SHARED;
    else {
      const finding = makeFinding(rule, severity, message, field, withRelated ? related : undefined);
      if (ref === 0) state |= this.lists.push([finding]) << REF_SHIFT;
      else if ((state & SHARED) !== 0) {
        this.lists[ref - 1] = [...(this.lists[ref - 1] as readonly Finding[]), finding];
        state &= ~SHARED;
      } else (this.lists[ref - 1] as Finding[]).push(finding);
    }
    if (severity !== "info") state |= severity === "error" ? HAS_ERROR : HAS_WARNING;
    this.data[o] = state;
  }

  /** The shared list of this one finding (undefined in the unlikely case the rule gave the message another field). */
  private sharedList(rule: RuleId, severity: Severity, message: string, field: FieldId | undefined): readonly Finding[] | undefined {
    let byMessage = this.shared.get(rule);
    if (byMessage === undefined) this.shared.set(rule, (byMessage = new Map()));
    const list = byMessage.get(message);
    if (list !== undefined) return list[0]?.field === field ? list : undefined;
    const made = Object.freeze([Object.freeze(makeFinding(rule, severity, message, field, undefined))]);
    byMessage.set(message, made);
    return made;
  }
}

function makeFinding(rule: RuleId, severity: Severity, message: string, field: FieldId | undefined, related: number[] | undefined): Finding {
  flatten(message);
  // Each finding made in its final shape: adding properties later costs V8 a second object.
  return field === undefined
    ? related !== undefined ? { rule, severity, message, related } : { rule, severity, message }
    : related !== undefined ? { rule, severity, message, field, related } : { rule, severity, message, field };
}

/**
 * Parses input rows into the store in two passes over all rows: `member` first (every line's
 * member id and whether it has a TAR), then `rest`. Those are the cells whose text is typically
 * one string per member, scattered through memory, and the member ID is looked up in a table of
 * one entry per member: alone in a small loop, the memory reads of many lines overlap rather
 * than wait one by one between the rest of each line's work.
 */
export interface Loader {
  member(index: number): void;
  rest(index: number): void;
}

/**
 * How many (code, modifiers) cell pairs the loader remembers before looking spellings up: a
 * claims export has ten or so (four outreach, four PEPM, engagement, G9007), and 8 made them evict
 * each other.
 */
const RECENT_SERVICES = 16;

/** Creates the loader that parses input row `index` into line `index` of the store; caches repeated spellings per run. */
export function createLoader(store: ClaimStore, ctx: EngineContext): Loader {
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
        if (id === undefined) memberIds.set(key, (id = store.addMember()));
      }
      if (key !== raw) memberIds.set(raw, id);
    }
    lastRaw = raw;
    lastId = id;
    return id;
  };
  const at = (cells: readonly Cell[], column: number | undefined): Cell => (column === undefined ? undefined : cells[column]);

  /** Per code id, per modifier id: the service id of the pair. */
  const services: number[][] = [];
  const serviceOf = (code: number, mods: number): number => {
    let byMods = services[code];
    if (byMods === undefined) services[code] = byMods = [];
    let id = byMods[mods];
    if (id === undefined) {
      const k = tableIndex[code] as number;
      byMods[mods] = id = store.addService(code, mods, k < 0 ? -1 : ((store.modInfos[mods] as ModInfo).entryByCode[k] as number));
    }
    return id;
  };

  // The last few (code cell, modifier cell) pairs and their service ids: most lines repeat one of
  // a handful, and cells that are === give the same service. Only with one modifier column.
  const recentCode: Cell[] = [];
  const recentMods: Cell[] = [];
  const recentService: number[] = [];
  let replace = 0;
  const serviceOfCells = (cells: readonly Cell[]): number => {
    const codeCell = at(cells, mapping.hcpcs);
    if (single === undefined) return serviceOf(codeOf(codeCell), modsOf(cells));
    const modsCell = cells[single];
    for (let k = 0; k < recentCode.length; k++) {
      if (recentCode[k] === codeCell && recentMods[k] === modsCell) return recentService[k] as number;
    }
    const id = serviceOf(codeOf(codeCell), modsOf(cells));
    const k = recentCode.length < RECENT_SERVICES ? recentCode.length : replace++ % RECENT_SERVICES;
    recentCode[k] = codeCell;
    recentMods[k] = modsCell;
    recentService[k] = id;
    return id;
  };

  return {
    member(index) {
      const cells = (store.inputs[index] as ClaimRow).cells;
      store.setMember(index, memberOf(at(cells, mapping.member)), !isBlank(at(cells, mapping.tar)));
    },
    rest(index) {
      const cells = (store.inputs[index] as ClaimRow).cells;
      store.set(
        index,
        parseDay(at(cells, mapping.dos)),
        serviceOfCells(cells),
        mapping.enrollment === undefined ? undefined : parseDay(cells[mapping.enrollment]),
      );
    },
  };
}
