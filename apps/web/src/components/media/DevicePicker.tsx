"use client";
/** Camera and microphone selects for the studio (from enumerateDevices). */
import type { InputDevices } from "./devices";
import styles from "./media.module.css";

/** Props: available devices, the chosen ids (null = default) and change handlers. */
export interface DevicePickerProps {
  devices: InputDevices;
  cameraId: string | null;
  microphoneId: string | null;
  onCamera: (id: string) => void;
  onMicrophone: (id: string) => void;
}

/** Two selects; disabled when no device of a kind is visible. */
export function DevicePicker({ devices, cameraId, microphoneId, onCamera, onMicrophone }: DevicePickerProps) {
  return (
    <div className={styles.row}>
      <label className={styles.label}>
        Camera{" "}
        <select value={cameraId ?? ""} onChange={(e) => onCamera(e.target.value)} disabled={devices.cameras.length === 0}>
          {devices.cameras.length === 0 && <option value="">No camera</option>}
          {devices.cameras.map((d) => (
            <option key={d.deviceId} value={d.deviceId}>{d.label}</option>
          ))}
        </select>
      </label>
      <label className={styles.label}>
        Microphone{" "}
        <select value={microphoneId ?? ""} onChange={(e) => onMicrophone(e.target.value)} disabled={devices.microphones.length === 0}>
          {devices.microphones.length === 0 && <option value="">No microphone</option>}
          {devices.microphones.map((d) => (
            <option key={d.deviceId} value={d.deviceId}>{d.label}</option>
          ))}
        </select>
      </label>
    </div>
  );
}
