/**
 * The README's rule and rate tables, rendered from the engine's data (RULES, DEFAULT_RATES).
 * `npm run rules-doc` rewrites them in README.md; tests/readme.test.ts fails when they drift.
 */
import { DEFAULT_RATES, RULES, modifierLabel } from "../engine";

export function ruleTable(): string {
  const lines = ["| rule | severity | scope | fires when |", "|---|---|---|---|"];
  for (const r of RULES) lines.push(`| \`${r.id}\` | ${r.severity} | ${r.scope} | ${r.when} |`);
  return lines.join("\n");
}

export function rateTable(): string {
  const lines = ["| HCPCS | modifiers | rate | kind | staff | mode | TAR | seed line |", "|---|---|---|---|---|---|---|---|"];
  for (const e of DEFAULT_RATES.entries) {
    lines.push(
      `| ${e.code} | ${modifierLabel(e.modifiers)} | $${e.rate} | ${e.kind} | ${e.staff} | ${e.mode} | ${e.tarRequired ? "required" : "no"} | ${e.source.file}:${e.source.line} |`,
    );
  }
  return lines.join("\n");
}

/** Replaces the text between `<!-- NAME:start -->` and `<!-- NAME:end -->`. */
export function replaceBlock(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md has no ${start} … ${end} block`);
  return `${text.slice(0, a + start.length)}\n${body}\n${text.slice(b)}`;
}

export function renderReadme(text: string): string {
  return replaceBlock(replaceBlock(text, "rules", ruleTable()), "rates", rateTable());
}
