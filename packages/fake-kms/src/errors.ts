/**
 * Kurento Protocol error objects as the fake KMS sends them.
 *
 * Wire shape (JSON-RPC 2.0 error member): `{code, message, data:{type}}`, see
 * https://doc-kurento.readthedocs.io/en/latest/features/kurento_protocol.html
 * Codes and type names follow KMS's `KurentoException.hpp`
 * (https://github.com/Kurento/kurento/blob/main/server/module-core/src/server/interface/KurentoException.hpp).
 * Errors raised by KMS's JSON-RPC layer itself (unknown method, a missing
 * `object`/`operation`/`type` member, an unexpected failure) carry a negative
 * JSON-RPC code and no `data` (server/jsonrpc/src/JsonRpcUtils.cpp and
 * JsonRpcHandler.cpp in https://github.com/Kurento/kurento).
 * Which code answers which mistake was measured against a real KMS 7 (see the README).
 */

/** Numeric Kurento error codes used by the fake (subset of KurentoException.hpp, plus JSON-RPC codes). */
export const KMS_ERROR = {
  /**
   * A parameter could not be read as its declared type: missing required
   * parameter, mistyped value, enum value not in the list, struct member missing.
   * Messages as KMS's generated code: "'offer' parameter should be a string",
   * "Invalid value for 'MediaType'", "'sdpMid' property should be a string".
   */
  MARSHALL_ERROR: 40001,
  UNEXPECTED_ERROR: 40003,
  /** Elements could not be connected ("Media elements do not share pipeline"). */
  CONNECT_ERROR: 40004,
  NOT_IMPLEMENTED: 40006,
  /** `connect {sessionId}` with a session the server does not know (e.g. after a restart). */
  INVALID_SESSION: 40007,
  /** `invoke` of an operation the object's type does not have: "Method 'fly' with 0 parameters not found". */
  MALFORMED_TRANSACTION: 40008,
  /** Kept for callers that check it; KMS 7 answers an unknown `create` type with 40108 instead. */
  MEDIA_OBJECT_TYPE_NOT_FOUND: 40100,
  /** An object id the server does not know (never created, released, or lost in a restart): "Object 'X' not found". */
  MEDIA_OBJECT_NOT_FOUND: 40101,
  MEDIA_OBJECT_CONSTRUCTOR_NOT_FOUND: 40104,
  /** Kept for callers that check it; KMS 7 answers an unknown operation with 40008 MALFORMED_TRANSACTION. */
  MEDIA_OBJECT_METHOD_NOT_FOUND: 40105,
  /** `subscribe` to an event the object's type does not emit: "Event 'X' not supported". */
  MEDIA_OBJECT_EVENT_NOT_SUPPORTED: 40106,
  /** A value KMS can read but refuses (e.g. `isMediaFlowingIn` with DATA). */
  MEDIA_OBJECT_ILLEGAL_PARAM_ERROR: 40107,
  /** `create` of an unknown or abstract type: "Factory 'X' not found". */
  MEDIA_OBJECT_NOT_AVAILABLE: 40108,
  MEDIA_OBJECT_TAG_KEY_NOT_FOUND: 40110,
  /** An operation the object cannot do, e.g. `createDataChannel` without `useDataChannels`. */
  MEDIA_OBJECT_OPERATION_NOT_SUPPORTED: 40111,
  /** The SDP is not parseable ("Invalid SDP"). */
  SDP_PARSE_ERROR: 40201,
  SDP_END_POINT_NO_LOCAL_SDP_ERROR: 40202,
  SDP_END_POINT_NO_REMOTE_SDP_ERROR: 40203,
  SDP_END_POINT_ALREADY_NEGOTIATED: 40208,
  SDP_END_POINT_NOT_OFFER_GENERATED: 40209,
  SDP_END_POINT_ANSWER_ALREADY_PROCCESED: 40210,
  ICE_GATHER_CANDIDATES_ERROR: 40400,
  ICE_ADD_CANDIDATE_ERROR: 40401,
  /** JSON-RPC 2.0 standard errors (https://www.jsonrpc.org/specification#error_object). */
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  /** Unknown request method: "Method not found." (no `data`). */
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  /** Unexpected failure inside KMS: "Unexpected error while processing method: ..." (no `data`). */
  INTERNAL_ERROR: -32603,
  /** KMS's JSON-RPC layer: a request member missing or of the wrong kind ("'object' parameter is required"). */
  SERVER_ERROR_INIT: -32000,
} as const;

/** Name of a Kurento error code (the `data.type` string on the wire for non-negative codes). */
export type KmsErrorType = keyof typeof KMS_ERROR;

/** JSON-RPC error member as sent by the fake KMS; `data` is absent for JSON-RPC (negative) codes. */
export interface KmsErrorObject {
  code: number;
  message: string;
  data?: { type: string };
}

/**
 * An error the fake KMS answers a request with. `type` is the KurentoException
 * name (e.g. "MEDIA_OBJECT_NOT_FOUND"); `code` its number.
 */
export class KmsError extends Error {
  readonly code: number;
  readonly type: KmsErrorType;

  constructor(type: KmsErrorType, message: string) {
    super(message);
    this.name = "KmsError";
    this.type = type;
    this.code = KMS_ERROR[type];
  }

  /** The JSON-RPC `error` member: `{code, message, data:{type}}`, or `{code, message}` for negative codes. */
  toJSON(): KmsErrorObject {
    if (this.code < 0) return { code: this.code, message: this.message };
    return { code: this.code, message: this.message, data: { type: this.type } };
  }
}
