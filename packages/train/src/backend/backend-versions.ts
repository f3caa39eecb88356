// What a run records about the software (and, for webgpu, the adapter) its numbers came from.
import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { formatAdapter } from './webgpu/dawn-adapter.ts';
import { webgpuAdapter } from './webgpu/start-webgpu.ts';

const require = createRequire(import.meta.url);

/** The installed version of an optional package, or 'not installed'. */
function installedVersion(spec: string): string {
  try {
    return (require(`${spec}/package.json`) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

/**
 * The package versions stored with a run claim: tfjs always; on webgpu also the backend and Dawn
 * packages and the adapter started (formatAdapter: device, Dawn backend, 'software adapter' for
 * llvmpipe), so a report can tell software-rasteriser figures from a GPU's.
 * @example backendVersions('webgpu')['webgpu adapter'] // 'llvmpipe-llvm-15-0-6-256-bits- (opengles, compatibility, software adapter)'
 */
export function backendVersions(backend: string): Record<string, string> {
  const versions: Record<string, string> = { '@tensorflow/tfjs': tf.version.tfjs };
  const adapter = webgpuAdapter();
  if (backend === 'webgpu' && adapter) {
    versions['@tensorflow/tfjs-backend-webgpu'] = installedVersion('@tensorflow/tfjs-backend-webgpu');
    versions['webgpu'] = installedVersion('webgpu');
    versions['webgpu adapter'] = formatAdapter(adapter);
  }
  return versions;
}
