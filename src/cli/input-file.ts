/**
 * What an input file is, before it is read: delimited text or a workbook (by its extension, and a
 * workbook by its first bytes too), a regular file, and the one-line reasons a file cannot be read,
 * in the user's terms (exit 2).
 */
import { open, stat } from "node:fs/promises";
import { extname } from "node:path";
import { DamagedPart } from "./xlsx-patch";

/**
 * A problem with the input the user can fix: reported on stderr, exit code 2. `details` are the
 * problems one by one (a rate book's or members list's bad rows), printed a line each below the message.
 */
export class InputError extends Error {
  constructor(message: string, options?: ErrorOptions & { details?: readonly string[] }) {
    super(message, options);
    this.details = options?.details ?? [];
  }
  readonly details: readonly string[];
}

/**
 * Delimited text, read by csv.ts: .csv, and the .txt Excel's Save As writes as "Text (Tab
 * delimited)" (Windows-1252) and "Unicode Text" (UTF-16 LE with a byte-order mark, tabs), and .tsv.
 * The delimiter is found from the header line, whatever the extension.
 */
const DELIMITED = [".csv", ".txt", ".tsv"];

/** An input file that can be read: delimited text (csv.ts) or an .xlsx/.xlsm zip package, and its size in bytes. */
export interface InputFile {
  /** Its extension, lower case (".csv", ".xlsx", …). */
  ext: string;
  delimited: boolean;
  size: number;
}

/** Checks that `file` is a regular file of a kind the CLI reads; throws InputError saying what to do when it is not. */
export async function inputFile(file: string): Promise<InputFile> {
  const ext = extname(file).toLowerCase();
  if (ext === ".xls" || ext === ".xlsb" || ext === ".ods") {
    throw new InputError(`${file}: ${ext} files are not read; open it in Excel (or LibreOffice) and save it as .xlsx, or export a .csv`);
  }
  const delimited = DELIMITED.includes(ext);
  if (!delimited && ext !== ".xlsx" && ext !== ".xlsm") {
    throw new InputError(`${file}: unsupported file type "${ext || "(none)"}"; give a .csv, .txt (tab-delimited) or .xlsx file`);
  }
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new InputError(`${file} is a folder; give a .csv or .xlsx file`);
    if (!info.isFile()) throw new InputError(`${file} is not a regular file (a pipe or device); save the claims to a .csv or .xlsx file`);
    size = info.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (delimited) return { ext, delimited, size };
  const magic = await readMagic(file);
  if (magic === "cfb") {
    throw new InputError(
      `${file} is password-protected (encrypted) or an old .xls saved as .xlsx: remove the password in Excel (File > Info > Protect Workbook), save as .xlsx, then validate`,
    );
  }
  if (magic !== "zip") throw new InputError(`${file} is not an .xlsx workbook (it is not a zip package); save it from Excel as .xlsx`);
  return { ext, delimited, size };
}

/** What the file's first bytes say it is: a zip package (.xlsx), an OLE compound file (encrypted or .xls), or other. */
async function readMagic(file: string): Promise<"zip" | "cfb" | "other"> {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(8);
    await handle.read(head, 0, 8, 0);
    if (head[0] === 0x50 && head[1] === 0x4b) return "zip";
    if (head.readUInt32BE(0) === 0xd0cf11e0 && head.readUInt32BE(4) === 0xa1b11ae1) return "cfb";
    return "other";
  } finally {
    await handle.close();
  }
}

/**
 * The one line for a zip package that cannot be read, in the user's terms, with the library's own
 * words in brackets for whoever looks further: a file cut short (unzipper's FILE_ENDED: a copy or
 * download that did not finish), a compressed part that does not inflate (zlib's Z_DATA_ERROR:
 * damaged bytes), zip entries flagged as encrypted (unzipper's MISSING_PASSWORD; Excel never sets
 * that flag, its password-protected workbooks are OLE files, see readMagic); else the message as is.
 */
export function unreadable(file: string, error: Error): string {
  const part = error instanceof DamagedPart ? error.part : undefined;
  const e = part === undefined ? error : (error.cause as Error);
  const { code } = e as NodeJS.ErrnoException;
  if (e.message === "FILE_ENDED")
    return `${file} is cut short: the file ends before the workbook does (a copy or download that did not finish); copy or download it again (unzipper: FILE_ENDED)`;
  if (code === "Z_DATA_ERROR" || code === "Z_BUF_ERROR")
    return `${file} is damaged: a compressed part of it cannot be read; open it in Excel, which may offer to repair it, and save it as .xlsx (zlib: ${e.message})`;
  if (e.message === "MISSING_PASSWORD")
    return `${file} is damaged or was packed by a zip tool: its zip entries are marked encrypted, which Excel never does; open the original in Excel and save it as .xlsx (unzipper: MISSING_PASSWORD)`;
  if (part !== undefined)
    return `${file} is damaged: its part ${part} cannot be read; open it in Excel, which may offer to repair it, and save it as .xlsx (${e.message})`;
  return `${file} is not a readable .xlsx workbook: ${e.message}`;
}
