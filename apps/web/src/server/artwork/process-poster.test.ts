import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { MAX_POSTER_BYTES, processPoster } from "./process-poster";

const png = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: "#cc3366" } }).png().toBuffer();

describe("poster processing with sharp", () => {
  it("turns a PNG into 1200×630 and 600×315 WebP plus JPEG fallbacks", async () => {
    const files = await processPoster(await png(2000, 3000));
    expect(files.map((f) => f.name)).toEqual(["1200.webp", "1200.jpg", "600.webp", "600.jpg"]);
    for (const f of files) {
      const meta = await sharp(f.bytes).metadata();
      expect(meta.format).toBe(f.name.endsWith(".webp") ? "webp" : "jpeg");
      expect([meta.width, meta.height]).toEqual(f.name.startsWith("1200") ? [1200, 630] : [600, 315]);
    }
  });

  it("refuses a non-image named .jpg, an SVG, and anything over 10 MB with clear errors", async () => {
    await expect(processPoster(Buffer.from("%PDF-1.7 not really a poster"))).rejects.toMatchObject({ code: "VALIDATION_FAILED", message: "The poster must be a JPEG, PNG or WebP image" });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    await expect(processPoster(svg)).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(processPoster(Buffer.alloc(MAX_POSTER_BYTES + 1))).rejects.toMatchObject({ code: "TOO_LARGE", message: "The poster is larger than 10 MB" });
  });
});
