/**
 * The rate book: the rates and limits an analyst owns, read from a grid of cells (an Excel Table
 * `ECM_Rates` / `ECM_Limits`, a sheet of a workbook, a CSV). Each row is checked with a valibot
 * schema; a book with any bad row is refused with a message per row (row, column, the value seen
 * and what would be valid), never half used. The seed's table, with open dates, is the default
 * book (`DEFAULT_RATES`), and `bookGrid` (book-grid.ts) writes any table back as rows to start from.
 *
 * Columns of the rate book: Plan (blank = any plan), HCPCS, Modifiers, Rate, Kind (pepm /
 * outreach / engagement / info), TAR required (yes/no), Effective from, Effective to (blank =
 * open), Source. Columns of the limits: Plan, Outreach per window, Window days, Outreach max,
 * Lesser of billed, CIN format (blank = inherited).
 */
import * as v from "valibot";
import { headerCandidates, normaliseHeader } from "./columns";
import { dateFormats, formatDay } from "./days";
import { DEFAULT_RATES, modifierKey, modifierLabel, periodLabel, planKey } from "./rates";
import { shown } from "./rules/rule";
import { LIMITS_HEADERS, RATE_BOOK_HEADERS } from "./book-grid";
import type { Cell, DateOrder, DateSystem, Day, Limits, Mode, PlanLimits, RateEntry, RateTable, ServiceKind, Staff } from "./types";
import { cellText, isBlank, notDataReason, parseDay, parseModifiers, parseMoney, parseNumber } from "./values";

/** One thing wrong with a book: the sheet row, the column (its header as written) and what is wrong. */
export interface BookProblem {
  row: number;
  column?: string;
  message: string;
}

/** A refused book: what it is (e.g. "Rate table rates.csv"), every problem, and one line naming the first few. */
export type BookRefusal = { ok: false; what: string; problems: BookProblem[]; message: string };
export type BookResult = { ok: true; table: RateTable } | BookRefusal;
export type LimitsResult = { ok: true; limits: PlanLimits[] } | BookRefusal;

/** A problem as one line of text: `row 4 Rate: "-5" is negative: …`. */
export function describeProblem(p: BookProblem): string {
  return `row ${p.row}${p.column === undefined ? "" : ` ${p.column}`}: ${p.message}`;
}

type RateField = "plan" | "code" | "modifiers" | "rate" | "kind" | "tar" | "from" | "to" | "source";
type LimitField = "plan" | keyof Limits;

/** Header names per column (normalised); the first is the one `bookGrid` writes. */
const RATE_HEADERS: Record<RateField, readonly string[]> = {
  plan: ["plan", "healthplan", "mcp", "managedcareplan", "planname"],
  code: ["hcpcs", "code", "hcpcscode", "procedurecode"],
  modifiers: ["modifiers", "modifier", "modifierset", "mods"],
  rate: ["rate", "contractedrate", "amount"],
  kind: ["kind", "servicekind", "type"],
  tar: ["tarrequired", "tar", "requirestar"],
  from: ["effectivefrom", "from", "effectivedate", "startdate", "start"],
  to: ["effectiveto", "to", "enddate", "end", "through"],
  source: ["source", "sourcenote", "note", "notes"],
};

const LIMIT_HEADERS: Record<LimitField, readonly string[]> = {
  plan: RATE_HEADERS.plan,
  outreachPerWindow: ["outreachperwindow", "attemptsperwindow", "outreachattemptsperwindow"],
  windowDays: ["windowdays", "window", "rollingwindowdays"],
  outreachMax: ["outreachmax", "attemptsbeforeengagement", "outreachattemptsbeforeengagement", "maxattempts"],
  lesserOfBilled: ["lesserofbilled", "lesserof", "lesserofbilledandrate"],
  cinFormat: ["cinformat", "memberidsarecins", "checkcins"],
};

/** Kinds as the book writes them; "info" is the G9007 information-only kind (the engine's "mdt"). */
const KINDS: Record<string, ServiceKind> = { pepm: "pepm", outreach: "outreach", engagement: "engagement", info: "mdt", mdt: "mdt" };
/**
 * Yes and no as analysts type them, and as a CSV saved by Excel or LibreOffice writes a TRUE or
 * FALSE cell under another language: VERDADERO / FALSO (Spanish; fixture
 * books/good.libreoffice-es-MX.rates.csv), WAHR / FALSCH, VRAI / FAUX. Compared normalised: "Sí" is "s".
 */
const YES = new Set(["yes", "y", "true", "1", "required", "x", "si", "s", "verdadero", "requerido", "requerida", "wahr", "vrai"]);
const NO = new Set(["no", "n", "false", "0", "notrequired", "none", "falso", "norequerido", "norequerida", "falsch", "faux"]);

