/**
 * One patch of the reading layer (ExcelJS 4.4), applied to a streaming reader before it runs:
 * ISO 8601 date cells (`<c t="d"><v>2026-03-02T00:00:00</v></c>`, written by openpyxl with
 * `iso_dates`, and allowed by the OOXML standard) reach ExcelJS's default branch, which parses
 * the text with parseFloat: 2026-03-02 becomes serial 2026, 1905-07-18. The worksheet's XML is
 * passed through unchanged except that such a cell's value is rewritten to the serial number
 * Excel itself would have written (in the workbook's date system) and its t="d" dropped; ExcelJS
 * then reads it as it reads any date. Only the cell elements with t="d" are touched: this is a
 * textual rewrite of one attribute, not an XML parser.
 */
import { dayFromISO } from "../engine";

interface ReaderInternals {
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<unknown>;
  properties?: { model?: { date1904?: boolean } };
}

/** Days from 1899-12-30 (serial 0 of the 1900 date system) to 1970-01-01, and from 1900 to 1904. */
const SERIAL_OF_EPOCH = 25_569;
const DAYS_1900_TO_1904 = 1_462;

const ISO_DATE_CELL = /<c\b([^>]*?)\st="d"([^>]*)>\s*<v>([^<]*)<\/v>\s*<\/c>/g;

/** The serial number of an ISO 8601 date or date-time, or undefined when it is not one. */
export function isoToSerial(text: string, date1904: boolean): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?Z?$/.exec(text.trim());
  if (m === null) return undefined;
  const day = dayFromISO(m[1] as string);
  if (day === undefined) return undefined;
  const seconds = Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  return day + SERIAL_OF_EPOCH - (date1904 ? DAYS_1900_TO_1904 : 0) + seconds / 86_400;
}

/** Rewrites the complete ISO date cells of a piece of worksheet XML. */
export function rewriteIsoDateCells(xml: string, date1904: boolean): string {
  if (!xml.includes('t="d"')) return xml; // nearly every workbook: nothing to rewrite, no regular expression run
  return xml.replace(ISO_DATE_CELL, (whole, before: string, after: string, value: string) => {
    const serial = isoToSerial(value, date1904);
    return serial === undefined ? whole : `<c${before}${after}><v>${serial}</v></c>`;
  });
}

/**
 * Wraps the reader's worksheet parsing so its XML passes through rewriteIsoDateCells, row by row.
 * The same pass notes each sheet's merged ranges (`<mergeCell ref="A2:A4"/>`, which the streaming
 * reader skips) for `merged(sheetNo, ref)`: the value belongs to the top-left cell only, and the
 * user is told which rows read the others as empty.
 */
export function patchIsoDateCells(reader: unknown, merged: (sheetNo: string, ref: string) => void = () => undefined): void {
  const internals = reader as ReaderInternals;
  const parse = internals._parseWorksheet.bind(internals);
  internals._parseWorksheet = (iterator, sheetNo) => {
    const date1904 = internals.properties?.model?.date1904 === true;
    return parse(
      rewritten(iterator, date1904, (ref) => merged(sheetNo, ref)),
      sheetNo,
    );
  };
}

const MERGE_CELL = /<mergeCell\b[^>]*\bref="([A-Z]+\d+:[A-Z]+\d+)"/g;

async function* rewritten(chunks: AsyncIterable<unknown>, date1904: boolean, merged: (ref: string) => void): AsyncGenerator<string> {
  const decoder = new TextDecoder(); // streaming: a character split between chunks is kept whole
  let pending = "";
  for await (const chunk of chunks) {
    pending += typeof chunk === "string" ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    // Complete rows only: a cell is never cut in two.
    const end = pending.lastIndexOf("</row>");
    if (end < 0) continue;
    yield rewriteIsoDateCells(pending.slice(0, end + 6), date1904);
    pending = pending.slice(end + 6);
  }
  pending += decoder.decode();
  // <mergeCells> follows <sheetData>: it is in what is left after the last row.
  for (const m of pending.matchAll(MERGE_CELL)) merged(m[1] as string);
  if (pending !== "") yield rewriteIsoDateCells(pending, date1904);
}
