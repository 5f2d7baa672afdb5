import type { Cell } from "../engine";
import { placeRow } from "./grid-rows";

const EMPTY: Cell[] = [];

describe("placeRow", () => {
  it("puts rows in order, the rows skipped sharing one empty row", () => {
    const grid: Cell[][] = [];
    placeRow(grid, 1, ["a"], EMPTY);
    placeRow(grid, 4, ["d"], EMPTY);
    expect(grid).toEqual([["a"], [], [], ["d"]]);
    expect(grid[1]).toBe(EMPTY);
    expect(grid[2]).toBe(EMPTY);
  });

  it("reads a row written in several elements as one row, a later cell with a value over an earlier one", () => {
    const grid: Cell[][] = [];
    placeRow(grid, 1, ["London Metal Exchange"], EMPTY);
    placeRow(grid, 1, [null, "XLME"], EMPTY);
    placeRow(grid, 1, [null, null, "", 3], EMPTY);
    placeRow(grid, 1, ["LME", null, null, ""], EMPTY); // "" and null leave a value as it is
    placeRow(grid, 2, ["next"], EMPTY);
    expect(grid).toEqual([["LME", "XLME", undefined, 3], ["next"]]);
  });

  it("puts a row whose number came before in that row, not after the last one, and leaves the shared empty row alone", () => {
    const grid: Cell[][] = [];
    placeRow(grid, 3, ["c"], EMPTY);
    placeRow(grid, 2, ["b"], EMPTY);
    expect(grid).toEqual([[], ["b"], ["c"]]);
    expect(EMPTY).toEqual([]);
  });
});
