/**
 * The rule catalogue, derived from the rules' declarations in their family modules: the families,
 * the one order list of cross-row passes, and from them the `RuleId` type, the catalogue that the
 * README and help.html rule tables are generated from (npm run rules-doc), and the order the rules
 * run in. IDs and severities are part of the product's contract.
 *
 * Adding a rule: declare it in its family module and list it in the family's RULES (a cross-row
 * rule also fires from a MemberPass of the family, listed once in MEMBER_PASSES below), and give
 * it a fixture folder under tests/fixtures/rules/<rule-id>/.
 */
import * as billing from "./billing";
import * as cells from "./cells";
import * as duplicate from "./duplicate";
import * as engagement from "./engagement";
import * as enrollment from "./enrollment";
import * as identity from "./identity";
import * as money from "./money";
import * as outreach from "./outreach";
import * as pepm from "./pepm";
import { SEVERITY_RANK } from "../present";
import type { CrossRowRule, MemberPass, Registered, RowRule } from "./rule";
import * as service from "./service";

/** The rule families, in the order their row rules' findings are listed within a severity. */
export const FAMILIES = { cells, identity, service, billing, outreach, enrollment, engagement, pepm, duplicate, money } as const;

/**
 * Cross-row passes, in the order they run; each sees only lines still countable (no error, no
 * finding that pays nothing) unless it says otherwise.
 */
export const MEMBER_PASSES: readonly MemberPass[] = [
  duplicate.duplicatePass, // first: a duplicate line pays nothing and counts toward no limit
  enrollment.enrollmentPass, // decides the member's enrollment and engagement for the passes after it
  outreach.outreachLimitsPass,
  engagement.engagementPass,
  pepm.pepmBeforeEnrollPass,
  pepm.pepmDupPass,
  identity.memberFormatPass,
];

type Family = (typeof FAMILIES)[keyof typeof FAMILIES];
/** Every declared rule's ID. */
export type RuleId = Family["RULES"][number]["id"];

const familyRules: readonly Registered[] = Object.values(FAMILIES).flatMap((family): readonly Registered[] => family.RULES);

/** Row rules in the order their findings are listed: by severity, then family, then declaration. */
export const ROW_RULES: readonly RowRule<RuleId>[] = familyRules
  .filter((r): r is RowRule<RuleId> => r.scope === "row")
  .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]); // stable: family order kept

/** Cross-row rules in the order they run. */
const CROSS_ROW_RULES: readonly CrossRowRule<RuleId>[] = MEMBER_PASSES.flatMap((pass) => pass.rules);

/** The catalogue: row rules, then cross-row rules, in the order they run. */
export const RULES: readonly Registered[] = [...ROW_RULES, ...CROSS_ROW_RULES];

/** Rules in every family module, in family order (the registration test compares them with RULES). */
export const DECLARED: readonly Registered[] = familyRules;

const BY_ID = new Map<string, Registered>(RULES.map((r) => [r.id, r]));

/** The declaration of a rule by its ID. */
export function ruleById(id: RuleId): Registered {
  const rule = BY_ID.get(id);
  if (rule === undefined) throw new Error(`${id} is not a registered rule`); // RuleId holds only declared IDs
  return rule;
}
