"use client";
/**
 * React hook for the studio's camera and microphone: lists devices, captures
 * the chosen pair for the preview, and re-lists once permission is granted
 * (labels are empty before). Changing a device captures again.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { captureDevices, describeCaptureError, listDevices, stopStream, type InputDevices } from "./devices";

/** The preview stream, device lists and choice, and a capture error if any. */
export interface LocalMedia {
  stream: MediaStream | null;
  devices: InputDevices;
  cameraId: string | null;
  microphoneId: string | null;
  error: string | null;
  setCamera(id: string): void;
  setMicrophone(id: string): void;
}

/** Captures on mount; stops the tracks on unmount. */
export function useLocalMedia(): LocalMedia {
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [devices, setDevices] = useState<InputDevices>({ cameras: [], microphones: [] });
  const [cameraId, setCameraId] = useState<string | null>(null);
  const [microphoneId, setMicrophoneId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<MediaStream | null>(null);

  const capture = useCallback(async (camera: string | null, microphone: string | null) => {
    try {
      const next = await captureDevices(camera, microphone);
      stopStream(current.current);
      current.current = next;
      setStream(next);
      setError(null);
      const list = await listDevices();
      setDevices(list);
      setCameraId(next.getVideoTracks()[0]?.getSettings().deviceId ?? camera);
      setMicrophoneId(next.getAudioTracks()[0]?.getSettings().deviceId ?? microphone);
    } catch (e) {
      setError(describeCaptureError(e));
      setDevices(await listDevices().catch(() => ({ cameras: [], microphones: [] })));
    }
  }, []);

  useEffect(() => {
    void capture(null, null);
    const onChange = () => void listDevices().then(setDevices);
    navigator.mediaDevices?.addEventListener?.("devicechange", onChange);
    return () => {
      navigator.mediaDevices?.removeEventListener?.("devicechange", onChange);
      stopStream(current.current);
      current.current = null;
    };
  }, [capture]);

  return {
    stream,
    devices,
    cameraId,
    microphoneId,
    error,
    setCamera: (id) => void capture(id, microphoneId),
    setMicrophone: (id) => void capture(cameraId, id),
  };
}
