/**
 * The CLI's options, declared once: what node:util parseArgs accepts and what `ecm --help` says
 * of each come from this one list, so an option cannot be added without its help line.
 */
export interface CliOption {
  readonly name: string;
  readonly type: "string" | "boolean";
  readonly short?: string;
  /** How the value is shown in the help ("FILE", "N"); string options only. */
  readonly value?: string;
  /** One line (or two) for --help. */
  readonly help: string;
}

export const CLI_OPTIONS = [
  { name: "sheet", type: "string", value: "NAME", help: "the worksheet to read (default: the first visible sheet)" },
  {
    name: "format",
    type: "string",
    short: "f",
    value: "table|json|csv",
    help: "table (default): the lines that need attention and the totals; json: every line with its findings and their params; csv: every line",
  },
  { name: "as-of", type: "string", value: "YYYY-MM-DD", help: "the date the claims are checked as of (default: today)" },
  {
    name: "out",
    type: "string",
    short: "o",
    value: "FILE.xlsx|FILE.csv",
    help: "also write a copy of the file with the verdicts beside the rows (never the input itself)",
  },
  { name: "force", type: "boolean", help: "let --out replace a file that exists" },
  {
    name: "members",
    type: "string",
    value: "FILE.xlsx|FILE.csv",
    help: "the plan's members list: Member ID, ECM Enrollment Date, optionally Disenrollment Date",
  },
  {
    name: "members-sheet",
    type: "string",
    value: "NAME",
    help: 'the members list\'s sheet (default: "ECM Members", else the first); without --members, that sheet of the claims workbook',
  },
  {
    name: "rates",
    type: "string",
    value: "FILE.xlsx|FILE.csv",
    help: "your rate book (start from `ecm rates`); default: the built-in table",
  },
  {
    name: "limits",
    type: "string",
    value: "FILE.xlsx|FILE.csv",
    help: "your limits, per plan where a plan has its own (start from `ecm limits`)",
  },
  { name: "plan", type: "string", value: "NAME", help: "the plan of every line, for a file without a Plan column" },
  { name: "outreach-per-window", type: "string", value: "N", help: "paid outreach attempts allowed in any window (default 5)" },
  { name: "window-days", type: "string", value: "N", help: "the length of that window in days (default 30)" },
  {
    name: "outreach-max",
    type: "string",
    value: "N",
    help: "paid outreach attempts allowed in total, the most paid before engagement (default 5)",
  },
  { name: "no-lesser-of", type: "boolean", help: "expect the rate even when less was billed (default: the lesser of the two)" },
  {
    name: "cin",
    type: "boolean",
    help: "member IDs are Medi-Cal CINs: warn on any that is not 8 digits then a letter (ECM-MEMBER-FORMAT)",
  },
  {
    name: "date-order",
    type: "string",
    value: "auto|mdy|dmy",
    help: "how to read text dates such as 3/4/2026: month first (mdy), day first (dmy), or from the file (auto, default)",
  },
  { name: "verbose", type: "boolean", short: "v", help: "also print how long reading, validating and the report (and copy) took" },
  { name: "help", type: "boolean", short: "h", help: "print this help" },
] as const satisfies readonly CliOption[];

/** The parsed values: a string per string option, a boolean per flag, each absent when not given. */
export type CliValues = { [O in (typeof CLI_OPTIONS)[number] as O["name"]]?: O["type"] extends "boolean" ? boolean : string };

/** The options as node:util parseArgs takes them. */
export function parseArgsOptions(): Record<string, { type: "string" | "boolean"; short?: string }> {
  return Object.fromEntries(
    CLI_OPTIONS.map((o: CliOption) => [o.name, o.short === undefined ? { type: o.type } : { type: o.type, short: o.short }]),
  );
}

/** `ecm --help`: the usage line, then every option with what it does, the exit codes and examples. */
export function helpText(usage: string): string {
  const left = (o: CliOption) =>
    `${o.short === undefined ? "    " : `-${o.short}, `}--${o.name}${o.value === undefined ? "" : ` ${o.value}`}`;
  const width = Math.max(...CLI_OPTIONS.map((o: CliOption) => left(o).length)) + 2;
  return [
    usage,
    "",
    "Checks ECM claim lines (.xlsx, .csv or .txt) against the rate table and the billing rules, and",
    "reports a verdict (OK, WARN or ERROR) for every line. Nothing is sent anywhere.",
    "",
    "Options:",
    ...CLI_OPTIONS.map((o: CliOption) => `  ${left(o).padEnd(width)}${o.help}`),
    "",
    "Exit code: 0 no ERROR line, 1 some ERROR lines, 2 the file or the arguments could not be used.",
    "",
    "Examples:",
    "  ecm claims.xlsx --as-of 2026-06-30",
    "  ecm claims.csv --members members.xlsx --out claims-checked.xlsx",
    "  ecm rates > rates.csv      (edit it, then: ecm claims.xlsx --rates rates.csv)",
    "",
  ].join("\n");
}
