import { dropInlinePhonetics, joinInlineRuns } from "./inline-strings";

const cell = (body: string) => `<c r="A1" t="inlineStr"><is>${body}</is></c>`;

describe("joinInlineRuns", () => {
  it("joins the runs of an inline string into one text, as Excel shows the cell", () => {
    expect(joinInlineRuns(cell("<r><rPr><b/></rPr><t>9000</t></r><r><t>0001A</t></r>"))).toBe(
      cell('<t xml:space="preserve">90000001A</t>'),
    );
    expect(joinInlineRuns(cell('<r><t>Phone</t></r><r><t xml:space="preserve"> call</t></r><r><t/></r>'))).toBe(
      cell('<t xml:space="preserve">Phone call</t>'),
    );
  });

  it("leaves a phonetic run out (its reading replaced the cell's text)", () => {
    expect(joinInlineRuns(cell('<r><t>Phone</t></r><rPh sb="0" eb="5"><t>fon</t></rPh><r><t> call</t></r>'))).toBe(
      cell('<t xml:space="preserve">Phone call</t>'),
    );
    expect(joinInlineRuns(cell('<t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh>'))).toBe(cell('<t xml:space="preserve">東京</t>'));
  });

  it("leaves plain inline strings, and XML without any, as they are", () => {
    const plain = `<row r="1">${cell("<t>Member ID</t>")}${cell('<t xml:space="preserve"> a </t>')}</row>`;
    expect(joinInlineRuns(plain)).toBe(plain);
    const none = '<row r="1"><c r="A1"><v>1</v></c></row>';
    expect(joinInlineRuns(none)).toBe(none);
  });

  it("rewrites every inline string of a piece and nothing else", () => {
    const xml = `<row r="2">${cell("<r><t>a</t></r><r><t>b</t></r>")}<c r="B2"><v>5</v></c>${cell("<r><t>c</t></r><r><t>d</t></r>")}</row>`;
    expect(joinInlineRuns(xml)).toBe(
      `<row r="2">${cell('<t xml:space="preserve">ab</t>')}<c r="B2"><v>5</v></c>${cell('<t xml:space="preserve">cd</t>')}</row>`,
    );
  });

  it("answers at once on hostile input of 100,000 characters (unclosed elements): a scan that went back would not", () => {
    // Each input would take minutes to a scan that looked for every close from every open.
    const opens = "<is>".repeat(25_000);
    expect(joinInlineRuns(opens)).toBe(opens);
    const phonetics = `<is>${"<rPh".repeat(25_000)}</is>`;
    expect(joinInlineRuns(phonetics)).toBe('<is><t xml:space="preserve"></t></is>');
    expect(dropInlinePhonetics(phonetics, () => undefined)).toBe(phonetics);
    expect(joinInlineRuns(`<is><r>${"<t>".repeat(30_000)}</is>`)).toBe('<is><t xml:space="preserve"></t></is>');
  });
});

describe("dropInlinePhonetics", () => {
  it("removes the phonetic runs of inline strings, keeps the other runs with their formats, and says so", () => {
    let dropped = 0;
    const body = '<r><t>Phone</t></r><r><rPr><i/></rPr><t xml:space="preserve"> call</t></r><rPh sb="0" eb="5"><t>fon</t></rPh>';
    expect(dropInlinePhonetics(cell(body), () => dropped++)).toBe(
      cell('<r><t>Phone</t></r><r><rPr><i/></rPr><t xml:space="preserve"> call</t></r>'),
    );
    expect(dropped).toBe(1);
    const without = cell("<r><t>a</t></r><r><t>b</t></r>");
    expect(dropInlinePhonetics(without, () => dropped++)).toBe(without);
    expect(dropped).toBe(1);
  });
});
