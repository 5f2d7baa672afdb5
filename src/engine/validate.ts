/**
 * The engine's entry points: validate claim rows (with a known column mapping) or a whole grid
 * (header row found from its text). Pure and deterministic; never throws on cell values.
 */
import { createContext, type EngineContext } from "./context";
import { findHeader, type HeaderProblem } from "./columns";
import { FindingLists } from "./findings";
import { createLoader } from "./loader";
import { MEMBER_PASSES, ROW_RULES, RULES } from "./rules/catalogue";
import type { Applies, MemberLines, RowRule } from "./rules/rule";
import { ClaimStore, MAX_FILLED_FIELDS, UNDATED } from "./store";
import { expectedAmount, paidAmount as paidOf } from "./rules/money";
import { MonthTotals, SummaryBuilder } from "./summary";
import type { Cell, ClaimRow, ColumnMapping, FieldId, RateEntry, RuleId, Status, ValidateOptions, ValidationResult } from "./types";
import { isTotalsRow } from "./totals-row";
import { headerRepeatTest } from "./header-repeat";
import { isBlank } from "./values";
import { STATUSES, Verdicts } from "./verdicts";

/** Whether a rule that applies so can fire on lines of this rate entry (undefined: none) with these columns. */
function applies(a: Applies, entry: RateEntry | undefined, mapping: ColumnMapping): boolean {
  if (a.kinds !== undefined && !a.kinds.includes(entry?.kind ?? "none")) return false;
  if (a.tarRequired === true && entry?.tarRequired !== true) return false;
  if (a.columns !== undefined) {
    for (const field of a.columns) if (field === "modifiers" ? mapping.modifiers.length === 0 : mapping[field] === undefined) return false;
  }
  return true;
}

/** The fields whose cells rules only ask whether they are filled, among the sheet's columns. */
function filledFields(mapping: ColumnMapping): FieldId[] {
  const fields = new Set<FieldId>();
  for (const rule of RULES)
    for (const field of rule.asksFilled ?? []) if (field === "modifiers" || mapping[field] !== undefined) fields.add(field);
  if (fields.size > MAX_FILLED_FIELDS)
    throw new Error(`rules ask about ${fields.size} filled columns; the store records ${MAX_FILLED_FIELDS}`);
  return [...fields];
}

/**
 * The row rules of a phase that can fire, per rate entry (index + 1; 0: no entry), decided once
 * per run; all of one shape, so that calling them stays cheap.
 */
function rulesByEntry(phase: RowRule["phase"], entries: readonly RateEntry[], mapping: ColumnMapping): RowRule<RuleId>[][] {
  return [undefined, ...entries].map((entry) => ROW_RULES.filter((r) => r.phase === phase && applies(r.applies, entry, mapping)));
}

export function isBlankRow(cells: readonly Cell[]): boolean {
  for (let c = 0; c < cells.length; c++) if (!isBlank(cells[c])) return false;
  return true;
}

const INSERTION_SORT_MAX = 24;

/**
 * Sorts order[start .. end) by day (days[k]: the day key of order[k], moved with it), then row;
 * members have few lines, so mostly insertion sort, on days read from one contiguous array rather
 * than from each line's slot, scattered through the store.
 */
function sortRange(s: ClaimStore, order: Int32Array, days: Int32Array, kinds: Uint8Array, start: number, end: number): void {
  if (end - start > INSERTION_SORT_MAX) {
    order.subarray(start, end).sort((a, b) => s.dayKey(a) - s.dayKey(b) || s.rowOf(a) - s.rowOf(b));
    for (let k = start; k < end; k++) {
      days[k] = s.dayKey(order[k] as number);
      kinds[k] = s.kindCode(order[k] as number);
    }
    return;
  }
  for (let k = start + 1; k < end; k++) {
    const x = order[k] as number;
    const day = days[k] as number;
    const kind = kinds[k] as number;
    let j = k - 1;
    while (j >= start && ((days[j] as number) > day || ((days[j] as number) === day && s.rowOf(order[j] as number) > s.rowOf(x)))) {
      order[j + 1] = order[j] as number;
      days[j + 1] = days[j] as number;
      kinds[j + 1] = kinds[j] as number;
      j--;
    }
    order[j + 1] = x;
    days[j + 1] = day;
    kinds[j + 1] = kind;
  }
}

/**
 * Groups the store's lines by member (counting sort, input order kept) and runs the member passes;
 * then counts the member in its months (its lines are at hand).
 */
function runMemberPasses(s: ClaimStore, ctx: EngineContext, months: MonthTotals): void {
  const members = s.memberCount;
  // Start of each member's stretch of `order`, from the line counts taken while loading.
  const start = new Int32Array(members + 1);
  let longest = 0; // the most lines a member has
  for (let m = 0; m < members; m++) {
    const n = s.memberLines[m] as number;
    start[m + 1] = (start[m] as number) + n;
    if (n > longest) longest = n;
  }
  const order = new Int32Array(start[members] as number);
  const days = new Int32Array(order.length);
  const kinds = new Uint8Array(order.length);
  const next = start.slice(0, members);
  for (let i = 0; i < s.size; i++) {
    const m = s.memberOf(i);
    if (m >= 0) {
      const at = next[m] as number;
      order[at] = i;
      days[at] = s.dayKey(i);
      kinds[at] = s.kindCode(i);
      next[m] = at + 1;
    }
  }
  // One view object, moved from member to member.
  const member: MemberLines = {
    id: 0,
    order,
    kinds,
    days,
    start: 0,
    dated: 0,
    end: 0,
    scratch: new Int32Array(longest),
    enrollment: undefined,
    engagement: undefined,
  };
  for (let m = 0; m < members; m++) {
    const from = start[m] as number;
    const to = start[m + 1] as number;
    sortRange(s, order, days, kinds, from, to);
    let dated = to;
    while (dated > from && (days[dated - 1] as number) === UNDATED) dated--;
    member.id = m;
    member.start = from;
    member.dated = dated;
    member.end = to;
    member.enrollment = undefined;
    member.engagement = undefined;
    for (const pass of MEMBER_PASSES) pass.run(member, s, ctx);
    months.member(member);
  }
}

