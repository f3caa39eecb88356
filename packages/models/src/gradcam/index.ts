// Grad-CAM and the localisation figure over its maps; re-exported by ../index.ts.
export { gradCam, type GradCamOptions, type GradCamResult } from './grad-cam.ts';
export { massInRegion } from './mass-in-region.ts';
export { upsampleBilinear } from './upsample-bilinear.ts';
