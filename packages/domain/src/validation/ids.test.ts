import { describe, expect, it } from "vitest";
import { cuidSchema, isCleanText, opaqueIdSchema, slugSchema } from "./ids";

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

  it("keeps tabs and newlines in text but refuses NUL and other control characters", () => {
    expect(isCleanText("line one\nline two\r\n\tindented, café ✓")).toBe(true);
    for (const bad of ["nul\u0000", "bell\u0007", "\u0008", "vt\u000b", "ff\u000c", "so\u000e", "esc\u001b", "us\u001f"]) {
      expect(isCleanText(bad)).toBe(false);
    }
  });
});

describe("slugs and opaque ids", () => {
  const error = (schema: typeof slugSchema, value: string) => {
    const result = schema.safeParse(value);
    return result.success ? null : result.error.issues[0]?.message;
  };

  it("accepts URL slugs and refuses anything else, anywhere in the string", () => {
    expect(error(slugSchema, "late-night-jazz-2")).toBeNull();
    expect(error(slugSchema, "a")).toBeNull();
    expect(error(slugSchema, "a".repeat(100))).toBeNull();
    expect(error(slugSchema, "")).toBe("Required");
    expect(error(slugSchema, "a".repeat(101))).toBe("Too long");
    for (const bad of ["Late", "../etc", "jazz/", "/jazz", "ja zz", "jazz\n"]) expect(error(slugSchema, bad)).toBe("Not a valid slug");
  });

  it("says why an id is refused", () => {
    expect(error(opaqueIdSchema, "")).toBe("Required");
    expect(error(opaqueIdSchema, "x".repeat(256))).toBe("Too long");
    expect(error(opaqueIdSchema, "x".repeat(255))).toBeNull();
    for (const bad of ["../cs_test", "cs_test/..", "cs test"]) expect(error(opaqueIdSchema, bad)).toBe("Not a valid id");
    expect(error(cuidSchema, "nope")).toBe("Not a valid id");
  });
});
