/** npm run rules-doc: regenerates the rule and rate tables in README.md from the engine's data. */
import { readFileSync, writeFileSync } from "node:fs";
import { renderReadme } from "./readme-tables";

const before = readFileSync("README.md", "utf8");
const after = renderReadme(before);
writeFileSync("README.md", after);
process.stdout.write(before === after ? "README.md tables already up to date\n" : "README.md tables regenerated\n");
