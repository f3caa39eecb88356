// Finds a WebGPU adapter through Dawn's Node bindings (the optional `webgpu` package): a hardware
// one over the platform's native API first, else (when allowed) Mesa's llvmpipe through Dawn's
// OpenGL ES backend, which Dawn only offers at the 'compatibility' feature level.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where a webgpu run's numbers came from (recorded with each run, printed by `cxr backends`). */
export interface GpuAdapterDescription {
  /** GPUAdapterInfo.vendor ('' where the driver does not say, as Mesa's GL does not). */
  vendor: string;
  architecture: string;
  /** GPUAdapterInfo.device, e.g. 'llvmpipe-llvm-15-0-6-256-bits-'. */
  device: string;
  /** GPUAdapterInfo.description, e.g. 'OpenGL version OpenGL ES 3.2 Mesa 22.3.6'. */
  description: string;
  /** The Dawn backend asked for: 'vulkan', 'd3d12', 'metal' or 'opengles'. */
  backendType: string;
  featureLevel: 'core' | 'compatibility';
  /** A CPU rasteriser (llvmpipe, lavapipe, SwiftShader, ...): its speed says nothing about a GPU. */
  software: boolean;
}

/** The parts of Dawn's GPU objects used here (the package's own types need @webgpu/types). */
export interface DawnAdapter {
  info: { vendor: string; architecture: string; device: string; description: string; isFallbackAdapter?: boolean };
  requestDevice(descriptor?: unknown): Promise<unknown>;
  features: { has(name: string): boolean };
  limits: Record<string, number>;
}
export interface DawnGpu {
  requestAdapter(options?: { powerPreference?: string; featureLevel?: string }): Promise<DawnAdapter | null>;
}
interface DawnModule {
  create(flags: string[]): DawnGpu;
  globals: Record<string, unknown>;
}

/** The optional package is imported by variable so that the project compiles and runs without it. */
const dawnPackage = 'webgpu';

/** Loads Dawn's bindings once; throws the import error when `webgpu` is not installed. */
let dawn: Promise<DawnModule> | null = null;
export function loadDawn(): Promise<DawnModule> {
  dawn ??= import(dawnPackage) as Promise<DawnModule>;
  return dawn;
}

/** The native API Dawn uses for hardware adapters on this platform. */
export function nativeGpuApi(platform: NodeJS.Platform = process.platform): 'vulkan' | 'd3d12' | 'metal' {
  return platform === 'win32' ? 'd3d12' : platform === 'darwin' ? 'metal' : 'vulkan';
}

const SOFTWARE = /llvmpipe|lavapipe|softpipe|swiftshader|software|warp/i;

/**
 * Describes a Dawn adapter: GPUAdapterInfo's fields, the backend asked for, and whether it is a
 * software rasteriser (Dawn's fallback flag, or a known CPU driver name in device/description).
 * @example describeAdapter(adapter, 'opengles', 'compatibility').software // true on llvmpipe
 */
export function describeAdapter(adapter: DawnAdapter, backendType: string, featureLevel: 'core' | 'compatibility'): GpuAdapterDescription {
  const { vendor = '', architecture = '', device = '', description = '', isFallbackAdapter = false } = adapter.info;
  const software = isFallbackAdapter || SOFTWARE.test(`${vendor} ${device} ${description}`);
  return { vendor, architecture, device, description, backendType, featureLevel, software };
}

/**
 * One line for logs: 'llvmpipe-llvm-15-0-6-256-bits- (opengles, compatibility, software adapter)'.
 * @example formatAdapter(description) // 'NVIDIA H200 (vulkan, nvidia hopper)'
 */
export function formatAdapter(a: GpuAdapterDescription): string {
  const name = a.device || a.description || 'unnamed adapter';
  const parts = [
    a.backendType,
    a.featureLevel === 'compatibility' ? 'compatibility' : '',
    [a.vendor, a.architecture].filter(Boolean).join(' '),
  ];
  if (a.software) parts.push('software adapter');
  return `${name} (${parts.filter(Boolean).join(', ')})`;
}

export interface FoundAdapter {
  gpu: DawnGpu;
  adapter: DawnAdapter;
  description: GpuAdapterDescription;
}

/**
 * Requests a hardware adapter, then (with `allowSoftware`) the OpenGL ES one at feature level
 * 'compatibility'. Returns null with the reason when there is none; throws only when `webgpu`
 * cannot be imported. Without a Vulkan loader on Linux the hardware request is not made (Dawn
 * would print a warning on every run). EGL_PLATFORM defaults to 'surfaceless': headless Mesa
 * otherwise tries X11 and fails.
 * @example await findAdapter({ allowSoftware: true }) // { description: { device: 'llvmpipe-...', software: true, ... }, ... }
 */
export async function findAdapter(options: { allowSoftware: boolean }): Promise<FoundAdapter | { reason: string }> {
  const { create } = await loadDawn();
  const api = nativeGpuApi();
  const reasons: string[] = [];
  if (api !== 'vulkan' || vulkanLoaderPresent()) {
    const gpu = create([`backend=${api}`]);
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (adapter) {
      const description = describeAdapter(adapter, api, 'core');
      if (!description.software || options.allowSoftware) return { gpu, adapter, description };
      reasons.push(`${api} offers only a software adapter (${formatAdapter(description)})`);
    } else reasons.push(`no ${api} adapter`);
  } else reasons.push('no Vulkan loader libvulkan.so.1');
  if (options.allowSoftware) {
    process.env['EGL_PLATFORM'] ??= 'surfaceless';
    const gpu = create(['backend=opengles']);
    const adapter = await gpu.requestAdapter({ featureLevel: 'compatibility' });
    if (adapter) return { gpu, adapter, description: describeAdapter(adapter, 'opengles', 'compatibility') };
    reasons.push('no OpenGL ES adapter (Mesa EGL/GLES drivers missing?)');
  }
  return { reason: reasons.join('; ') };
}

/** True when libvulkan.so.1 is in LD_LIBRARY_PATH or a usual library folder. */
export function vulkanLoaderPresent(env: NodeJS.ProcessEnv = process.env): boolean {
  const dirs = [
    ...(env['LD_LIBRARY_PATH'] ?? '').split(':').filter(Boolean),
    `/usr/lib/${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu`,
    '/usr/lib64',
    '/usr/lib',
    '/usr/local/lib',
    '/lib64',
  ];
  return dirs.some((d) => existsSync(join(d, 'libvulkan.so.1')));
}
