/**
 * A workbook package's parts, read through the zip's central directory with unzipper (the zip
 * library ExcelJS itself uses, a direct dependency at the same version): by name, in any order.
 */
import { partName } from "./part-names";

/** The parts of unzipper's central-directory reader used here (unzipper 0.10, ExcelJS's own zip library). */
export interface ZipPart {
  path: string;
  type: string;
  stream(): NodeJS.ReadableStream & AsyncIterable<Buffer>;
  buffer(): Promise<Buffer>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- unzipper ships no types; ExcelJS depends on the same version
export const unzipper = require("unzipper") as {
  Open: { file(path: string): Promise<{ files: ZipPart[] }>; buffer(data: Buffer): Promise<{ files: ZipPart[] }> };
};

/** A package's parts, read from its central directory: their names (xl/…), and a part's text by name. */
export interface PackageParts {
  /** The part names (part-names.ts: "/" for "\\", the case Excel writes for the parts ExcelJS looks up). */
  names: readonly string[];
  /** The zip entries' names as stored, in the same order. */
  entries: readonly string[];
  /** The part's text; undefined when the package has no such part. */
  text(name: string): Promise<string | undefined>;
}

/** Reads the package's central directory; a part's bytes are inflated when its text is asked for. */
export async function readParts(bytes: Buffer): Promise<PackageParts> {
  const files = (await unzipper.Open.buffer(bytes)).files.filter((f) => f.type === "File");
  const names = files.map((f) => partName(f.path));
  return {
    names,
    entries: files.map((f) => f.path),
    text: async (name) => {
      const found = files[names.indexOf(name)];
      return found === undefined ? undefined : (await found.buffer()).toString("utf8");
    },
  };
}

/** A part's text, read whole from a stream of strings or bytes (a character split between chunks is kept whole). */
export async function textOf(stream: AsyncIterable<unknown>): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of stream) text += typeof chunk === "string" ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
  return text + decoder.decode();
}
