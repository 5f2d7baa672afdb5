/** npm run rules-doc: regenerates the rule and rate tables in README.md and help.html from the engine's data. */
import { readFileSync, writeFileSync } from "node:fs";
import { renderHelp, renderReadme } from "./readme-tables";

for (const [file, render] of [
  ["README.md", renderReadme],
  ["src/help/help.html", renderHelp],
] as const) {
  const before = readFileSync(file, "utf8");
  const after = render(before);
  writeFileSync(file, after);
  process.stdout.write(before === after ? `${file}: tables already up to date\n` : `${file}: tables regenerated\n`);
}
