/**
 * The loader: parses input rows into the store, interning codes, modifier spellings and member
 * IDs and plans, and resolving each line's rate entry (through RateIndex.resolve) once per distinct
 * (code, modifiers, plan), or per those and rate period when the book dates that service.
 */
import type { EngineContext } from "./context";
import { planKey } from "./rates";
import type { ClaimStore, Plan } from "./store";
import type { Cell, ClaimRow, Day, RateEntry } from "./types";
import { hasTar, isMemberPlaceholder, isShortenedNumber } from "./placeholders";
import { memberKey } from "./member-key";
import { cellText, cleanText, isBlank, parseDay, parseModifiers } from "./values";

/**
 * Parses input rows into the store in two passes over all rows: `member` first (every line's
 * member id, and whether the cells rules ask about are filled), then `rest`. Those are the cells whose text is typically
 * one string per member, scattered through memory, and the member ID is looked up in a table of
 * one entry per member: alone in a small loop, the memory reads of many lines overlap rather
 * than wait one by one between the rest of each line's work.
 */
export interface Loader {
  member(index: number): void;
  rest(index: number): void;
}

/**
 * How many (code, modifiers) cell pairs the loader remembers per plan before looking spellings up: a
 * claims export has ten or so (four outreach, four PEPM, engagement, G9007), and 8 made them evict
 * each other.
 */
const RECENT_SERVICES = 16;

/** A rate row's open start and end, as days: every day a date cell can hold lies between. */
const OPEN_FROM = -2147483648,
  OPEN_TO = 2147483647;

