/**
 * The one-line message after a run. Green ("ok") only when every line is OK: a run that found
 * errors succeeded as a run, but an analyst reads a green bar as "nothing to fix". Lines that need
 * attention make it a warning bar (the error bar stays for problems that stopped the run).
 */
export interface Outcome {
  kind: "ok" | "warn" | "info";
  text: string;
}

const count = (n: number, one: string, many: string): string => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** `lead` replaces "N rows checked" (a re-check after an edit says so). */
export function runOutcome(s: { rows: number; warn: number; error: number }, note?: string, lead?: string): Outcome {
  if (s.rows === 0) return { kind: "info", text: "No claim lines to check: the rows below the header are empty." };
  const opening = lead ?? `${count(s.rows, "row", "rows")} checked`;
  const clean = s.warn === 0 && s.error === 0;
  const counts = clean
    ? `${opening}: all OK.`
    : `${opening}: ${count(s.error, "error", "errors")}, ${count(s.warn, "warning", "warnings")}. The lines are listed under Findings by rule.`;
  return {
    kind: clean ? (note === undefined ? "ok" : "info") : "warn",
    text: note === undefined ? counts : `${counts} ${note}`,
  };
}
