/**
 * Next.js start hook (https://nextjs.org/docs/app/guides/instrumentation):
 * parses the configuration once when the server process starts, so an unsafe
 * production configuration stops the server with one line naming the variable
 * instead of failing (or running unsafe) at the first request.
 */
export async function register(): Promise<void> {
  const { checkEnvAtServerStart } = await import("./src/env");
  checkEnvAtServerStart();
}