/** At most this many problems are listed in the one-line message (all are in `problems`). */
const SHOWN_PROBLEMS = 5;

/** Schema pieces: each takes the raw cell and gives the typed value or an issue whose message says what would be valid. */
const cell = v.custom<Cell>(() => true);
const text = v.pipe(
  cell,
  v.transform((c) => cellText(c)),
);
const optionalText = v.pipe(
  text,
  v.transform((t) => (t === "" ? undefined : t)),
);
const yesNo = (what: string) =>
  v.pipe(
    text,
    v.transform((t) => normaliseHeader(t)),
    v.check((t) => YES.has(t) || NO.has(t), `is not yes or no: write yes or no (${what})`),
    v.transform((t) => YES.has(t)),
  );
const date = (system: DateSystem, order: DateOrder) =>
  v.pipe(
    cell,
    v.check((c) => isBlank(c) || parseDay(c, system, order) !== undefined, `is not a date: use ${dateFormats(order)}, or leave it empty`),
    v.transform((c) => (isBlank(c) ? undefined : parseDay(c, system, order))),
  );
const count = (min: number, max: number) =>
  v.pipe(
    cell,
    v.check((c) => {
      const n = parseNumber(c);
      return isBlank(c) || (n !== undefined && Number.isInteger(n) && n >= min && n <= max);
    }, `is not a whole number from ${min} to ${max}: leave it empty to inherit`),
    v.transform((c) => (isBlank(c) ? undefined : parseNumber(c))),
  );

/** A rate row's schema, for number cells in a date system (one schema each, made once). */
const rateRow = (system: DateSystem, order: DateOrder) =>
  v.pipe(
    v.object({
      plan: optionalText,
      code: v.pipe(
        text,
        v.transform((t) => t.toUpperCase()),
        v.regex(/^[A-Z][0-9]{4}$/, "is not a HCPCS code: a letter and 4 digits, e.g. G9008"),
      ),
      modifiers: v.pipe(
        cell,
        v.transform((c) => parseModifiers([c])),
        v.check((m) => m.repeated.length === 0, "repeats a modifier: list each modifier once"),
        v.check(
          (m) => m.list.every((x) => /^[A-Z0-9]{2}$/.test(x)),
          "is not a modifier set: two-character modifiers such as U1, GQ (blank for none)",
        ),
        v.transform((m) => m.list),
      ),
      rate: v.pipe(
        cell,
        v.transform((c) => parseMoney(c)),
        v.number("is not an amount: write the rate in dollars, e.g. 400 or $5.00"),
        v.minValue(0, "is negative: a rate is $0 or more"),
      ),
      kind: v.pipe(
        text,
        v.transform((t) => t.toLowerCase()),
        v.check((t) => t in KINDS, "is not a kind: use pepm, outreach, engagement or info"),
        v.transform((t) => KINDS[t] as ServiceKind),
      ),
      tar: yesNo("whether the service needs a TAR"),
      from: date(system, order),
      to: date(system, order),
      source: optionalText,
    }),
    // partialCheck, not check: it runs when `from` and `to` are valid even if another cell of the row
    // is not, so a row with a bad TAR cell and reversed dates gets both problems in one reading.
    v.forward(
      v.partialCheck(
        [["from"], ["to"]],
        (r) => r.from === undefined || r.to === undefined || r.from <= r.to,
        "is before Effective from: a period ends on or after it starts",
      ),
      ["to"],
    ),
  );
/** The row schema for each date system and date order. */
const RATE_ROWS = {
  1900: { mdy: rateRow(1900, "mdy"), dmy: rateRow(1900, "dmy") },
  1904: { mdy: rateRow(1904, "mdy"), dmy: rateRow(1904, "dmy") },
} as const;

const LimitsRow = v.object({
  plan: optionalText,
  outreachPerWindow: count(1, 1000),
  windowDays: count(1, 366),
  outreachMax: count(1, 1000),
  lesserOfBilled: v.pipe(
    cell,
    v.transform((c) => (isBlank(c) ? undefined : c)),
    v.optional(yesNo("lesser of billed and rate")),
  ),
  cinFormat: v.pipe(
    cell,
    v.transform((c) => (isBlank(c) ? undefined : c)),
    v.optional(yesNo("member IDs are Medi-Cal CINs")),
  ),
});

interface Header<F extends string> {
  index: number;
  /** Every field the schema reads. */
  fields: readonly F[];
  columns: Partial<Record<F, number>>;
  names: readonly string[];
}

