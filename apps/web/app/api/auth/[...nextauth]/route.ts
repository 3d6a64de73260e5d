/** Auth.js endpoints (/api/auth/*: session, csrf, callback/credentials, signout). */
export { GET, POST } from "@/server/auth/handlers";
