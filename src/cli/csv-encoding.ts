/**
 * The character encoding of a CSV or text file, read and written back the same way.
 *
 * Excel's "CSV UTF-8" writes UTF-8 with a byte-order mark and "Unicode Text" UTF-16 LE with one;
 * its plain "CSV (Comma delimited)" / "Comma Separated Values (.csv)" writes the computer's code
 * page: Windows-1252 on a Windows PC in the US, Mac OS Roman on a Mac ("Creating a new document in
 * Excel and saving as Comma Separated Values (.csv) uses your locale's Windows or Mac codepage.
 * Win-1252 and MacRoman respectively in the United States": donatstudios.com/CSV-An-Encoding-Nightmare).
 * Bytes that are not UTF-8 are one of those two, and the same bytes mean different letters in each:
 * "é" is E9 in Windows-1252 and 8E in Mac OS Roman, where E9 is "È" and 8E in Windows-1252 is "Ž".
 *
 * An annotated copy is written in the input's encoding, so that the analyst's accented names and
 * notes read in Excel as they did in the file (a copy in UTF-8 without a byte-order mark, as the
 * CLI wrote it before, shows "José" as "JosÃ©" when Excel opens it).
 */

export type CsvEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1252" | "macintosh";

/** How the report names an encoding. */
export const ENCODING_NAMES: Readonly<Record<CsvEncoding, string>> = {
  "utf-8": "UTF-8",
  "utf-8-bom": "UTF-8 with a byte-order mark",
  "utf-16le": "UTF-16 LE",
  "utf-16be": "UTF-16 BE",
  "windows-1252": "Windows-1252",
  macintosh: "Mac OS Roman",
};

/**
 * A file's text and encoding: UTF-16 LE or BE by its byte-order mark; UTF-8 with or without one when
 * the bytes are valid UTF-8; else Windows-1252 or Mac OS Roman (singleByteEncoding).
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const utf8 = utf8Text(body);
  if (utf8 !== undefined) return { text: utf8, encoding: bom ? "utf-8-bom" : "utf-8" };
  return singleByteText(body);
}

/** How much of a file the code-page guess reads first: the whole file only when that much holds no evidence. */
const GUESS_BYTES = 1 << 20;

type CodePage = "windows-1252" | "macintosh";
const decodeCodePage = (bytes: Uint8Array, page: CodePage): string =>
  page === "windows-1252" ? decodeWindows1252(bytes) : new TextDecoder("macintosh").decode(bytes);

/**
 * Bytes that are not UTF-8, read in the code page their text fits better (singleByteEncoding):
 * guessed from the first MB when that decides it, else from the whole file; each decoding done once.
 */
function singleByteText(body: Uint8Array): { text: string; encoding: CodePage } {
  const guess = (bytes: Uint8Array) => {
    const windows = decodeWindows1252(bytes);
    const mac = decodeCodePage(bytes, "macintosh");
    const { encoding, evidence } = singleByteEncoding(windows, mac);
    return { encoding, evidence, text: encoding === "macintosh" ? mac : windows };
  };
  if (body.length <= GUESS_BYTES) return guess(body);
  const first = guess(body.subarray(0, GUESS_BYTES));
  if (!first.evidence) return guess(body);
  return { encoding: first.encoding, text: decodeCodePage(body, first.encoding) };
}

/**
 * What Windows-1252 has at 0x80–0x9F, where it differs from Latin-1 (the WHATWG Encoding Standard's
 * index-windows-1252; 0x81, 0x8D, 0x8F, 0x90 and 0x9D are the C1 controls of the same number).
 */
const WINDOWS_1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/**
 * Windows-1252 bytes → text, from the table above: Node's TextDecoder("windows-1252") decodes as
 * Latin-1 since Node 20.18.3 and 22.13.0 (nodejs/node#56542, #60888), so that Excel's curly
 * quotes, dashes and euro sign (0x92 ’, 0x96 –, 0x80 €) became C1 control characters.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString("latin1")
    .replace(/[\x80-\x9f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] as string);
}

/** The bytes' text when they are UTF-8, else undefined. */
function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (e) {
    // What Node's fatal TextDecoder throws on bytes that are not UTF-8 (a TypeError of Node's own realm).
    if ((e as { code?: unknown }).code === "ERR_ENCODING_INVALID_ENCODED_DATA") return undefined;
    throw e;
  }
}

/** Spanish's accented letters, the ones California claims carry most (names, outreach methods): they weigh most. */
const SPANISH = new Set("áéíóúñüÁÉÍÓÚÑÜ");

const isAsciiLower = (c: number): boolean => c >= 97 && c <= 122;
const isAsciiUpper = (c: number): boolean => c >= 65 && c <= 90;
/** A letter of Latin-1 (U+00C0–U+00FF without × and ÷): where the accented letters of Western languages are. */
const isLatinLetter = (c: number): boolean => c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7;

/**
 * Punctuation both code pages have, which Windows-1252 keeps at 0x80–0x9F (where Mac OS Roman has
 * its small accented letters) and Mac OS Roman at 0xC0–0xDF (where Windows-1252 has its capitals),
 * by where it sits: opening marks before a word, closing marks after one, the others between words.
 */
const OPENING = new Set("\u2018\u201c\u00bf\u00a1\u00ab"); // ‘ “ ¿ ¡ «
const CLOSING = new Set("\u2019\u201d\u00bb\u2026\u00ae\u2122"); // ’ ” » … ® ™
const BETWEEN = new Set("\u2013\u2014\u2022\u20ac"); // – — • €
/** What follows the apostrophe of an English contraction or possessive: don’t, member’s, we’ll, they’re. */
const APOSTROPHE_TAIL = /^(?:s|t|d|m|ll|re|ve)(?![A-Za-z])/i;

