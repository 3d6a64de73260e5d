// Prisma CLI configuration for the sqlite schema (the CLI reads DATABASE_URL itself).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "./schema.prisma",
  migrations: { path: "./migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:../../.data/limelight.db" },
});