export function validateRows(rows: readonly ClaimRow[], mapping: ColumnMapping, options: ValidateOptions): ValidationResult {
  const findings = new FindingLists();
  const ctx = createContext(mapping, options, findings);
  const store = new ClaimStore(rows, ctx.rates.table.entries, mapping.billed, findings, filledFields(mapping));
  const load = createLoader(store, ctx);
  const lineRules = rulesByEntry("line", store.entries, mapping);
  const verdictRules = rulesByEntry("verdict", store.entries, mapping);
  const dos = mapping.dos;
  const totalsRows: number[] = [];
  const headerRows: number[] = [];
  const repeatsHeader = headerRepeatTest(mapping);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as ClaimRow;
    if (isBlankRow(row.cells)) store.markBlank(i);
    else if ((dos === undefined || isBlank(row.cells[dos])) && isTotalsRow(row.cells, mapping)) {
      store.markBlank(i); // not a claim line: no verdict, like a blank row
      totalsRows.push(row.row);
    } else if (repeatsHeader !== undefined && repeatsHeader(row.cells)) {
      store.markBlank(i); // nor is a repeated header row
      headerRows.push(row.row);
    } else load.member(i);
  }
  for (let i = 0; i < rows.length; i++) {
    if (store.isBlank(i)) continue;
    load.rest(i);
    for (const rule of lineRules[store.entryIndex(i) + 1] as RowRule<RuleId>[]) {
      const params = rule.check(store, i, ctx);
      if (params !== undefined) store.add(i, rule, params);
    }
  }
  const months = new MonthTotals(store, mapping.plan !== undefined);
  runMemberPasses(store, ctx, months);

  // The verdicts as columns (./verdicts): each claim's line index, unless every line is a claim.
  const claimLines = store.claims === store.size ? undefined : new Int32Array(store.claims);
  let claim = 0;
  // Totals per (code, status), added to the summary once per pair rather than once per line.
  const codes = store.codes.length;
  const lines = new Int32Array(codes * 3);
  const paid = new Float64Array(codes * 3);
  const totals = new SummaryBuilder();
  const paidColumn = mapping.paid !== undefined;
  for (let i = 0; i < store.size; i++) {
    if (store.isBlank(i)) continue;
    for (const rule of verdictRules[store.entryIndex(i) + 1] as RowRule<RuleId>[]) {
      const params = rule.check(store, i, ctx);
      if (params !== undefined) store.add(i, rule, params);
    }
    const s = store.statusIndex(i);
    const expected = expectedAmount(store, i);
    const paidAmount = paidColumn ? paidOf(store, i, ctx) : undefined;
    if (paidColumn) totals.addPaid(paidAmount, expected);
    months.line(i, expected, paidAmount);
    if (claimLines !== undefined) claimLines[claim++] = i;
    const k = store.codeId(i) * 3 + s;
    lines[k] = (lines[k] as number) + 1;
    paid[k] = (paid[k] as number) + expected;
  }
  totals.setMonths(months.result());
  totals.setSkippedRows(totalsRows, headerRows);
  for (let k = 0; k < lines.length; k++) {
    const n = lines[k] as number;
    if (n > 0) totals.addLines(store.codes[Math.floor(k / 3)] as string, STATUSES[k % 3] as Status, n, paid[k] as number);
  }
  for (const list of findings.all()) totals.addFindings(list);
  // Row, status and findings from the store; the expected amount computed again when asked for (no
  // finding is added after this loop), rather than kept for every line. Closures, not the store
  // itself: a verdicts object printed while debugging shows no input rows (member IDs).
  const source = {
    rowOf: (i: number) => store.rowOf(i),
    statusIndex: (i: number) => store.statusIndex(i),
    findingsOf: (i: number) => store.findingsOf(i),
    expectedOf: (i: number) => expectedAmount(store, i),
  };
  return { verdicts: new Verdicts(source, claimLines, store.claims), summary: totals.result() };
}

export interface GridOptions extends ValidateOptions {
  /** Row number of grid[0] (1 for a sheet read from A1). */
  firstRow?: number;
}

export type GridResult =
  (ValidationResult & { ok: true; headerRow: number; mapping: ColumnMapping }) | (HeaderProblem & { headerRow?: number });

/** Finds the header row (first non-blank row) and validates every row below it. */
export function validateGrid(grid: readonly (readonly Cell[])[], options: GridOptions): GridResult {
  const first = options.firstRow ?? 1;
  const header = findHeader(grid);
  if (!header.ok) {
    return header.headerIndex === undefined ? header : { ...header, headerRow: header.headerIndex + first };
  }
  const rows: ClaimRow[] = [];
  // Rows without a cell are left out (they would be blank lines, which get no verdict): a sheet with
  // one stray cell at row 1,048,576 costs the engine nothing for the rows in between.
  for (let i = header.headerIndex + 1; i < grid.length; i++) {
    const cells = grid[i];
    if (cells !== undefined && cells.length > 0) rows.push({ row: i + first, cells });
  }
  const result = validateRows(rows, header.mapping, options);
  return { ok: true, headerRow: header.headerIndex + first, mapping: header.mapping, ...result };
}
