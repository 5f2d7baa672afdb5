#!/usr/bin/env node
/*
 * ecm-claims: the command-line validator, run as compiled JavaScript (build/cli), without tsx.
 * The JavaScript is built by `npm run build:cli` (and `npm run build`); when it is missing or
 * older than its TypeScript sources, this launcher compiles it first with the project's
 * TypeScript (a few seconds, once). `.npmrc` disables install scripts, so nothing builds it at
 * `npm ci` time.
 *
 * `ecm-claims FILE …` validates a file (see README); `ecm-claims --demo` runs the sample demo.
 */
"use strict";
const { execFileSync } = require("node:child_process");
const { existsSync, readdirSync, statSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "..");
const out = join(root, "build", "cli");
const demo = process.argv[2] === "--demo";
const entry = join(out, "cli", demo ? "demo.js" : "main.js");

/** Newest modification time of the TypeScript files the CLI is compiled from. */
function newestSource() {
  let newest = statSync(join(root, "tsconfig.cli.json")).mtimeMs;
  const walk = (dir) => {
    for (const name of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, name.name);
      if (name.isDirectory()) walk(path);
      else if (name.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of ["cli", "engine", "shared"]) walk(join(root, "src", dir));
  return newest;
}

/**
 * When build/cli was last built: the later of the stamp this launcher writes after compiling and
 * the build info TypeScript writes (npm run build:cli). Not the entry's own time: an incremental
 * compile rewrites only the files whose sources changed, so main.js stays older than an edited
 * read.ts, and every run compiled again (3 s each).
 */
const stamp = join(out, ".built-by-launcher");
const builtAt = () => Math.max(...[stamp, join(out, ".tsbuildinfo")].map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)));

const sources = existsSync(join(root, "src", "cli"));
if (!existsSync(entry) || (sources && builtAt() < newestSource())) {
  const tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
  execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.cli.json")], { stdio: ["ignore", "ignore", "inherit"] });
  writeFileSync(stamp, "");
}
if (demo) process.argv.splice(2, 1);
require(entry);
