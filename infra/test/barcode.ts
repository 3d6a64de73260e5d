/**
 * A wall clock burned into video frames as a barcode, read back in the
 * browser to measure glass-to-glass latency without trusting the player.
 *
 * ffmpeg side: frames get `pts = wall clock − baseMs` (setpts on RTCTIME), and
 * the top 24 px strip is redrawn (geq) as BARCODE_BITS cells; cell i is white
 * when bit i of the frame time in ms is set. Browser side: decodeBarcode
 * samples the middle of each cell from a canvas.
 */

/** Number of bits (cells) of the barcode: 24 bits of ms ≈ 4.6 hours. */
export const BARCODE_BITS = 24;
/** Height of the barcode strip at 360 lines. */
export const BARCODE_HEIGHT = 24;

/** ffmpeg filter_complex: input [0:v] (640x360) → output [v] with wall-clock pts and the barcode strip. */
export function barcodeFilter(baseMs: number): string {
  const baseUs = baseMs * 1000;
  const bit = `mod(floor(floor(T*1000)/pow(2,floor(X*${BARCODE_BITS}/W))),2)`;
  return [
    `[0:v]setpts='(RTCTIME-${baseUs})/(TB*1000000)',split[main][strip]`,
    `[strip]crop=iw:${BARCODE_HEIGHT}:0:0,geq=lum='16+219*${bit}':cb=128:cr=128[bar]`,
    `[main][bar]overlay=0:0[v]`,
  ].join(";");
}

/**
 * Reads the frame time (ms since baseMs) from RGBA pixels of the barcode row:
 * `row` is one line of `width` pixels taken at the strip's middle height.
 */
export function decodeBarcode(row: Uint8ClampedArray, width: number): number {
  let value = 0;
  for (let i = 0; i < BARCODE_BITS; i++) {
    const x = Math.floor(((i + 0.5) * width) / BARCODE_BITS);
    const o = x * 4;
    const luma = ((row[o] ?? 0) + (row[o + 1] ?? 0) + (row[o + 2] ?? 0)) / 3;
    if (luma > 128) value += 2 ** i;
  }
  return value;
}
