/**
 * The end of each XML part ExcelJS parses, checked. ExcelJS 4.4 parses a part with saxes
 * (`lib/utils/parse-sax.js`) but never calls the parser's `close()`, which is where saxes reports a
 * document that ends with elements still open. So a part cut short read as its first rows, and
 * an `&` that starts no character reference (`TAR & 1`, typed by a tool that does not escape it;
 * saxes reads everything after it up to the next `;` as the reference's name) read as the rows
 * before it: the rest of the sheet was lost without a word, and a claims file of 20 lines
 * validated as 2 lines, or as none, with exit 0. (The full-model loader then failed on the same
 * part with a TypeError from inside ExcelJS.) Excel, openpyxl and every XML parser refuse such a
 * part: XML 1.0 §2.1 (a document has one element, ended) and §4.1 (an `&` starts a reference,
 * which ends with `;`).
 *
 * Every stream a part is parsed from is given one more chunk, END, after its last; the parser,
 * given END, reports the part as damaged when its root element was not closed. The reading layer
 * then names the part (DamagedPart, input-file.ts) as for any other XML error.
 */
import { PassThrough } from "node:stream";
import { SaxesParser } from "saxes";

/** The chunk that ends a part: NUL, which no XML text may hold (XML 1.0 §2.2), so no part's text is ever this. */
export const END = "\u0000end of part\u0000";

/** What saxes keeps of a parse that this check reads (runtime fields, private in its typings). */
interface ParserState {
  closedRoot: boolean;
  write(chunk: string | object | null): unknown;
  fail(message: string): unknown;
}

export const UNFINISHED =
  "its XML ends with elements still open: the part was cut short, or holds an & that starts no character reference (XML writes & as &amp;)";

/** Gives saxes' parser END's meaning, once for the process (every reader of ExcelJS shares the one saxes). */
export function checkEndOfParts(): void {
  const prototype = SaxesParser.prototype as unknown as ParserState & { write: { endChecked?: boolean } };
  const write = prototype.write;
  if (write.endChecked === true) return;
  const checked = function (this: ParserState, chunk: string | object | null): unknown {
    if (chunk !== END) return write.call(this, chunk);
    if (!this.closedRoot) this.fail(UNFINISHED);
    return this;
  };
  prototype.write = Object.assign(checked, { endChecked: true });
}

/** The chunks of a part's stream (a Node stream, or one of readable-stream's, as ExcelJS makes them), then END. */
export async function* untilEnd(stream: AsyncIterable<unknown> | NodeJS.ReadableStream): AsyncGenerator<unknown> {
  // readable-stream's streams are iterable from its version 3; piped through Node's otherwise, as parse-sax does.
  const iterable = (stream as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] !== undefined;
  const chunks = iterable ? (stream as AsyncIterable<unknown>) : (stream as NodeJS.ReadableStream).pipe(new PassThrough());
  for await (const chunk of chunks) yield chunk;
  yield END;
}

interface BaseXform {
  prototype: { parseStream(stream: NodeJS.ReadableStream): Promise<unknown> };
}

/**
 * ExcelJS's one entry for parsing a part from a stream (BaseXform.parseStream: the workbook, its
 * relationships, styles, and in the full model every worksheet, shared strings, comments, Tables
 * and drawings), given END after each part. The streaming reader's worksheets and shared strings
 * are parsed elsewhere; xlsx-patch.ts gives them END.
 */
export function endEveryParsedPart(): void {
  checkEndOfParts();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an ExcelJS internal, absent from its typings
  const xform = require("exceljs/lib/xlsx/xform/base-xform") as BaseXform;
  const parseStream = xform.prototype.parseStream as BaseXform["prototype"]["parseStream"] & { ended?: boolean };
  if (parseStream.ended === true) return;
  const ended = function (this: object, stream: NodeJS.ReadableStream): Promise<unknown> {
    return parseStream.call(this, untilEnd(stream) as unknown as NodeJS.ReadableStream);
  };
  xform.prototype.parseStream = Object.assign(ended, { ended: true });
}
