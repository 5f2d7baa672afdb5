/**
 * The rate book and limits written as rows (header first), as an analyst starts from them:
 * `ecm-claims rates` / `ecm-claims limits` and the task pane's "Insert the default rate table".
 * book.ts reads them back.
 */
import { formatDay } from "./days";
import { DEFAULT_RATES } from "./rates";
import type { Limits, RateTable, ServiceKind } from "./types";

/** The headers `bookGrid` writes and the default table has. */
export const RATE_BOOK_HEADERS = ["Plan", "HCPCS", "Modifiers", "Rate", "Kind", "TAR required", "Effective from", "Effective to", "Source"];
/** The headers `limitsGrid` writes. */
export const LIMITS_HEADERS = ["Plan", "Outreach per window", "Window days", "Outreach max", "Lesser of billed", "CIN format"];

const KIND_NAMES: Record<ServiceKind, string> = { pepm: "pepm", outreach: "outreach", engagement: "engagement", mdt: "info" };

/** A rate table as the rows of a rate book (header first): `ecm-claims rates` and "Insert the default rate table". */
export function bookGrid(table: RateTable = DEFAULT_RATES): (string | number)[][] {
  return [
    RATE_BOOK_HEADERS,
    ...table.entries.map((e) => [
      e.plan ?? "",
      e.code,
      e.modifiers.join(", "),
      e.rate,
      KIND_NAMES[e.kind],
      e.tarRequired ? "yes" : "no",
      e.from === undefined ? "" : formatDay(e.from),
      e.to === undefined ? "" : formatDay(e.to),
      e.source.note ?? `${e.description} (${e.source.file} line ${e.source.line})`,
    ]),
  ];
}

/** The limits as rows (header first): one any-plan row with the given values. */
export function limitsGrid(limits: Limits): (string | number)[][] {
  const yesNo = (b: boolean): string => (b ? "yes" : "no");
  return [
    LIMITS_HEADERS,
    ["", limits.outreachPerWindow, limits.windowDays, limits.outreachMax, yesNo(limits.lesserOfBilled), yesNo(limits.cinFormat)],
  ];
}
