/** Engine results as terminal text, JSON or CSV. */
import { stringify } from "csv-stringify/sync";
import { monthTable, paidLine, rulesInOrder } from "../shared/report-text";
import { bySeverity, formatDay, formatMoney, verdictMessage, verdictRules, type Day, type Summary, type Verdict } from "../engine";

export interface ReportContext {
  file: string;
  sheetName: string;
  asOf: Day;
  rateTableId: string;
  /** What the user should know about how the file was read (merged cells, …). */
  notes?: readonly string[];
}

export function jsonReport(verdicts: Iterable<Verdict>, summary: Summary, ctx: ReportContext): string {
  return JSON.stringify({
    rows: Array.from(verdicts),
    summary: { ...summary, asOf: formatDay(ctx.asOf), sheet: ctx.sheetName, rateTable: ctx.rateTableId, notes: ctx.notes ?? [] },
  });
}

export function csvReport(verdicts: Iterable<Verdict>): string {
  return stringify([
    ["row", "status", "expected", "rules", "message"],
    ...Array.from(verdicts, (v) => [v.row, v.status, v.expected.toFixed(2), verdictRules(v), neutralised(verdictMessage(v))]),
  ]);
}

/**
 * A text cell a spreadsheet would run as a formula when the CSV is opened (=, +, -, @, or a tab or
 * carriage return before one: CSV injection) gets a leading apostrophe, as OWASP recommends.
 */
export function neutralised(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Control characters from cells (escape sequences, bells, line breaks) shown as \u escapes in terminal text. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function tableReport(verdicts: Iterable<Verdict>, summary: Summary, ctx: ReportContext): string {
  const out: string[] = [];
  out.push(
    printable(
      `ECM claims check of ${ctx.file}${ctx.sheetName === "csv" ? "" : ` (sheet "${ctx.sheetName}")`}, as of ${formatDay(ctx.asOf)}`,
    ),
  );
  out.push(`Rate table: ${ctx.rateTableId}`);
  out.push("");
  const listed = Array.from(verdicts).filter((v) => v.status !== "OK");
  if (listed.length > 0) {
    out.push(`${"Row".padStart(6)}  ${"Status".padEnd(6)}  ${"Expected".padStart(9)}  Rule / message`);
    for (const v of listed) {
      const findings = bySeverity(v.findings);
      findings.forEach((f, i) => {
        const lead =
          i === 0
            ? `${String(v.row).padStart(6)}  ${v.status.padEnd(6)}  ${formatMoney(v.expected).padStart(9)}`
            : " ".repeat(6 + 2 + 6 + 2 + 9);
        out.push(`${lead}  ${f.rule.padEnd(23)} ${printable(f.message)}`);
      });
    }
    out.push("");
  }
  for (const note of ctx.notes ?? []) out.push(`Note: ${printable(note)}`);
  if ((ctx.notes ?? []).length > 0) out.push("");
  if (summary.ok > 0)
    out.push(`${summary.ok} OK row${summary.ok === 1 ? " is" : "s are"} not listed (--format csv or json lists every row).`);
  out.push(`Rows checked: ${summary.rows}   OK: ${summary.ok}   WARN: ${summary.warn}   ERROR: ${summary.error}`);
  out.push(`Expected reimbursement: ${formatMoney(summary.expectedTotal)}`);
  const paid = paidLine(summary);
  if (paid !== undefined) out.push(paid);
  const codes = Object.entries(summary.byCode).sort(([a], [b]) => a.localeCompare(b));
  for (const [code, t] of codes)
    out.push(
      `  ${printable(code).padEnd(8)} ${String(t.lines).padStart(7)} line${t.lines === 1 ? " " : "s"}  ${formatMoney(t.expected).padStart(12)}`,
    );
  const rules = rulesInOrder(summary);
  if (rules.length > 0) {
    out.push("Findings by rule:");
    for (const r of rules) out.push(`  ${r.rule.padEnd(24)} ${r.severity.padEnd(8)} ${String(r.count).padStart(4)}  ${r.when}`.trimEnd());
  }
  out.push(...monthLines(summary));
  return out.join("\n") + "\n";
}

/** The summary by service month (and plan) as aligned text columns, money as $. */
function monthLines(summary: Summary): string[] {
  if (summary.byMonth.length === 0) return [];
  const { header, rows } = monthTable(summary);
  const money = new Set(header.map((h, k) => (h.endsWith("$") ? k : -1)));
  const cells = [header, ...rows.map((r) => r.map((c, k) => (money.has(k) ? formatMoney(c as number) : printable(String(c)))))];
  const widths = header.map((_, k) => Math.max(...cells.map((r) => String(r[k]).length)));
  const text = typeof header[1] === "string" && header[1] === "Plan" ? 2 : 1; // month (and plan) left-aligned, counts and money right
  return [
    "By service month:",
    ...cells.map(
      (r) =>
        `  ${r.map((c, k) => (k < text ? String(c).padEnd(widths[k] as number) : String(c).padStart(widths[k] as number))).join("  ")}`,
    ),
  ];
}
