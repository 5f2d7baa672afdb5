/**
 * A claim line parsed once from its raw cells, plus the findings collected on it.
 */
import type { Cell, ClaimRow, ColumnMapping, Day, FieldId, Finding, Limits, RateEntry, RuleId } from "./types";
import type { RateIndex } from "./rates";
import { RULE_SEVERITY } from "./rules/catalogue";
import { cellText, isBlank, parseDay, parseModifiers, type ParsedModifiers } from "./values";
import { parseMoney } from "./values";

export interface Claim {
  row: number;
  cells: readonly Cell[];
  /** Member key: trimmed, upper-cased ("" when empty). */
  member: string;
  dos: Day | undefined;
  code: string;
  mods: ParsedModifiers;
  /** The rate row, when code and modifier set are in the table. */
  entry: RateEntry | undefined;
  /** Parsed billed amount; undefined when absent, empty or not a number. */
  billed: number | undefined;
  enrollment: Day | undefined;
  findings: Finding[];
  errors: number;
  pepmDup: boolean;
}

/** Everything a rule may read besides the claim itself. Built once per validation run. */
export interface EngineContext {
  mapping: ColumnMapping;
  rates: RateIndex;
  limits: Limits;
  asOf: Day;
  /** How messages name a column ("DOS", "Billed Amount", …). */
  label(field: FieldId): string;
}

export function cellOf(claim: Claim, index: number | undefined): Cell {
  return index === undefined ? undefined : claim.cells[index];
}

export function addFinding(claim: Claim, rule: RuleId, message: string, field?: FieldId, related?: number[]): void {
  const severity = RULE_SEVERITY[rule];
  const finding: Finding = { rule, severity, message };
  if (field !== undefined) finding.field = field;
  if (related !== undefined && related.length > 0) finding.related = related;
  claim.findings.push(finding);
  if (severity === "error") claim.errors++;
}

export function isCountable(claim: Claim): boolean {
  return claim.errors === 0;
}

/** Parses claim rows; modifier and code parsing is memoised per run (values repeat a lot). */
export function createClaimParser(ctx: EngineContext): (input: ClaimRow) => Claim {
  const { mapping, rates } = ctx;
  const modCache = new Map<string, ParsedModifiers>();
  const codeCache = new Map<string, string>();
  const modCols = mapping.modifiers;
  const singleMod = modCols.length === 1 ? modCols[0] : undefined;

  const modifiersOf = (cells: readonly Cell[]): ParsedModifiers => {
    if (singleMod !== undefined) {
      const cell = cells[singleMod];
      if (typeof cell !== "string") return parseModifiers([cell]);
      let parsed = modCache.get(cell);
      if (parsed === undefined) {
        parsed = parseModifiers([cell]);
        modCache.set(cell, parsed);
      }
      return parsed;
    }
    return parseModifiers(modCols.map((i) => cells[i]));
  };

  const codeOf = (cell: Cell): string => {
    if (typeof cell !== "string") return cellText(cell).toUpperCase();
    let code = codeCache.get(cell);
    if (code === undefined) {
      code = cell.trim().toUpperCase();
      codeCache.set(cell, code);
    }
    return code;
  };

  return (input) => {
    const cells = input.cells;
    const get = (i: number | undefined): Cell => (i === undefined ? undefined : cells[i]);
    const code = codeOf(get(mapping.hcpcs));
    const mods = modifiersOf(cells);
    const billedCell = get(mapping.billed);
    return {
      row: input.row,
      cells,
      member: cellText(get(mapping.member)).toUpperCase(),
      dos: parseDay(get(mapping.dos)),
      code,
      mods,
      entry: mods.repeated.length > 0 ? undefined : rates.lookup(code, mods.key),
      billed: isBlank(billedCell) ? undefined : parseMoney(billedCell),
      enrollment: parseDay(get(mapping.enrollment)),
      findings: [],
      errors: 0,
      pepmDup: false,
    };
  };
}
