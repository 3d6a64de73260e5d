/**
 * Which API operation a fault applies to: instances ("create", "list", "get",
 * "delete"), DNS records of any zone ("record-create", "record-list",
 * "record-get", "record-delete"), or "any" request.
 */
export type FaultTarget = "create" | "list" | "get" | "delete" | "record-create" | "record-list" | "record-get" | "record-delete" | "any";

/**
 * A failure the fake answers with instead of the real reply:
 * - "429": Too Many Requests with `Retry-After: retryAfterS`;
 * - "500": Internal Server Error;
 * - "hang": never answers (the client has no timeout);
 * - "drop": closes the connection without an answer.
 * With `commit: true` a create or delete (of an instance or a DNS record) is carried out first and only the
 * answer fails, as when Vultr acts but the reply is lost.
 */
export interface Fault {
  target: FaultTarget;
  kind: "429" | "500" | "hang" | "drop";
  /** How many matching requests get this fault (default 1). */
  count?: number;
  commit?: boolean;
  retryAfterS?: number;
}
