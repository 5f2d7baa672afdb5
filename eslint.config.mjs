// npm run lint (run by npm test): ESLint with typescript-eslint's recommended rules, the Office
// add-in rules Microsoft's templates use (eslint-plugin-office-addins, as office-addin-lint
// configures it), and the engine's boundary rules. Formatting is Prettier's (`prettier --check`
// in npm run lint; .prettierrc.json), so eslint-config-prettier turns off the stylistic rules.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import officeAddins from "eslint-plugin-office-addins";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "build/", "coverage/", "test-results/", "node_modules/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ["**/*.ts"],
    plugins: { "office-addins": officeAddins },
    rules: {
      // The rules eslint-plugin-office-addins' "recommended" config turns on (office-addin-lint).
      "office-addins/call-sync-after-load": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/no-context-sync-in-loop": "warn",
      "office-addins/no-empty-load": "warn",
      "office-addins/no-navigational-load": "warn",
      "office-addins/no-office-initialize": "warn",
      "office-addins/test-for-null-using-isNullObject": "error",
      "no-eval": "error",
      "no-empty": ["error", { allowEmptyCatch: false }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The engine is pure: no `any`, no clock (the as-of date is passed in), no globals of a host.
    files: ["src/engine/**/*.ts"],
    ignores: ["src/engine/**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "The engine has no clock: take the as-of day as input.",
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: "The engine has no clock: take the as-of day as input.",
        },
      ],
      "no-restricted-globals": ["error", "window", "document", "Office", "Excel", "CustomFunctions", "process", "require"],
    },
  },
  {
    // The CLI reads workbooks with ExcelJS, whose rows and cells are plain objects, not Office.js
    // proxies: the load/sync rules do not apply (they mistake `row.values` for a proxy read).
    files: ["src/cli/**/*.ts"],
    rules: {
      "office-addins/call-sync-after-load": "off",
      "office-addins/call-sync-before-read": "off",
      "office-addins/load-object-before-read": "off",
    },
  },
  {
    // The Excel stand-in nests proxy classes whose own `this` shadows the object they belong to.
    files: ["tests/helpers/fake-excel.ts"],
    rules: { "@typescript-eslint/no-this-alias": ["error", { allowedNames: ["self", "workbook", "range"] }] },
  },
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    languageOptions: {
      globals: { module: "readonly", require: "readonly", __dirname: "readonly", process: "readonly", console: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
