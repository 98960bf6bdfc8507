// Every detector, by id. A rule file names one of these in `detector:`.
import type { AnyDetector } from './types.js';
import { opSpike } from './op-spike/detector.js';
import { errorBurst } from './error-burst/detector.js';
import { geoNovelty } from './geo-novelty/detector.js';
import { impossibleTravel } from './impossible-travel/detector.js';
import { newPrincipal } from './new-principal/detector.js';
import { sensitiveOperation } from './sensitive-operation/detector.js';
import { breadth } from './breadth/detector.js';
import { loggingGap } from './logging-gap/detector.js';

export const DETECTORS: Readonly<Record<string, AnyDetector>> = Object.fromEntries(
  [opSpike, errorBurst, geoNovelty, impossibleTravel, newPrincipal, sensitiveOperation, breadth, loggingGap].map((d) => [d.id, d as AnyDetector]),
);

export function detectorById(id: string): AnyDetector | undefined {
  return DETECTORS[id];
}
