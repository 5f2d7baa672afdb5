/** Test helpers: build claim grids compactly and read verdicts by row number. */
import { dayFromISO, validateGrid, type Cell, type GridOptions, type Verdict } from "../../src/engine";

export const HEADER = ["Member ID", "DOS", "HCPCS", "Modifiers", "Units", "Billed Amount", "TAR", "ECM Enrollment Date", "Outreach Method"];

export interface Line {
  member?: Cell;
  dos?: Cell;
  code?: Cell;
  mods?: Cell;
  units?: Cell;
  billed?: Cell;
  tar?: Cell;
  enrolled?: Cell;
  method?: Cell;
}

/** A full line with sensible defaults: a clean G9008 U1 PEPM line for member M1. */
export function line(l: Line): Cell[] {
  return [
    "member" in l ? l.member : "M1",
    "dos" in l ? l.dos : "2026-03-02",
    "code" in l ? l.code : "G9008",
    "mods" in l ? l.mods : "U1",
    "units" in l ? l.units : 1,
    "billed" in l ? l.billed : 400,
    "tar" in l ? l.tar : "TAR1",
    "enrolled" in l ? l.enrolled : "",
    "method" in l ? l.method : "",
  ];
}

/** An outreach attempt (G9008 U8 GQ, $5) on a date. */
export const outreach = (dos: string, extra: Line = {}): Cell[] =>
  line({ code: "G9008", mods: "U8 GQ", billed: 5, tar: "", method: "Phone call", dos, ...extra });

export const AS_OF = dayFromISO("2026-06-30") as number;

/** Validates HEADER + lines (header in row 1, first line in row 2); returns verdicts by row. */
export function run(lines: Cell[][], options: Partial<GridOptions> = {}, header: Cell[] = HEADER): Map<number, Verdict> {
  const result = validateGrid([header, ...lines], { asOf: AS_OF, ...options });
  if (!result.ok) throw new Error(`unexpected header problem: ${result.message}`);
  return new Map([...result.verdicts].map((v) => [v.row, v]));
}

export function verdict(verdicts: Map<number, Verdict>, row: number): Verdict {
  const v = verdicts.get(row);
  if (v === undefined) throw new Error(`no verdict for row ${row}`);
  return v;
}

/** Rule IDs of one row's findings. */
export function rules(verdicts: Map<number, Verdict>, row: number): string[] {
  return verdict(verdicts, row).findings.map((f) => f.rule);
}

export function message(verdicts: Map<number, Verdict>, row: number, rule: string): string {
  const f = verdict(verdicts, row).findings.find((x) => x.rule === rule);
  if (f === undefined) throw new Error(`row ${row} has no ${rule} finding`);
  return f.message;
}
