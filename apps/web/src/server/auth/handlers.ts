import { handlers } from "./config";

/** Auth.js route handlers for app/api/auth/[...nextauth]. */
export const { GET, POST } = handlers;
