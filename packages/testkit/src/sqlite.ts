import Database from "better-sqlite3";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrationStatements } from "./migrations";

/** Creates a migrated SQLite database file in a temporary folder; returns its `file:` URL. */
export function createSqliteDatabase(): string {
  const file = join(mkdtempSync(join(tmpdir(), "limelight-sqlite-")), "test.db");
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  for (const sql of migrationStatements("sqlite")) db.exec(sql);
  db.close();
  return `file:${file}`;
}
