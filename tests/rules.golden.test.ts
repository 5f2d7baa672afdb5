/**
 * Golden fixtures, one folder per rule (tests/fixtures/rules/<rule-id>/): `fires.csv` holds lines
 * on which the rule fires, `near-miss.csv` lines that come close and must not fire it; more cases
 * may stand beside them (a name starting with "near-miss" must not fire the rule, any other must).
 * Each has its expected verdicts beside it (`<name>.json`, the CLI's JSON rows: status, expected
 * amount, findings with params and message). An optional `options.json` gives the as-of date
 * (default 2026-06-30), `cinFormat` and the run's `plan` (CLI --plan); an optional `members.csv`
 * is the members list; an optional `rates.csv` / `limits.csv` is the rate book and its limits, as
 * an analyst writes them (`<case>.rates.csv` / `<case>.limits.csv` for one case only). The CSVs go
 * through the CLI's reader, as a user's file would.
 *
 * After a deliberate change of verdicts: `UPDATE_GOLDEN=1 npx jest tests/rules.golden.test.ts`,
 * then read the diff of the .json files.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { loadSheet } from "../src/cli/read";
import { DEFAULT_RATES, dayFromISO, readLimits, readMembers, readRateBook, RULES, validateGrid, type RateTable } from "../src/engine";

const ROOT = join(__dirname, "fixtures/rules");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

interface FolderOptions {
  asOf?: string;
  cinFormat?: boolean;
  plan?: string;
}

const day = (iso: string): number => {
  const d = dayFromISO(iso);
  if (d === undefined) throw new Error(`bad date ${iso} in options.json`);
  return d;
};

/** The case's own file, else the folder's, else undefined. */
const caseFile = (folder: string, name: string, suffix: string): string | undefined =>
  [join(folder, `${name}.${suffix}`), join(folder, suffix)].find((f) => existsSync(f));

/** The rate book of a case (rates.csv and limits.csv), or the built-in table. */
async function bookOf(folder: string, name: string): Promise<RateTable> {
  const ratesFile = caseFile(folder, name, "rates.csv");
  const limitsFile = caseFile(folder, name, "limits.csv");
  let table: RateTable = DEFAULT_RATES;
  if (ratesFile !== undefined) {
    const book = readRateBook((await loadSheet(ratesFile)).grid, basename(ratesFile));
    if (!book.ok) throw new Error(book.message);
    table = book.table;
  }
  if (limitsFile === undefined) return table;
  const limits = readLimits((await loadSheet(limitsFile)).grid, basename(limitsFile));
  if (!limits.ok) throw new Error(limits.message);
  return { ...table, limits: limits.limits };
}

async function verdictsOf(folder: string, name: string): Promise<unknown[]> {
  const optionsFile = join(folder, "options.json");
  const options = (existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, "utf8")) : {}) as FolderOptions;
  const sheet = await loadSheet(join(folder, `${name}.csv`));
  const membersFile = join(folder, "members.csv");
  const members = existsSync(membersFile) ? readMembers((await loadSheet(membersFile)).grid) : undefined;
  if (members !== undefined && !members.ok) throw new Error(`${membersFile}: ${members.message}`);
  const result = validateGrid(sheet.grid, {
    asOf: day(options.asOf ?? "2026-06-30"),
    rates: await bookOf(folder, name),
    members: members?.list,
    cinFormat: options.cinFormat === true,
    ...(options.plan === undefined ? {} : { plan: options.plan }),
  });
  if (!result.ok) throw new Error(`${folder}/${name}.csv: ${result.message}`);
  return JSON.parse(JSON.stringify(result.verdicts)) as unknown[];
}

/** Files of a folder that are not cases: the members list and rate books. */
const NOT_CASES = /^(members|rates|limits)\.csv$|\.(rates|limits)\.csv$/;

const folders = readdirSync(ROOT).sort();

describe("golden rule fixtures", () => {
  it("has a folder for every rule of the catalogue, and none for a rule that does not exist", () => {
    expect(folders).toEqual(RULES.map((r) => r.id).sort());
  });

  describe.each(folders)("%s", (rule) => {
    const folder = join(ROOT, rule);
    const cases = readdirSync(folder)
      .filter((f) => f.endsWith(".csv") && !NOT_CASES.test(f))
      .map((f) => f.slice(0, -4))
      .sort();
    it("has a fires and a near-miss case", () => expect(cases).toEqual(expect.arrayContaining(["fires", "near-miss"])));
    it.each(cases)("%s.csv gives the verdicts in its .json", async (name) => {
      const verdicts = await verdictsOf(folder, name);
      const rulesFound = verdicts.flatMap((v) => (v as { findings: { rule: string }[] }).findings.map((f) => f.rule));
      if (name.startsWith("near-miss")) expect(rulesFound).not.toContain(rule);
      else expect(rulesFound).toContain(rule);
      const golden = join(folder, `${name}.json`);
      if (UPDATE) writeFileSync(golden, `${JSON.stringify(verdicts, null, 2)}\n`);
      expect(verdicts).toEqual(JSON.parse(readFileSync(golden, "utf8")));
    });
  });
});
