/**
 * Run by src/engine/values.test.ts in a child process it kills after 60 s: cells built to make a
 * backtracking pattern take hours, through every parser and a whole validation. Prints one line
 * when every parser returned what it should; throws (non-zero exit, stderr) otherwise.
 */
import { strict as assert } from "node:assert";
import { isBlank, memberKey, parseDay, parseModifiers, parseMoney, parseNumber, validateGrid } from "../../src/engine";
import { isTotalsLabel } from "../../src/engine/totals-row";
import { dateOrderEvidence, dateOrderOf } from "../../src/shared/date-order";
import { isShortenedNumber } from "../../src/engine/placeholders";

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
  `13.1.2026 ${" ".repeat(N)}x`, // a day-first date
  `mass ${" -".repeat(N / 2)}mailing`,
  "a".repeat(N),
  `Total${" ".repeat(N)}x`, // a counting footer ("Total claims: 49")
  `${"0".repeat(N)}1x`, // leading zeros of a member ID
  `G9008${"-".repeat(N)}U1!`, // a code cell holding modifiers
  `1.${"2".repeat(N)}E+x`, // a number Excel shortened
  `$${" ".repeat(N)}(5`, // the Accounting format's negative
];
for (const cell of hostile) {
  assert.equal(parseMoney(cell), undefined);
  assert.equal(parseNumber(cell), undefined);
  assert.equal(parseDay(cell), undefined);
  assert.equal(parseDay(cell, 1900, "dmy"), undefined);
  assert.equal(dateOrderOf(cell), undefined);
  assert.ok(parseModifiers([cell]).list.length > 0);
  assert.equal(isBlank(cell), false);
  assert.equal(isTotalsLabel(cell), false);
  assert.equal(isShortenedNumber(memberKey(cell)), false);
}
const header = ["Member ID", "DOS", "HCPCS", "Modifiers", "Units", "Billed Amount", "TAR", "ECM Enrollment Date", "Outreach Method"];
const grid = [
  header,
  ...hostile.map((cell) => header.map(() => cell)), // every column
  ...hostile.map((cell) => ["M1", 46083, "G9008", "U8", cell, cell, cell, cell, cell]), // an outreach line's rules
];
const result = validateGrid(grid, { asOf: 20_600, cinFormat: true });
assert.ok(result.ok);
assert.ok(validateGrid(grid, { asOf: 20_600, dateOrder: "dmy" }).ok);
assert.deepEqual(dateOrderEvidence(grid), {});
process.stdout.write(`hostile cells: ${hostile.length} cells, every parser, ${result.verdicts.length} verdicts\n`);
