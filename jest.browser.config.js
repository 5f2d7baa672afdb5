/** Browser tests (headless Chromium): `npm run test:browser`. */
const base = require("./jest.config.js");
module.exports = { ...base, roots: ["<rootDir>/tests/browser"], testMatch: ["**/*.browser.test.ts"], testPathIgnorePatterns: [] };
