import { describe, expect, it } from "vitest";
import { cleanText, cuidSchema, opaqueIdSchema } from "./ids";

describe("ids and text from requests", () => {
  it("accepts a Prisma cuid and refuses NUL bytes, other formats and oversize ids", () => {
    expect(cuidSchema.safeParse("cmiuj2x7f0000qv2l8h5k3n9d").success).toBe(true);
    for (const bad of ["cmiuj2x7f0000qv2l8h5k3n9\u0000", "", "../etc/passwd", "c".repeat(26), "CMIUJ2X7F0000QV2L8H5K3N9D"]) {
      expect(cuidSchema.safeParse(bad).success).toBe(false);
    }
    expect(opaqueIdSchema.safeParse("cs_test_a1B2").success).toBe(true);
    expect(opaqueIdSchema.safeParse("cs_test\u0000").success).toBe(false);
    expect(opaqueIdSchema.safeParse("x".repeat(256)).success).toBe(false);
  });

  it("keeps newlines in text but refuses NUL and text over the limit", () => {
    expect(cleanText(20).safeParse("line one\nline two").success).toBe(true);
    expect(cleanText(20).safeParse("nul\u0000").success).toBe(false);
    expect(cleanText(5).safeParse("toolong").success).toBe(false);
  });
});
