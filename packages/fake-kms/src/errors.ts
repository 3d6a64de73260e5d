/**
 * Kurento Protocol error objects as the fake KMS sends them.
 *
 * Wire shape (JSON-RPC 2.0 error member): `{code, message, data:{type}}`, see
 * https://doc-kurento.readthedocs.io/en/latest/features/kurento_protocol.html
 * Codes and type names follow KMS's `KurentoException.hpp`
 * (https://github.com/Kurento/kurento/blob/main/server/module-core/src/server/implementation/KurentoException.hpp).
 * Real KMS reports some parameter problems (a missing or mistyped parameter)
 * with the JSON-RPC server error -32000; the fake uses the more specific
 * MEDIA_OBJECT_ILLEGAL_PARAM_ERROR (40107) so callers can tell them apart.
 */

/** Numeric Kurento error codes used by the fake (subset of KurentoException.hpp). */
export const KMS_ERROR = {
  /** A value could not be (de)serialized. */
  MARSHALL_ERROR: 40001,
  UNEXPECTED_ERROR: 40003,
  /** Elements could not be connected (for example: different MediaPipelines). */
  CONNECT_ERROR: 40004,
  NOT_IMPLEMENTED: 40006,
  /** `connect {sessionId}` with a session the server does not know (e.g. after a restart). */
  INVALID_SESSION: 40007,
  MALFORMED_TRANSACTION: 40008,
  /** `create` of a type the server has no factory for. */
  MEDIA_OBJECT_TYPE_NOT_FOUND: 40100,
  /** An object id the server does not know (never created, released, or lost in a restart). */
  MEDIA_OBJECT_NOT_FOUND: 40101,
  MEDIA_OBJECT_CONSTRUCTOR_NOT_FOUND: 40104,
  /** `invoke` of an operation the object's type does not have. */
  MEDIA_OBJECT_METHOD_NOT_FOUND: 40105,
  /** `subscribe` to an event the object's type does not emit. */
  MEDIA_OBJECT_EVENT_NOT_SUPPORTED: 40106,
  /** Missing, unknown or mistyped parameter. */
  MEDIA_OBJECT_ILLEGAL_PARAM_ERROR: 40107,
  MEDIA_OBJECT_TAG_KEY_NOT_FOUND: 40110,
  /** The SDP is not parseable (does not start with `v=0`, no media section...). */
  SDP_PARSE_ERROR: 40201,
  SDP_END_POINT_NO_LOCAL_SDP_ERROR: 40202,
  SDP_END_POINT_NO_REMOTE_SDP_ERROR: 40203,
  SDP_END_POINT_ALREADY_NEGOTIATED: 40208,
  SDP_END_POINT_NOT_OFFER_GENERATED: 40209,
  SDP_END_POINT_ANSWER_ALREADY_PROCCESED: 40210,
  /** `gatherCandidates` before any SDP negotiation. */
  ICE_GATHER_CANDIDATES_ERROR: 40400,
  /** `addIceCandidate` with an unusable candidate. */
  ICE_ADD_CANDIDATE_ERROR: 40401,
  /** JSON-RPC 2.0 standard errors (https://www.jsonrpc.org/specification#error_object). */
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
} as const;

/** Name of a Kurento error code (the `data.type` string on the wire). */
export type KmsErrorType = keyof typeof KMS_ERROR;

/** JSON-RPC error member as sent by the fake KMS. */
export interface KmsErrorObject {
  code: number;
  message: string;
  data: { type: string };
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

  /** The JSON-RPC `error` member `{code, message, data:{type}}`. */
  toJSON(): KmsErrorObject {
    return { code: this.code, message: this.message, data: { type: this.type } };
  }
}
