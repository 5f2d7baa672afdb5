/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  // Browser tests need Chromium: `npm run test:browser` (jest.browser.config.js).
  testPathIgnorePatterns: ["/node_modules/", "\\.browser\\.test\\.ts$"],
  transform: {
    // Type errors are caught by `tsc --noEmit` (first half of `npm test`); here we only transpile.
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
};
