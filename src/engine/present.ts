/**
 * How a verdict reads in cells and text: shared by the CLI's annotated copy, the custom
 * functions and the task pane, so every surface says the same thing.
 */
import type { Finding, Verdict } from "./types";

export const RESULT_HEADERS = ["ECM Status", "ECM Rules", "ECM Message", "ECM Expected"] as const;

/** Status colours: Excel's built-in Good / Neutral / Bad styles (fill and text), readable in any theme. */
export const STATUS_COLOURS = {
  ERROR: { fill: "#FFC7CE", font: "#9C0006" },
  WARN: { fill: "#FFEB9C", font: "#9C5700" },
  OK: { fill: "#C6EFCE", font: "#006100" },
} as const;

/** Severities, most severe first: how findings and rules are ordered on every surface. */
export const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/** Findings most severe first (stable within a severity). */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

/** All rule IDs of the verdict, most severe first, comma-separated. */
export function verdictRules(v: Verdict): string {
  return bySeverity(v.findings)
    .map((f) => f.rule)
    .join(", ");
}

/** All messages of the verdict, most severe first, joined with " | ". */
export function verdictMessage(v: Verdict): string {
  return bySeverity(v.findings)
    .map((f) => f.message)
    .join(" | ");
}

/** The four result cells of a verdict (status, rules, message, expected); "" for a row without one. */
export function resultCells(v: Verdict | undefined): (string | number)[] {
  return v === undefined ? ["", "", "", ""] : [v.status, verdictRules(v), verdictMessage(v), v.expected];
}

/** "OK", or "WARN: <rule IDs>: <first message>", or "ERROR: <rule IDs>: <first message>" (info left out). */
export function verdictLine(v: Verdict): string {
  if (v.status === "OK") return "OK";
  const shown = bySeverity(v.findings).filter((f) => f.severity !== "info");
  return `${v.status}: ${shown.map((f) => f.rule).join(", ")}: ${shown[0]?.message ?? ""}`;
}
