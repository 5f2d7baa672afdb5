/**
 * A stand-in for the CustomFunctions global that Excel's runtime provides, so functions.ts can
 * run in Node: the Error class and the ErrorCode values Excel documents.
 */
export class FakeCustomFunctionError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

const g = globalThis as unknown as { CustomFunctions?: unknown };
g.CustomFunctions = {
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
};
