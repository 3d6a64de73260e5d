import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname } from "node:path";

const ID = /^[0-9a-f-]{36}$/;

/**
 * This autoscaler's lease holder id: `<hostname>/<uuid>`, the uuid kept in
 * `file` (created with mode 0600 on first start). The same id after a restart
 * on the same host lets the new process take its own lease at once (with a new
 * fencing token); the uuid keeps ids of hosts with the same name apart. Two
 * autoscalers on one host need two files. Throws when the file cannot be
 * written.
 */
export function loadHolderId(file: string): string {
  let id: string | undefined;
  try {
    const text = readFileSync(file, "utf8").trim();
    if (ID.test(text)) id = text;
  } catch {
    id = undefined;
  }
  if (!id) {
    id = randomUUID();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${id}\n`, { mode: 0o600 });
  }
  return `${hostname()}/${id}`;
}
