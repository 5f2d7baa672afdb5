/** Public surface of the pure ECM rules engine. */
export * from "./types";
export { Verdicts, STATUSES, type VerdictSource } from "./verdicts";
export { validateRows, validateGrid, isBlankRow, type GridOptions, type GridResult } from "./validate";
export { DEFAULT_LIMITS } from "./context";
export { DEFAULT_RATES, indexRates, modifierKey, modifierLabel, entryLabel, periodLabel, inEffect, type RateIndex } from "./rates";
export { RULES, ROW_RULES, MEMBER_PASSES, DECLARED, FAMILIES } from "./rules/catalogue";
export type { Rule, RowRule, CrossRowRule, MemberPass, Applies } from "./rules/rule";
export {
  findHeader,
  HEADER_SEARCH_ROWS,
  mapHeaders,
  missingRequired,
  normaliseHeader,
  columnLabel,
  FIELD_LABELS,
  REQUIRED_FIELDS,
  HEADER_SYNONYMS,
} from "./columns";
export {
  cellText,
  cleanText,
  isBlank,
  parseDay,
  parseMoney,
  parseNumber,
  parseModifiers,
  formatMoney,
  type ParsedModifiers,
} from "./values";
export {
  dayFromISO,
  dayFromText,
  dateFormats,
  NUMERIC_DATE,
  dayFromParts,
  dayFromSerial,
  serialFromDay,
  dayFromDate,
  dateFromDay,
  formatDay,
  partsFromDay,
} from "./days";
export {
  RESULT_HEADERS,
  STATUS_COLOURS,
  SEVERITY_RANK,
  bySeverity,
  resultCells,
  verdictRules,
  verdictMessage,
  verdictLine,
} from "./present";
export { createRateLookup, type RateResult } from "./lookup";
export { SummaryBuilder } from "./summary";
export { looksLikeMembersList, readMembers, type MembersResult } from "./members";
export { MASS_WORDS, massPattern } from "./rules/outreach";
export { TAR_PLACEHOLDERS, MEMBER_PLACEHOLDERS, CIN_FORMAT } from "./placeholders";
export { memberKey } from "./member-key";
export {
  readRateBook,
  rateBookRateColumn,
  readLimits,
  type BookProblem,
  type BookRefusal,
  type BookResult,
  describeProblem,
  type LimitsResult,
} from "./book";
export { bookGrid, limitsGrid, RATE_BOOK_HEADERS, LIMITS_HEADERS } from "./book-grid";
export { planKey, periodsLabel } from "./rates";
