/**
 * A workbook package's parts, read through the zip's central directory with unzipper (the zip
 * library ExcelJS itself uses, a direct dependency at the same version): by name, in any order.
 */
import { open } from "node:fs/promises";
import { partName } from "./part-names";

/** The parts of unzipper's central-directory reader used here (unzipper 0.10, ExcelJS's own zip library). */
export interface ZipPart {
  path: string;
  type: string;
  stream(): NodeJS.ReadableStream & AsyncIterable<Buffer>;
  buffer(): Promise<Buffer>;
}
/** unzipper's option: how many bytes at the end of the zip to look for the end of its central directory in. */
interface TailSize {
  tailSize: number;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- unzipper ships no types; ExcelJS depends on the same version
const unzipper = require("unzipper") as {
  Open: {
    file(path: string, options: TailSize): Promise<{ files: ZipPart[] }>;
    buffer(data: Buffer, options: TailSize): Promise<{ files: ZipPart[] }>;
  };
};

/** The end-of-central-directory record's signature (APPNOTE.TXT 4.3.16), and the most the record and its comment take. */
const END_OF_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const END_OF_DIRECTORY_MAX = 22 + 0xffff;

/**
 * How many bytes from the end of a zip unzipper must read to find the end of its central directory,
 * given the zip's last END_OF_DIRECTORY_MAX bytes: 22 for a zip without a comment (nearly every
 * workbook); more for a comment (up to 65,535 bytes) or bytes after the record (a file written over
 * a longer one: tealeg/xlsx's testdocs/panic_test.xlsx, which openpyxl reads). unzipper 0.10 reads
 * the last 80 bytes only, so such a workbook read as "cut short". The record is the last signature
 * in those bytes, as Python's zipfile and JSZip (ExcelJS's full-model loader) look for it; 80 when
 * there is none, for unzipper to say the file ends too soon.
 */
export function centralDirectoryTail(tail: Buffer): number {
  if (tail.length >= 22 && tail.subarray(tail.length - 22, tail.length - 18).equals(END_OF_DIRECTORY)) return 22;
  const at = tail.lastIndexOf(END_OF_DIRECTORY);
  return at < 0 ? 80 : tail.length - at;
}

/** The zip file's entries, read through its central directory (see centralDirectoryTail). */
export async function openZipFile(path: string): Promise<ZipPart[]> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, END_OF_DIRECTORY_MAX);
    const tail = Buffer.alloc(length);
    await handle.read(tail, 0, length, size - length);
    return (await unzipper.Open.file(path, { tailSize: centralDirectoryTail(tail) })).files.filter((f) => f.type === "File");
  } finally {
    await handle.close();
  }
}

/** The zip's entries, from its bytes. */
export async function openZipBuffer(bytes: Buffer): Promise<ZipPart[]> {
  const tail = bytes.subarray(Math.max(0, bytes.length - END_OF_DIRECTORY_MAX));
  return (await unzipper.Open.buffer(bytes, { tailSize: centralDirectoryTail(tail) })).files.filter((f) => f.type === "File");
}

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
  const files = await openZipBuffer(bytes);
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