/** Creates the loader that parses input row `index` into line `index` of the store; caches repeated spellings per run. */
export function createLoader(store: ClaimStore, ctx: EngineContext): Loader {
  const { mapping, rates, dateSystem, dateOrder } = ctx;
  const codeIds = new Map<string, number>();
  const rawCodes = new Map<string, number>();
  const modIds = new Map<string, number>();
  const modCols = mapping.modifiers;
  const single = modCols.length === 1 ? modCols[0] : undefined;

  /** Modifier spelling id: one cell's text, or the texts of Modifier 1..4 joined. */
  const modsOf = (cells: readonly Cell[]): number => {
    const cell = single === undefined ? undefined : cells[single];
    const text = typeof cell === "string" ? cell : modCols.map((c) => cellText(cells[c])).join("\u0000");
    let id = modIds.get(text);
    if (id === undefined) {
      id = store.modifierSets.length;
      store.modifierSets.push(parseModifiers(single === undefined ? modCols.map((c) => cells[c]) : [cell]));
      modIds.set(text, id);
    }
    return id;
  };
  const codeOf = (cell: Cell): number => {
    const raw = typeof cell === "string" ? cell : cellText(cell);
    let id = rawCodes.get(raw);
    if (id === undefined) {
      const code = cleanText(raw).toUpperCase();
      id = codeIds.get(code);
      if (id === undefined) {
        id = store.codes.length;
        store.codes.push(code);
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
      const key = memberKey(raw);
      if (key === "" || isMemberPlaceholder(key) || isShortenedNumber(key))
        id = -1; // no member: never grouped
      else {
        id = key === raw ? undefined : memberIds.get(key);
        if (id === undefined) memberIds.set(key, (id = store.addMember(key)));
      }
      if (key !== raw) memberIds.set(raw, id);
    }
    lastRaw = raw;
    lastId = id;
    return id;
  };
  // Whether a line's cell of each filled field holds a value is read in the first pass, except for
  // the enrollment date, whose cell the second pass reads anyway (bit `enrollmentBit`).
  const enrollmentAt = store.filledFields.indexOf("enrollment");
  const enrollmentBit = enrollmentAt < 0 ? 0 : 1 << enrollmentAt;
  const firstPass = store.filledFields.map((field, k) => ({ k, field })).filter(({ field }) => field !== "enrollment");
  const filledColumns = firstPass.map(({ field }) => (field === "modifiers" ? mapping.modifiers[0] : mapping[field]));
  const filledBits = firstPass.map(({ k }) => 1 << k);
  const tarColumn = firstPass.findIndex(({ field }) => field === "tar"); // the one field whose test is not "not blank"
  const at = (cells: readonly Cell[], column: number | undefined): Cell => (column === undefined ? undefined : cells[column]);

  const entryIndexes = new Map<RateEntry, number>(store.entries.map((e, k) => [e, k]));
  const entryIndex = (entry: RateEntry | undefined): number => (entry === undefined ? -1 : (entryIndexes.get(entry) ?? -1));

  // Plans: id 0 is the plan of lines without a Plan cell; a Plan cell's text gets the id of the
  // first spelling with the same planKey, named as the rate book writes it (else as first written).
  const addPlan = (name: string): number => {
    const key = planKey(name);
    return store.plans.push({ name: rates.planName(key) ?? name, key, limits: ctx.limitsFor(key) }) - 1;
  };
  addPlan(ctx.defaultPlan);
  const planIds = new Map<string, number>();
  const planKeys = new Map<string, number>([[store.plans[0]?.key ?? "", 0]]);
  const planOf = (cell: Cell): number => {
    if (isBlank(cell)) return 0; // NULL too (isNullText): the line has no plan of its own
    const raw = typeof cell === "string" ? cell : cellText(cell);
    let id = planIds.get(raw);
    if (id === undefined) {
      const name = cleanText(raw);
      const key = planKey(name);
      id = planKeys.get(key);
      if (id === undefined) planKeys.set(key, (id = addPlan(name)));
      planIds.set(raw, id);
    }
    return id;
  };

  /**
   * A (code, modifiers, plan) triple whose rate depends on the day: the rows that apply to it, their
   * entry indexes, and the service of each (the last slot: no row in effect), made on first use.
   */
  interface Dated {
    code: number;
    mods: number;
    plan: number;
    entries: readonly RateEntry[];
    indexes: Int32Array;
    /** Each entry's first and last day in effect (open ends: the int32 extremes). */
    from: Int32Array;
    to: Int32Array;
    services: Int32Array;
    /** Whether no two of the entries share a day (a checked book's never do; a table built in code might). */
    disjoint: boolean;
    /** The entry the last line's date picked: lines in date order mostly fall in the same period. */
    last: number;
  }
  /**
   * Per plan id, per code id, per modifier id: the service id of the triple when its rate does not
   * depend on the day; else -1 - (index into `dated`).
   */
  const services: number[][][] = [];
  const dated: Dated[] = [];
  /** The service id of a triple, or -1 - (its index in `dated`) when that depends on the day. */
  const slotOf = (code: number, mods: number, plan: number): number => {
    let byCode = services[plan];
    if (byCode === undefined) services[plan] = byCode = [];
    let byMods = byCode[code];
    if (byMods === undefined) byCode[code] = byMods = [];
    let id = byMods[mods];
    if (id !== undefined) return id;
    const key = (store.plans[plan] as Plan).key;
    const parsed = store.modifierSets[mods];
    const codeText = store.codes[code] as string;
    if (parsed === undefined || parsed.repeated.length > 0) id = store.addService(code, mods, -1, plan);
    else if (!rates.varies(codeText, parsed.key))
      id = store.addService(code, mods, entryIndex(rates.resolve(codeText, parsed.key, undefined)), plan);
    else {
      const entries = rates.entriesFor(codeText, parsed.key, key);
      if (entries.length === 1 && entries[0]?.from === undefined && entries[0]?.to === undefined)
        id = store.addService(code, mods, entryIndex(entries[0]), plan);
      else {
        const indexes = Int32Array.from(entries, entryIndex);
        const from = Int32Array.from(entries, (e) => e.from ?? OPEN_FROM);
        const to = Int32Array.from(entries, (e) => e.to ?? OPEN_TO);
        const services = new Int32Array(entries.length + 1).fill(-1);
        const disjoint = entries.every((_, a) =>
          entries.every((__, b) => b <= a || (from[a] as number) > (to[b] as number) || (from[b] as number) > (to[a] as number)),
        );
        id = -1 - (dated.push({ code, mods, plan, entries, indexes, from, to, services, disjoint, last: 0 }) - 1);
      }
    }
    byMods[mods] = id;
    return id;
  };
  /** The service of a line of a dated triple: one per rate entry in effect on its date (or none). */
  const datedService = (d: Dated, dos: Day | undefined): number => {
    let k = 0; // no date: the first row (as resolve does), none when there is no row
    if (dos !== undefined) {
      // The first row in effect (as inEffect decides). When the rows' periods do not overlap, at
      // most one is: the last line's row, when in effect, is that row.
      const n = d.entries.length;
      const { from, to } = d;
      k = d.disjoint ? d.last : 0;
      if (!(k < n && dos >= (from[k] as number) && dos <= (to[k] as number))) {
        k = 0;
        while (k < n && !(dos >= (from[k] as number) && dos <= (to[k] as number))) k++;
        d.last = k;
      }
    }
    let service = d.services[k] as number;
    if (service < 0)
      d.services[k] = service = store.addService(d.code, d.mods, k < d.entries.length ? (d.indexes[k] as number) : -1, d.plan);
    return service;
  };
  const serviceOf = (code: number, mods: number, dos: Day | undefined, plan: number): number => {
    const id = slotOf(code, mods, plan);
    return id >= 0 ? id : datedService(dated[-1 - id] as Dated, dos);
  };

  // Per plan id, the last few (code cell, modifier cell) pairs and their slots: most lines repeat
  // one of a handful per plan, and cells that are === give the same triple. Only with one
  // modifier column. A dated triple's slot is remembered too; its line's service is then picked
  // by the line's date. One list per plan, so that three plans' services do not evict each other.
  interface Recent {
    code: Cell[];
    mods: Cell[];
    slot: number[];
    replace: number;
  }
  const recentByPlan: Recent[] = [];
  const serviceOfCells = (cells: readonly Cell[], dos: Day | undefined): number => {
    const codeCell = at(cells, mapping.hcpcs);
    const plan = mapping.plan === undefined ? 0 : planOf(cells[mapping.plan]);
    if (single === undefined) return serviceOf(codeOf(codeCell), modsOf(cells), dos, plan);
    const modsCell = cells[single];
    let recent = recentByPlan[plan];
    if (recent === undefined) recentByPlan[plan] = recent = { code: [], mods: [], slot: [], replace: 0 };
    let slot: number | undefined;
    for (let k = 0; k < recent.code.length; k++) {
      if (recent.code[k] === codeCell && recent.mods[k] === modsCell) {
        slot = recent.slot[k] as number;
        break;
      }
    }
    if (slot === undefined) {
      slot = slotOf(codeOf(codeCell), modsOf(cells), plan);
      const k = recent.code.length < RECENT_SERVICES ? recent.code.length : recent.replace++ % RECENT_SERVICES;
      recent.code[k] = codeCell;
      recent.mods[k] = modsCell;
      recent.slot[k] = slot;
    }
    return slot >= 0 ? slot : datedService(dated[-1 - slot] as Dated, dos);
  };

  return {
    member(index) {
      const cells = (store.inputs[index] as ClaimRow).cells;
      let filled = 0;
      for (let k = 0; k < filledColumns.length; k++) {
        const cell = at(cells, filledColumns[k]);
        if (k === tarColumn ? hasTar(cell) : !isBlank(cell)) filled |= filledBits[k] as number;
      }
      store.setMember(index, memberOf(at(cells, mapping.member)), filled);
    },
    rest(index) {
      const cells = (store.inputs[index] as ClaimRow).cells;
      const dos = parseDay(at(cells, mapping.dos), dateSystem, dateOrder);
      let enrollment: Day | undefined;
      if (mapping.enrollment !== undefined) {
        const cell = cells[mapping.enrollment];
        if (enrollmentBit !== 0 && !isBlank(cell)) store.setFilled(index, enrollmentBit);
        enrollment = parseDay(cell, dateSystem, dateOrder);
      }
      store.set(index, dos, serviceOfCells(cells, dos), enrollment);
    },
  };
}
