import { Readable } from "node:stream";
import { SaxesParser } from "saxes";
import { END, endEveryParsedPart, UNFINISHED, untilEnd } from "./xml-end";

// The PassThrough ExcelJS's full-model loader puts each part in (exceljs/lib/xlsx/xlsx.js), from readable-stream 3.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a dependency of ExcelJS, without typings
const { PassThrough: ReadableStreamPassThrough } = require("readable-stream") as { PassThrough: new (o: object) => NodeJS.ReadWriteStream };
// ExcelJS's own parse loop, as its readers call it.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an ExcelJS internal, absent from its typings
const parseSax = require("exceljs/lib/utils/parse-sax") as (chunks: AsyncIterable<unknown>) => AsyncGenerator<{ eventType: string }[]>;

endEveryParsedPart();

/** The names of the elements ExcelJS's parse loop opens in these chunks, or the error it throws. */
async function opened(chunks: AsyncIterable<unknown>): Promise<string[] | Error> {
  const names: string[] = [];
  try {
    for await (const events of parseSax(chunks))
      for (const e of events as { eventType: string; value: { name: string } }[]) if (e.eventType === "opentag") names.push(e.value.name);
  } catch (e) {
    return e as Error;
  }
  return names;
}

const WHOLE = '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>TAR &amp; 1</t></is></c></row><row r="2"/></sheetData>';

describe("the end of a part (xml-end.ts)", () => {
  it("reads a whole part as before, with what may follow its root (white space, a comment)", async () => {
    expect(await opened(untilEnd(Readable.from([WHOLE.slice(0, 40), WHOLE.slice(40), "\r\n<!-- end -->\n"])))).toEqual([
      "sheetData",
      "row",
      "c",
      "is",
      "t",
      "row",
    ]);
  });

  it("reports a part cut short, which ExcelJS read as the rows before the cut", async () => {
    const cut = WHOLE.slice(0, WHOLE.indexOf('<row r="2"') + 4);
    expect(await opened(Readable.from([cut]))).toEqual(["sheetData", "row", "c", "is", "t"]); // what ExcelJS alone reads
    const error = await opened(untilEnd(Readable.from([cut])));
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(`1:${cut.length}: ${UNFINISHED}`);
  });

  it("reports an & that starts no reference, after which the parser read the rest of the part as one name", async () => {
    const raw = WHOLE.replace("&amp;", "&");
    expect(await opened(Readable.from([raw]))).toEqual(["sheetData", "row", "c", "is", "t"]); // the second row lost
    expect(((await opened(untilEnd(Readable.from([raw])))) as Error).message).toContain("holds an & that starts no character reference");
  });

  it("reports an empty part, which has no element", async () => {
    expect(((await opened(untilEnd(Readable.from([""])))) as Error).message).toContain(UNFINISHED);
  });

  it("gives END after the last chunk of a Node stream and of readable-stream's (ExcelJS's full model), and only there", async () => {
    const node: unknown[] = [];
    for await (const c of untilEnd(Readable.from(["<a>", "</a>"]))) node.push(c);
    expect(node).toEqual(["<a>", "</a>", END]);
    const old = new ReadableStreamPassThrough({ objectMode: true });
    old.end("<b/>");
    const fromOld: unknown[] = [];
    for await (const c of untilEnd(old as unknown as NodeJS.ReadableStream)) fromOld.push(c);
    expect(fromOld).toEqual(["<b/>", END]);
  });

  it("applies its patches once, however often it is asked (each reader module asks)", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- an ExcelJS internal, absent from its typings
    const xform = require("exceljs/lib/xlsx/xform/base-xform") as { prototype: { parseStream: unknown } };
    const before = [SaxesParser.prototype.write, xform.prototype.parseStream];
    endEveryParsedPart();
    expect([SaxesParser.prototype.write, xform.prototype.parseStream]).toEqual(before);
  });
});
