/**
 * A stand-in for the CustomFunctions global that Excel's custom-functions runtime provides, so
 * functions.ts runs in Node and in the browser test, modelled on the documented API:
 * - CustomFunctions.associate(id, fn) binds a function to its id in functions.json (the generated
 *   code calls it once per function when functions.js loads; ids are matched case-insensitively
 *   and, like Excel, the stand-in keeps them upper-case);
 *   https://learn.microsoft.com/javascript/api/custom-functions-runtime/customfunctions#customfunctions-customfunctions-associate-function(1)
 * - new CustomFunctions.Error(code, message) with the CustomFunctions.ErrorCode values.
 *   https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors
 * Excel calls a registered function with one argument per parameter (omitted optional ones as
 * undefined, or null); `invoke` does the same.
 */
export class FakeCustomFunctionError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

export interface FakeCustomFunctions {
  Error: typeof FakeCustomFunctionError;
  ErrorCode: Record<string, string>;
  associate(id: string, fn: (...args: unknown[]) => unknown): void;
  /** The functions associated so far, by upper-case id. */
  readonly registered: Map<string, (...args: unknown[]) => unknown>;
  /** Calls a registered function as Excel does; an unknown id throws (Excel shows #NAME?). */
  invoke(id: string, ...args: unknown[]): unknown;
}

const registered = new Map<string, (...args: unknown[]) => unknown>();
export const customFunctions: FakeCustomFunctions = {
  Error: FakeCustomFunctionError,
  ErrorCode: {
    divisionByZero: "#DIV/0!",
    invalidName: "#NAME?",
    invalidNumber: "#NUM!",
    invalidReference: "#REF!",
    invalidValue: "#VALUE!",
    notAvailable: "#N/A",
    nullReference: "#NULL!",
  },
  associate(id, fn) {
    if (typeof fn !== "function") throw new TypeError(`CustomFunctions.associate("${id}"): not a function`);
    registered.set(id.toUpperCase(), fn);
  },
  registered,
  invoke(id, ...args) {
    const fn = registered.get(id.toUpperCase());
    if (fn === undefined) throw new Error(`#NAME?: no custom function "${id}" is associated`);
    return fn(...args);
  },
};

const g = globalThis as unknown as { CustomFunctions?: unknown };
g.CustomFunctions = customFunctions;
