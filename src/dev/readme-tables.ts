/**
 * The README's rule and rate tables and help.html's rule table, rendered from the engine's data
 * (the rule declarations' catalogue RULES, DEFAULT_RATES). `npm run rules-doc` rewrites them in
 * README.md and src/help/help.html; tests/readme.test.ts fails when they drift.
 */
import { DEFAULT_RATES, RULES, modifierLabel } from "../engine";

export function ruleTable(): string {
  const lines = ["| rule | severity | scope | fires when |", "|---|---|---|---|"];
  for (const r of RULES) lines.push(`| \`${r.id}\` | ${r.severity} | ${r.scope} | ${r.when} |`);
  return lines.join("\n");
}

const escapeHtml = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** help.html's rule table (rows of an HTML table). */
export function helpRuleTable(): string {
  const lines = ["  <table>", "    <tr><th>Rule</th><th>Severity</th><th>Fires when</th></tr>"];
  for (const r of RULES) lines.push(`    <tr><td>${r.id}</td><td>${r.severity}</td><td>${escapeHtml(r.when)}</td></tr>`);
  lines.push("  </table>");
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
  if (a < 0 || b < a) throw new Error(`no ${start} … ${end} block`);
  return `${text.slice(0, a + start.length)}\n${body}\n${text.slice(b)}`;
}

export function renderReadme(text: string): string {
  return replaceBlock(replaceBlock(text, "rules", ruleTable()), "rates", rateTable());
}

export function renderHelp(text: string): string {
  return replaceBlock(text, "rules", helpRuleTable());
}
