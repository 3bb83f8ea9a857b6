import path from 'node:path';
import { ROOT_DIR } from '../../src/paths.js';
import type { Inspector } from './inspector.js';

/**
 * V8's sampling heap profiler, read after a full GC: the allocation sites of the sampled
 * objects still alive, that is, of what the process kept since sampling started. Under a
 * leak the site that keeps allocating what it never lets go rises to the top; it costs
 * little enough (one sample per 64 KiB allocated) to run through a whole soak.
 */
interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  callFrame: Frame;
  selfSize: number;
  children: ProfileNode[];
}

export interface LiveSite {
  /** Where the bytes were allocated (the innermost frame). */
  site: string;
  /** The innermost frame in the app's own code (dist/ or src/) on the way there, if any. */
  appFrame: string | null;
  bytes: number;
}

export async function startSampling(inspector: Inspector): Promise<void> {
  await inspector.send('HeapProfiler.startSampling', { samplingInterval: 64 * 1024 });
}

const where = (f: Frame) => `${f.functionName || '(anonymous)'} ${f.url ? path.relative(ROOT_DIR, f.url.replace(/^file:\/\//, '')) : '(native)'}:${f.lineNumber + 1}`;

/** The `top` allocation sites by live bytes (after a full GC), with their nearest app frame. */
export async function liveSites(inspector: Inspector, top = 25): Promise<LiveSite[]> {
  await inspector.send('HeapProfiler.collectGarbage');
  const { profile } = await inspector.send<{ profile: { head: ProfileNode } }>('HeapProfiler.getSamplingProfile');
  const sites = new Map<string, LiveSite>();
  const walk = (node: ProfileNode, appFrame: string | null) => {
    const url = node.callFrame.url;
    const mine = /\/(dist|src)\//.test(url) && !url.includes('node_modules') ? where(node.callFrame) : appFrame;
    if (node.selfSize > 0) {
      const site = where(node.callFrame);
      const key = `${site}|${mine ?? ''}`;
      const s = sites.get(key) ?? { site, appFrame: mine, bytes: 0 };
      s.bytes += node.selfSize;
      sites.set(key, s);
    }
    for (const c of node.children) walk(c, mine);
  };
  walk(profile.head, null);
  return [...sites.values()].sort((a, b) => b.bytes - a.bytes).slice(0, top);
}
