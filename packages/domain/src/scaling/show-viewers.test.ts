import { describe, expect, it } from "vitest";
import { sumShowViewers } from "./show-viewers";

describe("sumShowViewers", () => {
  it("adds each show's HLS viewers across edges", () => {
    const totals = sumShowViewers(['{"show-a":120,"show-b":3}', '{"show-a":80}', "{}"]);
    expect(Object.fromEntries(totals)).toEqual({ "show-a": 200, "show-b": 3 });
  });

  it("ignores an edge whose report is not a map of counts", () => {
    const totals = sumShowViewers(["not json", '{"show-a":-1}', "[1,2]", '{"show-a":7}']);
    expect(Object.fromEntries(totals)).toEqual({ "show-a": 7 });
  });
});
