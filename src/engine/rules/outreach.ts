/**
 * Outreach (U8) lines: ECM-OUTREACH-MASS and ECM-OUTREACH-MODE on the line itself;
 * ECM-OUTREACH-ENROLLED, -ENGAGED, -30D and -MAX decided in one pass over the member's countable
 * outreach lines in date order, each line checked against the lines already paid.
 */
import type { EngineContext } from "../context";
import type { ClaimStore } from "../store";
import type { Cell } from "../types";
import { cellText } from "../values";
import { enrollmentParams, describeEnrollment, type EnrollmentParams } from "./enrollment";
import { crossRowRule, lines, nextLine, rowRule, shown, type MemberPass } from "./rule";

/**
 * Words and phrases that make an outreach method mass communication (ValidateOptions.massWords
 * replaces them). Matched as whole words, in any case, with or without accents ("boletín" is
 * "boletin"), each word plural or not ("mensajes masivos"); in a phrase, spaces and hyphens match
 * each other ("auto-dialer", "auto dialer", "autodialer"). The bare word "mass" is not one: "spoke
 * with member after Sunday Mass" is an individual attempt. Spanish too, as bilingual outreach
 * workers in California write case notes; not "campaña" ("campana" without its tilde, a surname).
 */
export const MASS_WORDS: readonly string[] = [
  "mass mailing",
  "mass email",
  "mass text",
  "mass message",
  "mass communication",
  "bulk",
  "blast",
  "newsletter",
  "flyer",
  "broadcast",
  "robocall",
  "auto-dialer",
  "automated call",
  "automated text",
  "automated message",
  "automated reminder",
  "group text",
  "group email",
  "group message",
  "campaign",
  "mail merge",
  "all members",
  "whole panel",
  "correo masivo",
  "mensaje masivo",
  "texto masivo",
  "envío masivo",
  "llamada automática",
  "llamada automatizada",
  "mensaje automático",
  "mensaje automatizado",
  "mensaje grupal",
  "texto grupal",
  "correo grupal",
  "boletín",
  "folleto",
  "todos los miembros",
];

/** Text without its accents ("teléfono" is "telefono"), as the outreach vocabularies are matched: case notes are typed both ways. */
export const withoutAccents = (text: string): string => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");

/** One regular expression for a list of words and phrases (linear: no nested repetition). */
export function massPattern(words: readonly string[]): RegExp {
  const alternatives = words
    .map((w) => withoutAccents(w.trim().toLowerCase()))
    .filter((w) => w !== "")
    .map((w) =>
      w
        .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
        .replace(/-/g, "[\\s-]{0,3}") // hyphens first: the spaces' class below holds one
        .replace(/ +/g, "(?:e?s)?[\\s-]{1,3}"),
    );
  return alternatives.length === 0 ? /(?!)/ : new RegExp(`\\b(?:${alternatives.join("|")})(?:e?s)?\\b`, "i");
}

type MassParams = { column: string; method: string };

export const massRule = rowRule({
  id: "ECM-OUTREACH-MASS",
  severity: "error",
  when: "outreach line whose method says mass communication (mass mailing/email/text, bulk, blast, newsletter, robocall, group text, correo masivo, …)",
  field: "method",
  applies: { kinds: ["outreach"], columns: ["method"] },
  message: (p: MassParams) =>
    `${p.column} ${shown(p.method)} is mass communication: mass mailings, emails or texts do not count as outreach and must not be billed; bill only individualised attempts.`,
  check(s, i, ctx) {
    const cell = s.cell(i, ctx.mapping.method);
    if (cell === "" || cell === null || cell === undefined) return undefined;
    const says = ctx.memo("outreach method", cell, methodSays);
    if (!says.mass) return undefined;
    return ctx.remember("ECM-OUTREACH-MASS", says.method, massParams);
  },
});

function massParams(method: string, ctx: EngineContext): MassParams {
  return { column: ctx.label("method"), method };
}

/**
 * Says the attempt was made by phone, text, email or video (GQ: telephonic or electronic),
 * case-note abbreviations included (VM / LVM: voicemail, left voicemail), a patient portal or
 * MyChart message, FaceTime or doxy.me, and in Spanish ("llamada",
 * "teléfono", "mensaje de texto", "buzón de voz", "correo electrónico"; matched without accents).
 */
const REMOTE =
  /\b(?:phone|phoned|telephone|telephonic|tel|call|calls|called|voicemail|voice[\s-]mail|vm|lvm|text|texts|texted|sms|e-?mail|e-?mails|e-?mailed|video|virtual|telehealth|telemedicine|zoom|facetime|doxy(?:\.me)?|whatsapp|(?:patient[\s-])?portal[\s-]messages?|mychart|llamad[ao]s?|llame|llamo|llamamos|telefono|telefonic[ao]s?|telefonicamente|textos?|mensajes?[\s-]de[\s-](?:texto|voz)|buzon[\s-]de[\s-]voz|correos?[\s-]electronicos?|video[\s-]?llamadas?|telesalud|telemedicina)\b/i;