/** The header row: the first of the header candidates (as for claims) that names every required column. */
function findBookHeader<F extends string>(
  grid: readonly (readonly Cell[])[],
  synonyms: Record<F, readonly string[]>,
  required: readonly F[],
): Header<F> | undefined {
  for (const { index: r, row } of headerCandidates(grid)) {
    const names = row.map(cellText);
    const keys = names.map(normaliseHeader);
    const columns: Partial<Record<F, number>> = {};
    for (const field of Object.keys(synonyms) as F[]) {
      const at = keys.findIndex((k) => synonyms[field].includes(k));
      if (at >= 0) columns[field] = at;
    }
    if (required.every((f) => columns[f] !== undefined)) return { index: r, fields: Object.keys(synonyms) as F[], columns, names };
  }
  return undefined;
}

function refused(what: string, problems: BookProblem[]): BookRefusal {
  const listed = problems.slice(0, SHOWN_PROBLEMS).map(describeProblem).join("; ");
  const more = problems.length > SHOWN_PROBLEMS ? `; and ${problems.length - SHOWN_PROBLEMS} more` : "";
  return {
    ok: false,
    what,
    problems,
    message: `${what}: ${problems.length} problem${problems.length === 1 ? "" : "s"}: ${listed}${more}.`,
  };
}

/** Checks every data row below the header with `schema`; problems name the row, the column and the value seen. */
function readRows<F extends string, T>(
  grid: readonly (readonly Cell[])[],
  header: Header<F>,
  schema: v.GenericSchema<unknown, T>,
  firstRow: number,
  problems: BookProblem[],
): { row: number; value: T }[] {
  const rows: { row: number; value: T }[] = [];
  for (let r = header.index + 1; r < grid.length; r++) {
    const cells = grid[r] ?? [];
    if (cells.every(isBlank)) continue;
    const raw: Partial<Record<F, Cell>> = {};
    for (const field of header.fields) {
      const at = header.columns[field];
      raw[field] = at === undefined ? undefined : cells[at]; // a column the book lacks reads as empty
    }
    const row = r + firstRow;
    const result = v.safeParse(schema, raw);
    if (result.success) {
      rows.push({ row, value: result.output });
      continue;
    }
    for (const issue of result.issues) {
      const field = issue.path?.[0]?.key as F | undefined;
      const at = field === undefined ? undefined : header.columns[field];
      const column = at === undefined ? undefined : header.names[at];
      const value = field === undefined ? undefined : raw[field];
      const typed = cellText(value);
      problems.push({ row, column, message: `${typed === "" ? "(empty)" : shown(typed)} ${notDataReason(value) ?? issue.message}` });
    }
  }
  return rows;
}

/** The seed's row for a code and modifier set, for the description, staff and mode of a book row. */
function seedEntry(code: string, modifiers: readonly string[]): RateEntry | undefined {
  const key = modifierKey(modifiers);
  return DEFAULT_RATES.entries.find((e) => e.code === code && modifierKey(e.modifiers) === key);
}

/** The columns a rate book's header must name. */
const RATE_BOOK_REQUIRED: readonly RateField[] = ["code", "rate", "kind", "tar"];

/** Where a rate book's header row is (grid index) and its Rate column, for readers that look at the cells first. */
export function rateBookRateColumn(grid: readonly (readonly Cell[])[]): { headerIndex: number; column: number } | undefined {
  const header = findBookHeader(grid, RATE_HEADERS, RATE_BOOK_REQUIRED);
  const column = header?.columns.rate;
  return header === undefined || column === undefined ? undefined : { headerIndex: header.index, column };
}

/**
 * Reads a rate book; `source` names it in citations (e.g. "ECM_Rates", "rates.csv"), `firstRow` is
 * the sheet row of grid[0], `dateSystem` that of its number cells (see ValidateOptions.dateSystem),
 * `dateOrder` that of its text dates. Never throws: a bad book is `ok: false` with every problem.
 */
