import { readFileSync } from "node:fs";
import { renderTokens } from "../src/dev/fluent-tokens";
import { USED_TOKENS } from "../src/taskpane/theme-tokens";
import { prefersDark } from "../src/taskpane/theme";

describe("Fluent tokens", () => {
  it("are the values of the installed @fluentui/react-theme (run `npm run tokens` after upgrading it)", () => {
    expect(readFileSync("src/taskpane/fluent-tokens.generated.ts", "utf8")).toBe(renderTokens());
  });
  it("cover every var(--token) the task pane's CSS uses", () => {
    const html = readFileSync("src/taskpane/taskpane.html", "utf8");
    const used = new Set([...html.matchAll(/var\(--([a-zA-Z0-9]+)/g)].map((m) => m[1]));
    expect([...used].filter((t) => !(USED_TOKENS as readonly string[]).includes(t as string))).toEqual([]);
  });
  it("follow the Office theme: dark backgrounds get the dark tokens", () => {
    expect(prefersDark("#262626")).toBe(true);
    expect(prefersDark("#FFFFFF")).toBe(false);
  });
});
