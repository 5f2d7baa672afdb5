/**
 * src/taskpane/webview-check.js: in the webviews that cannot run the ES2020 bundles (Trident, the
 * Internet Explorer 11 webview, and EdgeHTML, Microsoft Edge Legacy), the pane says so instead of
 * staying blank; elsewhere it does nothing. The script is run as the page runs it, against a small
 * stand-in of the DOM calls it makes, and parsed as ES5, the most Internet Explorer 11 reads.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { parse } from "acorn";

const SOURCE = readFileSync(join(__dirname, "../src/taskpane/webview-check.js"), "utf8");

/** User agents as the webviews send them (learn.microsoft.com/office/dev/add-ins/develop/support-ie-11 checks "Trident" and "Edge/"). */
const AGENTS = {
  trident: "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; ms-office; MSOffice 16) like Gecko",
  edgeHtml:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045",
  webView2: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
  safari: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko)",
};

interface FakeElement {
  tag: string;
  innerHTML: string;
  className: string;
  attributes: Record<string, string>;
  children: (FakeElement | string)[];
  setAttribute(name: string, value: string): void;
  appendChild(child: FakeElement | string): void;
}

function element(tag: string): FakeElement {
  return {
    tag,
    innerHTML: "<section>the pane</section>",
    className: "",
    attributes: {},
    children: [],
    setAttribute(name, value) {
      this.attributes[name] = value;
    },
    appendChild(child) {
      this.children.push(child);
    },
  };
}

function runIn(userAgent: string): FakeElement {
  const main = element("main");
  const document = {
    getElementsByTagName: (tag: string) => (tag === "main" ? [main] : []),
    createElement: element,
    createTextNode: (text: string) => text,
  };
  runInNewContext(SOURCE, { navigator: { userAgent }, document });
  return main;
}

describe("the webview check (task pane)", () => {
  it.each([
    ["Trident (Internet Explorer 11)", AGENTS.trident],
    ["EdgeHTML (Microsoft Edge Legacy)", AGENTS.edgeHtml],
  ])("in %s replaces the pane with a message saying what to do", (_name, agent) => {
    const main = runIn(agent);
    expect(main.innerHTML).toBe("");
    expect(main.children).toHaveLength(1);
    const message = main.children[0] as FakeElement;
    expect(message).toMatchObject({ tag: "p", className: "message error", attributes: { role: "alert" } });
    expect(message.children.join("")).toMatch(
      /needs a current Office with the Microsoft Edge WebView2 Runtime\. .* Use Excel on the web, or ask your IT team/,
    );
  });

  it.each([
    ["WebView2 (Chromium Edge)", AGENTS.webView2],
    ["Safari (Excel on Mac)", AGENTS.safari],
  ])("in %s leaves the pane alone", (_name, agent) => {
    const main = runIn(agent);
    expect(main.innerHTML).toBe("<section>the pane</section>");
    expect(main.children).toEqual([]);
  });

  it("is ES5, which Internet Explorer 11 can parse", () => {
    expect(() => parse(SOURCE, { ecmaVersion: 5 })).not.toThrow();
    expect(() => parse("var f = () => 1;", { ecmaVersion: 5 })).toThrow(); // the parse does refuse later syntax
  });
});
