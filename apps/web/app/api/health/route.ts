import { NextResponse } from "next/server";

/** GET /api/health → 200 `{ok:true}` while the web app serves requests. */
export function GET(): NextResponse {
  return NextResponse.json({ ok: true });
}