const isAsciiLetter = (c: number): boolean => isAsciiLower(c) || isAsciiUpper(c);
const isPunctuation = (ch: string): boolean => OPENING.has(ch) || CLOSING.has(ch) || BETWEEN.has(ch);
const isWordChar = (c: number): boolean => isAsciiLetter(c) || (c >= 0x80 && !isPunctuation(String.fromCharCode(c)));

/**
 * How plausibly a text's non-ASCII characters sit where they are, read in one code page:
 * - punctuation counts +2 where it belongs: an opening mark not after a letter ("“no", "¿Sí"), a
 *   closing one not before a letter ("answer”", "call…"; an apostrophe between letters +3 when an
 *   English contraction or possessive follows: "don’t"), a dash or bullet between words (+1 between
 *   two letters, "Jan–Mar"; 0 against one, "wait—"); elsewhere -2;
 * - any other character in a word that has ASCII letters counts, when it is an accented letter in
 *   the case the word calls for, +2 for Spanish's accented letters and +1 for the others; else -2
 *   (a symbol in a word, "Jos‚"; a capital after a small letter, "TelÈfono", or before a capital in
 *   a word with small letters, "ÁHola"; a small letter before a capital, "ìHello", or in a word of
 *   two or more ASCII capitals and no small letter, "ZOè").
 */
function plausibility(text: string): number {
  let score = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    const ch = text[i] as string;
    const prev = text.charCodeAt(i - 1); // NaN at the ends: no letter
    const next = text.charCodeAt(i + 1);
    const afterLetter = isAsciiLetter(prev);
    const beforeLetter = isAsciiLetter(next);
    if (isPunctuation(ch)) {
      if (ch === "\u2019" && afterLetter && beforeLetter) score += APOSTROPHE_TAIL.test(text.slice(i + 1, i + 4)) ? 3 : -2;
      else if (OPENING.has(ch)) score += afterLetter ? -2 : 2;
      else if (CLOSING.has(ch)) score += beforeLetter ? -2 : 2;
      else score += afterLetter && beforeLetter ? 1 : afterLetter || beforeLetter ? 0 : 2; // "Jan–Mar", "wait—", " – "
      continue;
    }
    let start = i;
    while (start > 0 && isWordChar(text.charCodeAt(start - 1))) start--;
    let end = i + 1;
    while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
    let upper = 0;
    let lower = 0;
    for (let k = start; k < end; k++) {
      const w = text.charCodeAt(k);
      if (isAsciiUpper(w)) upper++;
      else if (isAsciiLower(w)) lower++;
    }
    if (upper + lower === 0) continue; // not in a word of ASCII letters
    const caseFits =
      ch !== ch.toUpperCase()
        ? !isAsciiUpper(next) && !(lower === 0 && upper >= 2)
        : !isAsciiLower(prev) && !(lower > 0 && isAsciiUpper(next));
    score += !isLatinLetter(c) || !caseFits ? -2 : SPANISH.has(ch) ? 2 : 1;
  }
  return score;
}

/**
 * Which single-byte encoding a file that is not UTF-8 is in, from its text decoded both ways: Mac OS
 * Roman when its accented letters and punctuation sit more plausibly so (plausibility), else
 * Windows-1252, what the CLI assumed before and the more common on analysts' PCs; `evidence`: the
 * two readings differ in plausibility (a text whose non-ASCII characters tell nothing has none).
 */
function singleByteEncoding(windows: string, mac: string): { encoding: CodePage; evidence: boolean } {
  const w = plausibility(windows);
  const m = plausibility(mac);
  return { encoding: m > w ? "macintosh" : "windows-1252", evidence: m !== w };
}

/** The report's note on a file read as Mac OS Roman (file: as the report names it); Windows-1252, the usual guess, gets none. */
export function macRomanNote(file: string): string {
  return `${file} is not UTF-8, and its accented letters read as Mac OS Roman, the encoding Excel for Mac saves "Comma Separated Values (.csv)" in: it is read so, and a CSV copy is written so. If letters look wrong, save the file as "CSV UTF-8" and validate again.`;
}

/** The report's notes on how a file's encoding was read (file: as the report names it). */
export const encodingNotes = (encoding: CsvEncoding | undefined, file: string): string[] =>
  encoding === "macintosh" ? [macRomanNote(file)] : [];

/** Each character of a single-byte code page → its byte (from the decoder's own table). */
const BYTE_OF: Readonly<Record<CodePage, ReadonlyMap<string, number>>> = (() => {
  const bytes = Uint8Array.from({ length: 256 }, (_, b) => b);
  const table = (page: CodePage) => new Map(Array.from(decodeCodePage(bytes, page), (ch, b) => [ch, b]));
  return { "windows-1252": table("windows-1252"), macintosh: table("macintosh") };
})();

/**
 * Text → bytes in an encoding (with the byte-order mark the encoding names). A character the
 * single-byte encoding has no byte for gives undefined: the caller writes UTF-8 with a byte-order
 * mark instead, which Excel reads on every platform.
 */
export function encodeText(text: string, encoding: CsvEncoding): Uint8Array | undefined {
  switch (encoding) {
    case "utf-8":
      return Buffer.from(text, "utf8");
    case "utf-8-bom":
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    case "utf-16le":
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    case "utf-16be":
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]);
    default: {
      const table = BYTE_OF[encoding];
      const out = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) {
        const b = text.charCodeAt(i) < 0x80 ? text.charCodeAt(i) : table.get(text[i] as string);
        if (b === undefined) return undefined;
        out[i] = b;
      }
      return out;
    }
  }
}
