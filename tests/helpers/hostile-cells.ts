/**
 * Run by src/engine/values.test.ts in a child process it kills after 60 s: cells built to make a
 * backtracking pattern take hours, through every parser and a whole validation. Prints one line
 * when every parser returned what it should; throws (non-zero exit, stderr) otherwise.
 */
import { strict as assert } from "node:assert";
import { isBlank, parseDay, parseModifiers, parseMoney, parseNumber, validateGrid } from "../../src/engine";

const N = 100_000;
const hostile: string[] = [
  `${"1".repeat(N)}x`,
  `1${" ".repeat(N)}x`,
  `$${" ".repeat(N)}-${" ".repeat(N)}5x`,
  `(${" ".repeat(N)}`,
  `${"9".repeat(N / 2)}.${"9".repeat(N / 2)}x`,
  `${"1,".repeat(N / 2)}x`,
  `${"U8".repeat(N / 2)}!`,
  `2026-01-01${" ".repeat(N)}x`,
  `1/1/2026 ${" ".repeat(N)}x`,
  `mass ${" -".repeat(N / 2)}mailing`,
  "a".repeat(N),
];
for (const cell of hostile) {
  assert.equal(parseMoney(cell), undefined);
  assert.equal(parseNumber(cell), undefined);
  assert.equal(parseDay(cell), undefined);
  assert.ok(parseModifiers([cell]).list.length > 0);
  assert.equal(isBlank(cell), false);
}
const header = ["Member ID", "DOS", "HCPCS", "Modifiers", "Units", "Billed Amount", "TAR", "ECM Enrollment Date", "Outreach Method"];
const grid = [
  header,
  ...hostile.map((cell) => header.map(() => cell)), // every column
  ...hostile.map((cell) => ["M1", 46083, "G9008", "U8", cell, cell, cell, cell, cell]), // an outreach line's rules
];
const result = validateGrid(grid, { asOf: 20_600, cinFormat: true });
assert.ok(result.ok);
process.stdout.write(`hostile cells: ${hostile.length} cells, every parser, ${result.verdicts.length} verdicts\n`);
