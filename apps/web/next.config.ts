import type { NextConfig } from "next";

const config: NextConfig = {
  transpilePackages: ["@limelight/domain", "@limelight/db", "@limelight/access-token"],
  serverExternalPackages: ["better-sqlite3", "pino", "pg"],
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: true }, // typecheck runs separately in `npm run typecheck`
};

export default config;
