// TF.js backends for the face worker: switching between them, telling a real GPU from a software one, and
// noticing when a GPU device is lost (driver reset, tab backgrounded on some tablets, memory pressure).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendName } from '../../../src/core/engine/choose-backend';

export interface BackendDetails {
  readonly name: BackendName;
  /** Software rasteriser / fallback adapter (SwiftShader, llvmpipe, WARP...). */
  readonly software: boolean;
  /** Human-readable adapter or renderer description. */
  readonly device: string;
  /** wasm only: threads in use (1 = single-threaded). */
  readonly threads?: number;
}

let wasmConfigured = false;

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render|warp|mesa offscreen/i;

interface GpuAdapterLike {
  readonly info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
  readonly isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null>;
}

async function describeWebGpu(): Promise<{ software: boolean; device: string } | undefined> {
  const gpu = (navigator as { gpu?: GpuLike }).gpu;
  if (!gpu) return undefined;
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return undefined;
  const info = adapter.info ?? {};
  const device = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown adapter';
  const software = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter) || SOFTWARE_RENDERER.test(device);
  return { software, device };
}

function describeWebGl(): { software: boolean; device: string } | undefined {
  const canvas = new OffscreenCanvas(1, 1);
  const gl = canvas.getContext('webgl2');
  if (!gl) return undefined;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const device = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { software: SOFTWARE_RENDERER.test(device), device };
}

/**
 * Makes `name` the active TF.js backend. Throws when it is not available here, so the caller can try the next.
 */
export async function activateBackend(name: BackendName, modelsBaseUrl: string): Promise<BackendDetails> {
  let details: BackendDetails;
  if (name === 'webgpu') {
    const d = await describeWebGpu();
    if (!d) throw new Error('WebGPU is not available');
    details = { name, ...d };
  } else if (name === 'webgl') {
    const d = describeWebGl();
    if (!d) throw new Error('WebGL 2 is not available');
    details = { name, ...d };
  } else if (name === 'wasm') {
    if (!wasmConfigured) {
      // The wasm binaries come from our own origin (public/models/tfjs/), never from a CDN.
      setWasmPaths(`${modelsBaseUrl}tfjs/`);
      // The threaded build starts its pthreads from the source text of its factory function, which bundling
      // and minification break ("e is not defined" in every thread). Until that is solved, run single-threaded.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      setThreadsCount(1);
      wasmConfigured = true;
    }
    details = { name, software: false, device: 'wasm (SIMD)' };
  } else {
    details = { name, software: false, device: 'JavaScript' };
  }
  if (!(await tf.setBackend(name))) throw new Error(`TF.js could not start the ${name} backend`);
  await tf.ready();
  return details;
}

/** Calls `onLost` once if the active GPU backend loses its device. */
export function watchDeviceLoss(name: BackendName, onLost: (reason: string) => void): void {
  const backend = tf.backend() as unknown as {
    device?: { lost?: Promise<{ reason?: string; message?: string }> };
    gpgpu?: { gl?: WebGL2RenderingContext };
  };
  if (name === 'webgpu' && backend.device?.lost) {
    void backend.device.lost.then((info) =>
      onLost(`WebGPU device lost (${info.reason ?? 'unknown'}: ${info.message ?? ''})`),
    );
  } else if (name === 'webgl') {
    const canvas = backend.gpgpu?.gl?.canvas;
    canvas?.addEventListener('webglcontextlost', () => onLost('WebGL context lost'), { once: true });
  }
}

/** Fault injection for tests: makes the active GPU backend lose its device, as a driver reset would. */
export function loseDevice(name: BackendName): boolean {
  const backend = tf.backend() as unknown as { device?: { destroy(): void }; gpgpu?: { gl?: WebGL2RenderingContext } };
  if (name === 'webgpu' && backend.device) {
    backend.device.destroy();
    return true;
  }
  if (name === 'webgl' && backend.gpgpu?.gl) {
    backend.gpgpu.gl.getExtension('WEBGL_lose_context')?.loseContext();
    return true;
  }
  return false;
}

/** Drops a backend (after its device was lost) so TF.js does not try to use it again. */
export function removeBackend(name: BackendName): void {
  try {
    tf.removeBackend(name);
  } catch {
    // Already gone.
  }
}
