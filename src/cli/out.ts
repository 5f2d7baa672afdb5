/**
 * Where the annotated copy goes, checked before the input is read, and written so that no file
 * is ever lost: never the input (compared as files — symlinks resolved, same device and inode,
 * hard links included — not as path strings), never an existing file unless --force, and written
 * to a temporary file in the target folder that is renamed into place only when complete.
 */
import { constants } from "node:fs";
import { access, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";
import { InputError } from "./input-file";

/** fs.stat, or undefined when nothing is there; any other failure is the user's to know. */
async function statIfThere(path: string): Promise<Awaited<ReturnType<typeof stat>> | undefined> {
  try {
    return await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw new InputError(`--out: cannot check ${path}: ${code ?? (error as Error).message}`);
  }
}

export const OUT_EXTENSIONS = [".xlsx", ".csv"] as const;

/** Checks --out against the input; throws InputError (exit 2) with one line naming the problem. */
export async function checkOut(out: string, input: string, force: boolean): Promise<void> {
  const ext = extname(out).toLowerCase();
  if (!(OUT_EXTENSIONS as readonly string[]).includes(ext))
    throw new InputError(`--out must end in .xlsx or .csv, not "${ext || "(none)"}": ${out}`);
  const folder = dirname(out);
  const folderStat = await statIfThere(folder);
  if (folderStat === undefined) throw new InputError(`--out: the folder ${folder} does not exist`);
  if (!folderStat.isDirectory()) throw new InputError(`--out: ${folder} is not a folder`);
  try {
    await access(folder, constants.W_OK);
  } catch {
    throw new InputError(`--out: the folder ${folder} is not writable`);
  }
  const target = await statIfThere(out);
  if (target === undefined) return;
  if (target.isDirectory()) throw new InputError(`--out: ${out} is a folder; give a file name ending in .xlsx or .csv`);
  const source = await statIfThere(input);
  // stat follows symlinks: the same device and inode is the same file, by any path or hard link.
  const same = source !== undefined && source.dev === target.dev && source.ino === target.ino;
  if (same) throw new InputError(`--out ${out} is the input file ${input}: the original is never overwritten; write the copy elsewhere`);
  if (!force) throw new InputError(`--out ${out} already exists: choose another name, or add --force to replace it`);
  if (!target.isFile()) throw new InputError(`--out ${out} is not a regular file`);
}

/**
 * Runs `write` on a temporary file beside `out`, then renames it to `out` (atomic on one file
 * system): an interrupted or failed write leaves `out` as it was. The temporary file keeps the
 * extension, since the writers pick the format by it.
 */
export async function writeReplacing(out: string, write: (path: string) => Promise<void>): Promise<void> {
  const ext = extname(out);
  const temp = join(dirname(out), `.${basename(out, ext)}.${process.pid}.${Date.now().toString(36)}.tmp${ext}`);
  try {
    await write(temp);
    await rename(temp, out);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
