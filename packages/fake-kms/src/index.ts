/**
 * @limelight/fake-kms — a fake Kurento Media Server speaking the Kurento
 * Protocol (JSON-RPC 2.0 over WebSocket) for tests and the demo, driven by
 * the real kurento-client.
 * Protocol: https://doc-kurento.readthedocs.io/en/latest/features/kurento_protocol.html
 */
export { startFakeKms, type FakeKms, type FakeKmsFaults, type FakeKmsOptions, type RestartOptions } from "./server";
export {
  MediaGraph,
  type ConnectionRecord,
  type EndpointState,
  type GraphChange,
  type IceCandidate,
  type MediaObjectRecord,
  type MediaType,
  type SubscriptionRecord,
} from "./graph";
export { BROWSER_OFFER, VIEWER_OFFER } from "./browser-offers";
export { KMS_ERROR, KmsError, type KmsErrorObject, type KmsErrorType } from "./errors";
export { SERVER_MANAGER_ID, FAKE_KMS_VERSION } from "./operations";