export function readRateBook(
  grid: readonly (readonly Cell[])[],
  source: string,
  firstRow = 1,
  dateSystem: DateSystem = 1900,
  dateOrder: DateOrder = "mdy",
): BookResult {
  const header = findBookHeader(grid, RATE_HEADERS, RATE_BOOK_REQUIRED);
  if (header === undefined)
    return refused(`Rate table ${source}`, [
      { row: firstRow, message: `no header row naming ${RATE_BOOK_HEADERS.join(", ")} (HCPCS, Rate, Kind and TAR required are needed)` },
    ]);
  const problems: BookProblem[] = [];
  const rows = readRows(grid, header, RATE_ROWS[dateSystem][dateOrder], firstRow, problems);
  if (rows.length === 0 && problems.length === 0) problems.push({ row: header.index + firstRow, message: "the table has no rate rows" });
  const entries: RateEntry[] = rows.map(({ row, value }) => {
    const seed = seedEntry(value.code, value.modifiers);
    const remote = value.modifiers.includes("GQ");
    const mode: Mode = seed?.mode ?? (remote ? "phone-telehealth" : value.kind === "outreach" ? "in-person" : "unspecified");
    const staff: Staff = seed?.staff ?? "unspecified";
    return {
      code: value.code,
      modifiers: value.modifiers,
      rate: value.rate,
      kind: value.kind,
      staff,
      mode,
      tarRequired: value.tar,
      description: seed?.description ?? `${value.code} ${modifierLabel(value.modifiers)}`,
      source: { file: source, line: row, ...(value.source === undefined ? {} : { note: value.source }) },
      ...(value.plan === undefined ? {} : { plan: value.plan }),
      ...(value.from === undefined ? {} : { from: value.from }),
      ...(value.to === undefined ? {} : { to: value.to }),
    };
  });
  problems.push(...overlaps(entries));
  if (problems.length > 0) return refused(`Rate table ${source}`, problems);
  return { ok: true, table: { id: `${source} (${entries.length} rates)`, entries } };
}

/** Two rows for the same plan, code and modifier set whose periods share a day. */
function overlaps(entries: readonly RateEntry[]): BookProblem[] {
  const groups = new Map<string, RateEntry[]>();
  for (const e of entries) {
    const key = `${planKey(e.plan)}|${e.code}|${modifierKey(e.modifiers)}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const start = (e: RateEntry): Day => e.from ?? Number.NEGATIVE_INFINITY;
  const end = (e: RateEntry): Day => e.to ?? Number.POSITIVE_INFINITY;
  const problems: BookProblem[] = [];
  for (const group of groups.values()) {
    // In order of start, each row against the earlier row that reaches furthest: a row overlaps an
    // earlier one exactly when it starts before that one ends (the row just before may end sooner).
    const sorted = [...group].sort((a, b) => start(a) - start(b));
    let a = sorted[0] as RateEntry;
    for (let k = 1; k < sorted.length; k++) {
      const b = sorted[k] as RateEntry;
      if (start(b) > end(a)) {
        a = b;
        continue;
      }
      const [first, second] = a.source.line < b.source.line ? [a, b] : [b, a];
      const day = Math.max(start(a), start(b));
      const on = Number.isFinite(day) ? ` (a line on ${formatDay(day)} would have two rates)` : "";
      const plan = first.plan === undefined ? "any plan" : `plan ${shown(first.plan)}`;
      problems.push({
        row: second.source.line,
        message: `${first.code} ${modifierLabel(first.modifiers)} for ${plan} ${periodLabel(second)} overlaps row ${first.source.line} (${periodLabel(first)})${on}: make the periods follow each other`,
      });
      if (end(b) > end(a)) a = b;
    }
  }
  return problems;
}

/** Reads the limits table (ECM_Limits); a plan listed twice is a problem. Never throws. */
export function readLimits(grid: readonly (readonly Cell[])[], source: string, firstRow = 1): LimitsResult {
  const header = findBookHeader(grid, LIMIT_HEADERS, ["plan"]);
  if (header === undefined || Object.keys(header.columns).length < 2)
    return refused(`Limits table ${source}`, [
      { row: firstRow, message: `no header row naming Plan and one of ${LIMITS_HEADERS.slice(1).join(", ")}` },
    ]);
  const problems: BookProblem[] = [];
  const rows = readRows(grid, header, LimitsRow, firstRow, problems);
  const seen = new Map<string, number>();
  const limits: PlanLimits[] = [];
  for (const { row, value } of rows) {
    const key = planKey(value.plan);
    const before = seen.get(key);
    if (before !== undefined) {
      problems.push({
        row,
        message: `${value.plan === undefined ? "the any-plan row" : `plan ${shown(value.plan)}`} is listed again (first on row ${before}): one row per plan`,
      });
      continue;
    }
    seen.set(key, row);
    const set: Partial<Limits> = {};
    for (const field of ["outreachPerWindow", "windowDays", "outreachMax", "lesserOfBilled", "cinFormat"] as const) {
      const x = value[field];
      if (x !== undefined) Object.assign(set, { [field]: x });
    }
    limits.push({ ...(value.plan === undefined ? {} : { plan: value.plan }), limits: set, row });
  }
  if (problems.length > 0) return refused(`Limits table ${source}`, problems);
  return { ok: true, limits };
}