/**
 * Says the attempt was made in person (F2F: face to face; a door knock, street outreach, a visit at
 * a clinic, office or shelter, a walk-in; in Spanish "en persona", "visita domiciliaria", "cara a cara").
 */
const IN_PERSON =
  /\b(?:in[\s-]person|home[\s-]visits?|face[\s-]to[\s-]face|f2f|field[\s-]visits?|door[\s-]?knocks?|street[\s-]outreach|(?:clinic|office|shelter)[\s-]visits?|walk[\s-]?ins?|en[\s-]persona|visitas?[\s-](?:domiciliarias?|a[\s-]domicilio|al[\s-]hogar|en[\s-](?:casa|el[\s-]hogar|la[\s-]clinica)|de[\s-]campo)|cara[\s-]a[\s-]cara)\b/i;

type ModeParams = { column: string; method: string; says: string; implied: string; billed: string };

/**
 * What an outreach method text says, decided once per distinct text in a run: whether it is mass
 * communication, and how the attempt was made (1 by phone, text, email or video; 2 in person; 0
 * neither, or both).
 */
interface MethodSays {
  /** The method as text (cellText). */
  method: string;
  mass: boolean;
  mode: 0 | 1 | 2;
}

/** Keyed on the cell as it is (no text made per line); decided on its text. */
function methodSays(cell: Cell, ctx: EngineContext): MethodSays {
  const method = cellText(cell);
  const text = withoutAccents(method); // the vocabularies are written without accents
  const remote = REMOTE.test(text);
  return { method, mass: ctx.massPattern.test(text), mode: remote === IN_PERSON.test(text) ? 0 : remote ? 1 : 2 };
}

export const outreachModeRule = rowRule({
  id: "ECM-OUTREACH-MODE",
  severity: "warning",
  when: "U8 outreach (in person) whose method says phone, text, email or video, or U8+GQ whose method says in person (English or Spanish: llamada, en persona, …)",
  field: "modifiers",
  applies: { kinds: ["outreach"], columns: ["method"] },
  message: (p: ModeParams) =>
    `${p.column} ${shown(p.method)} says ${p.says}, which is billed with modifiers ${p.implied}; this line has ${p.billed}. Correct the modifiers or the method.`,
  check(s, i, ctx) {
    const cell = s.cell(i, ctx.mapping.method);
    if (cell === "" || cell === null || cell === undefined) return undefined;
    const says = ctx.memo("outreach method", cell, methodSays);
    if (says.mode === 0) return undefined;
    const mode = s.entryOf(i)?.mode;
    if (says.mode === 1 && mode === "in-person") return ctx.remember("ECM-OUTREACH-MODE:remote", says.method, remoteParams);
    if (says.mode === 2 && mode === "phone-telehealth") return ctx.remember("ECM-OUTREACH-MODE:in-person", says.method, inPersonParams);
    return undefined;
  },
});

function remoteParams(method: string, ctx: EngineContext): ModeParams {
  return { column: ctx.label("method"), method, says: "a telephonic or electronic attempt", implied: "U8+GQ", billed: "U8 (in person)" };
}

function inPersonParams(method: string, ctx: EngineContext): ModeParams {
  return { column: ctx.label("method"), method, says: "an in-person attempt", implied: "U8", billed: "U8+GQ (telephonic or electronic)" };
}

type EnrolledParams = EnrollmentParams & { dos: string };

export const outreachEnrolledRule = crossRowRule({
  id: "ECM-OUTREACH-ENROLLED",
  severity: "error",
  when: "outreach line dated on or after the member's enrollment date",
  field: "dos",
  applies: { kinds: ["outreach"] },
  message: (p: EnrolledParams) =>
    `Outreach on ${p.dos} is on or after the member's ECM enrollment date ${describeEnrollment(p)}: outreach is paid only before enrollment.`,
});

type EngagedParams = { dos: string; engagement: string; engagementRow: number };

export const outreachEngagedRule = crossRowRule({
  id: "ECM-OUTREACH-ENGAGED",
  severity: "error",
  when: "outreach line dated on or after the member's successful engagement (first G9012 engagement line), when ECM-OUTREACH-ENROLLED does not fire",
  field: "dos",
  applies: { kinds: ["outreach"] },
  message: (p: EngagedParams) =>
    `Outreach on ${p.dos} is on or after the member's successful engagement on ${p.engagement} (G9012 on row ${p.engagementRow}): outreach pays unsuccessful attempts to engage; the successful one is the G9012.`,
});

