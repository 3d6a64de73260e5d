'use strict';
/**
 * reconnect-ws shim on ws@8 for kurento-client (see docs/kurento.md, pitfall 7).
 *
 * API used by kurento-client (lib/KurentoClient.js):
 *   reconnect(opts, onConnect) -> emitter; emitter.connect(url, wsOpts)
 *   emitter.connected (boolean), emitter.reconnect (boolean, as in
 *   reconnect-core: true while the emitter keeps (re)connecting; false after
 *   disconnect() or 'fail'; setting it to false stops reconnection —
 *   kurento-client's `then()` rejects at once when it is false and not connected),
 *   emitter.disconnect(); events: 'connection'(ws), 'reconnect'(n, delayMs),
 *   'backoff'(n, delayMs, err), 'disconnect'(err), 'fail'(err), 'error'(err).
 * opts: { failAfter: retries before 'fail' (default Infinity), initialDelay ms
 *   (default 1000), maxDelay ms (default 30000), heartbeatMs (default 10000:
 *   a WebSocket ping; no pong within it terminates a half-open socket) }.
 * 'error' is emitted only when someone listens, so a refused connection never
 * kills the process.
 */
const { EventEmitter } = require('node:events');
const WebSocket = require('ws');

function reconnect(opts, onConnect) {
  if (typeof opts === 'function') { onConnect = opts; opts = {}; }
  opts = opts || {};
  const failAfter = opts.failAfter == null ? Infinity : opts.failAfter;
  const initialDelay = opts.initialDelay == null ? 1000 : opts.initialDelay;
  const maxDelay = opts.maxDelay == null ? 30000 : opts.maxDelay;
  const heartbeatMs = opts.heartbeatMs == null ? 10000 : opts.heartbeatMs;

  const emitter = new EventEmitter();
  emitter.connected = false;
  emitter.reconnect = true;
  let stopped = false;
  let attempts = 0;
  let ws = null;
  let timer = null;
  let heartbeat = null;
  let everConnected = false;

  if (onConnect) emitter.on('connection', onConnect);

  function softError(err) {
    if (emitter.listenerCount('error') > 0) emitter.emit('error', err);
  }

  function schedule(url, wsOpts, err) {
    if (stopped) return;
    if (!emitter.reconnect) { stopped = true; return; }
    attempts += 1;
    if (attempts > failAfter) {
      stopped = true;
      emitter.reconnect = false;
      emitter.emit('fail', err);
      return;
    }
    const delay = Math.min(maxDelay, initialDelay * Math.pow(2, attempts - 1));
    emitter.emit('backoff', attempts, delay, err);
    timer = setTimeout(() => {
      timer = null;
      if (everConnected) emitter.emit('reconnect', attempts, delay);
      open(url, wsOpts);
    }, delay);
  }

  function open(url, wsOpts) {
    if (stopped) return;
    let settled = false;
    try {
      ws = new WebSocket(url, wsOpts);
    } catch (err) {
      softError(err);
      schedule(url, wsOpts, err);
      return;
    }
    const socket = ws;
    socket.on('open', () => {
      settled = true;
      attempts = 0;
      emitter.connected = true;
      if (heartbeatMs > 0) {
        let alive = true;
        socket.on('pong', () => { alive = true; });
        heartbeat = setInterval(() => {
          if (!alive) { socket.terminate(); return; }
          alive = false;
          try { socket.ping(); } catch (_e) { /* closing */ }
        }, heartbeatMs);
        if (heartbeat.unref) heartbeat.unref();
      }
      emitter.emit('connection', socket);
      everConnected = true;
    });
    socket.on('error', (err) => {
      softError(err);
      if (!settled) { settled = true; schedule(url, wsOpts, err); }
    });
    socket.on('close', (code, reason) => {
      if (heartbeat) { clearInterval(heartbeat); heartbeat = null; }
      const wasConnected = emitter.connected;
      emitter.connected = false;
      if (wasConnected) {
        emitter.emit('disconnect', new Error('closed ' + code + ' ' + String(reason || '')));
        schedule(url, wsOpts, new Error('closed'));
      } else if (!settled) {
        settled = true;
        schedule(url, wsOpts, new Error('closed before open'));
      }
    });
  }

  emitter.connect = function connect(url, wsOpts) {
    stopped = false;
    emitter.reconnect = true;
    open(url, wsOpts);
    return emitter;
  };
  emitter.disconnect = function disconnect() {
    stopped = true;
    emitter.reconnect = false;
    if (timer) { clearTimeout(timer); timer = null; }
    if (heartbeat) { clearInterval(heartbeat); heartbeat = null; }
    if (ws) { try { ws.close(); } catch (_e) { /* already closed */ } }
    emitter.connected = false;
    return emitter;
  };
  return emitter;
}

module.exports = reconnect;
module.exports.default = reconnect;
