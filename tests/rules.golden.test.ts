/**
 * Golden fixtures, one folder per rule (tests/fixtures/rules/<rule-id>/): `fires.csv` holds lines
 * on which the rule fires, `near-miss.csv` lines that come close and must not fire it; more cases
 * may stand beside them (a name starting with "near-miss" must not fire the rule, any other must).
 * Each has its expected verdicts beside it (`<name>.json`, the CLI's JSON rows: status, expected
 * amount, findings with params and message). An optional `options.json` gives the as-of date
 * (default 2026-06-30), rate periods and `cinFormat`; an optional `members.csv` is the members
 * list. The CSVs go through the CLI's reader, as a user's file would.
 *
 * After a deliberate change of verdicts: `UPDATE_GOLDEN=1 npx jest tests/rules.golden.test.ts`,
 * then read the diff of the .json files.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadSheet } from "../src/cli/read";
import { DEFAULT_RATES, dayFromISO, readMembers, RULES, validateGrid, type RateEntry, type RateTable } from "../src/engine";

const ROOT = join(__dirname, "fixtures/rules");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

interface FolderOptions {
  asOf?: string;
  cinFormat?: boolean;
  datedRates?: { code: string; modifiers: string[]; periods: [string, string | null][] }[];
}

const day = (iso: string): number => {
  const d = dayFromISO(iso);
  if (d === undefined) throw new Error(`bad date ${iso} in options.json`);
  return d;
};

/** The built-in table with the listed (code, modifiers) rows replaced by one dated copy per period. */
function ratesOf(options: FolderOptions): RateTable {
  if (options.datedRates === undefined) return DEFAULT_RATES;
  const entries: RateEntry[] = [];
  for (const entry of DEFAULT_RATES.entries) {
    const dated = options.datedRates.find((d) => d.code === entry.code && d.modifiers.join("+") === entry.modifiers.join("+"));
    if (dated === undefined) entries.push(entry);
    else for (const [from, to] of dated.periods) entries.push({ ...entry, from: day(from), ...(to === null ? {} : { to: day(to) }) });
  }
  return { id: `${DEFAULT_RATES.id} (dated for a fixture)`, entries };
}

async function verdictsOf(folder: string, file: string): Promise<unknown[]> {
  const optionsFile = join(folder, "options.json");
  const options = (existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, "utf8")) : {}) as FolderOptions;
  const sheet = await loadSheet(join(folder, file));
  const membersFile = join(folder, "members.csv");
  const members = existsSync(membersFile) ? readMembers((await loadSheet(membersFile)).grid) : undefined;
  if (members !== undefined && !members.ok) throw new Error(`${membersFile}: ${members.message}`);
  const result = validateGrid(sheet.grid, {
    asOf: day(options.asOf ?? "2026-06-30"),
    rates: ratesOf(options),
    members: members?.list,
    cinFormat: options.cinFormat === true,
  });
  if (!result.ok) throw new Error(`${folder}/${file}: ${result.message}`);
  return JSON.parse(JSON.stringify(result.verdicts)) as unknown[];
}

const folders = readdirSync(ROOT).sort();

describe("golden rule fixtures", () => {
  it("has a folder for every rule of the catalogue, and none for a rule that does not exist", () => {
    expect(folders).toEqual(RULES.map((r) => r.id).sort());
  });

  describe.each(folders)("%s", (rule) => {
    const folder = join(ROOT, rule);
    const cases = readdirSync(folder)
      .filter((f) => f.endsWith(".csv") && f !== "members.csv")
      .map((f) => f.slice(0, -4))
      .sort();
    it("has a fires and a near-miss case", () => expect(cases).toEqual(expect.arrayContaining(["fires", "near-miss"])));
    it.each(cases)("%s.csv gives the verdicts in its .json", async (name) => {
      const verdicts = await verdictsOf(folder, `${name}.csv`);
      const rulesFound = verdicts.flatMap((v) => (v as { findings: { rule: string }[] }).findings.map((f) => f.rule));
      if (name.startsWith("near-miss")) expect(rulesFound).not.toContain(rule);
      else expect(rulesFound).toContain(rule);
      const golden = join(folder, `${name}.json`);
      if (UPDATE) writeFileSync(golden, `${JSON.stringify(verdicts, null, 2)}\n`);
      expect(verdicts).toEqual(JSON.parse(readFileSync(golden, "utf8")));
    });
  });
});
