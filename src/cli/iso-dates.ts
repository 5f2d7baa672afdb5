/**
 * ISO 8601 date cells (`<c t="d"><v>2026-03-02T00:00:00</v></c>`: openpyxl with `iso_dates`, Strict
 * Open XML, allowed by ECMA-376 Part 1, 18.18.11) as the serial numbers Excel itself writes, for
 * ExcelJS, whose readers parse the text with parseFloat (2026-03-02 became serial 2026,
 * 1905-07-18). A textual rewrite of one attribute and one value, not an XML parser.
 */
import { dayFromISO, serialFromDay } from "../engine";

/** 1970-01-01 (day 0) as a serial of the 1904 date system (the engine's dayFromSerial1904 counts from it). */
const SERIAL_1904_OF_EPOCH = 24_107;

const ISO_DATE_CELL = /<c\b([^>]*?)\st="d"([^>]*)>\s*<v>([^<]*)<\/v>\s*<\/c>/g;

/** The serial number of an ISO 8601 date or date-time, or undefined when it is not one. */
export function isoToSerial(text: string, date1904: boolean): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?Z?$/.exec(text.trim());
  if (m === null) return undefined;
  const day = dayFromISO(m[1] as string);
  if (day === undefined) return undefined;
  const seconds = Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  // The engine's serialFromDay counts Excel's 29 February 1900 (serial 60, which never was): 1900-01-01 is serial 1.
  return (date1904 ? day + SERIAL_1904_OF_EPOCH : serialFromDay(day)) + seconds / 86_400;
}

/** Rewrites the complete ISO date cells of a piece of worksheet XML. */
export function rewriteIsoDateCells(xml: string, date1904: boolean): string {
  if (!xml.includes('t="d"')) return xml; // nearly every workbook: nothing to rewrite, no regular expression run
  return xml.replace(ISO_DATE_CELL, (whole, before: string, after: string, value: string) => {
    const serial = isoToSerial(value, date1904);
    return serial === undefined ? whole : `<c${before}${after}><v>${serial}</v></c>`;
  });
}

/** Whether a workbook part says the 1904 date system (`<workbookPr date1904="1"/>`, or "true": see acceptBooleanDate1904). */
export function usesDate1904(workbookXml: string): boolean {
  return /<(?:\w+:)?workbookPr\b[^>]*\sdate1904="(?:1|true)"/.test(workbookXml);
}