type WindowParams = {
  attempt: number;
  windowDays: number;
  from: string;
  dos: string;
  paid: number;
  paidRows: readonly number[];
  limit: number;
};

const SUFFIXES = ["th", "st", "nd", "rd"];
const ordinal = (n: number): string => {
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : (SUFFIXES[n % 10] ?? "th");
  return `${n}${s}`;
};

export const outreach30dRule = crossRowRule({
  id: "ECM-OUTREACH-30D",
  severity: "error",
  when: "member already has 5 paid outreach lines in the 30 days ending on this date (5 and 30 unless ECM_Limits or CLI flags say otherwise)",
  field: "dos",
  applies: { kinds: ["outreach"] },
  message: (p: WindowParams) =>
    `${ordinal(p.attempt)} outreach attempt within ${p.windowDays} days (${p.from} to ${p.dos}): the member already has ${p.paid} paid attempts in that window (rows ${p.paidRows.join(", ")}); at most ${p.limit} are paid in any rolling ${p.windowDays}-day period.`,
});

type MaxParams = { paid: number; paidRows: readonly number[]; limit: number };

export const outreachMaxRule = crossRowRule({
  id: "ECM-OUTREACH-MAX",
  severity: "error",
  when: "member already has 5 paid outreach lines in total, the most paid before engagement (unless ECM_Limits or a CLI flag says otherwise)",
  applies: { kinds: ["outreach"] },
  message: (p: MaxParams) =>
    `Outreach attempt after the member's ${p.paid} paid attempts (rows ${p.paidRows.join(", ")}): at most ${p.limit} outreach attempts are paid before successful engagement.`,
});

/** Row numbers of lines[from ..]. */
function rowsOf(s: ClaimStore, paid: Int32Array, from: number, to: number): number[] {
  const rows: number[] = [];
  for (let k = from; k < to; k++) rows.push(s.rowOf(paid[k] as number));
  return rows;
}

const OUTREACH = lines(["outreach"], true);

export const outreachLimitsPass: MemberPass = {
  rules: [outreachEnrolledRule, outreachEngagedRule, outreach30dRule, outreachMaxRule],
  run(member, s, ctx) {
    const { enrollment, engagement } = member;
    const paid = member.scratch; // store indices of the paid lines, in date order: paid[0 .. paidCount)
    let paidCount = 0;
    let windowStart = 0; // paid[windowStart .. paidCount) lie inside the current line's window
    for (let k = nextLine(member, s, member.start, OUTREACH); k < member.dated; k = nextLine(member, s, k + 1, OUTREACH)) {
      const i = member.order[k] as number;
      const dos = s.dayKey(i);
      if (enrollment !== undefined && dos >= enrollment.day) {
        const rows = enrollment.source === "members-list" ? undefined : [enrollment.row];
        s.add(i, outreachEnrolledRule, { ...enrollmentParams(enrollment, ctx), dos: ctx.dayText(dos) }, rows);
        continue;
      }
      if (engagement !== undefined && dos >= engagement.day) {
        const params = { dos: ctx.dayText(dos), engagement: ctx.dayText(engagement.day), engagementRow: engagement.row };
        s.add(i, outreachEngagedRule, params, [engagement.row]);
        continue;
      }
      // The limits of the line's plan (a member's attempts are counted across plans: "per eligible member").
      const { outreachPerWindow, windowDays, outreachMax } = s.planOf(i).limits;
      const from = dos - (windowDays - 1);
      while (windowStart < paidCount && s.dayKey(paid[windowStart] as number) < from) windowStart++;
      // A plan with a longer window than the previous line's looks further back.
      while (windowStart > 0 && s.dayKey(paid[windowStart - 1] as number) >= from) windowStart--;
      const inWindow = paidCount - windowStart;
      if (inWindow >= outreachPerWindow) {
        const paidRows = rowsOf(s, paid, windowStart, paidCount);
        const params = {
          attempt: inWindow + 1,
          windowDays,
          from: ctx.dayText(from),
          dos: ctx.dayText(dos),
          paid: inWindow,
          paidRows,
          limit: outreachPerWindow,
        };
        s.add(i, outreach30dRule, params, paidRows);
        continue;
      }
      if (paidCount >= outreachMax) {
        const paidRows = rowsOf(s, paid, 0, paidCount);
        s.add(i, outreachMaxRule, { paid: paidCount, paidRows, limit: outreachMax }, paidRows);
        continue;
      }
      paid[paidCount++] = i;
    }
  },
};

/** Every rule of the family; row rules list their findings in this order within a severity. */
export const RULES = [massRule, outreachModeRule, outreachEnrolledRule, outreachEngagedRule, outreach30dRule, outreachMaxRule] as const;
