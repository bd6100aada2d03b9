import { getHeapStatistics, type HeapInfo } from 'node:v8';
import type { AdminRoute } from '@switchyard/telemetry';

export interface ThreadHeap {
  slot: number;
  threadId: number;
  heap: HeapInfo;
}

/**
 * `/debug/memory`: the router's RSS, the main thread's V8 heap and each serving thread's (for the
 * certificate-memory benchmark and for operators). `?gc=1` collects the main thread's garbage first
 * when the process runs with `--expose-gc` (otherwise it is ignored: the figures then include garbage).
 */
export function memoryRoute(deps: {
  threads: () => Promise<ThreadHeap[]>;
  certificates?: () => { count: number; version: number };
}): AdminRoute {
  return async (_req, res, url) => {
    const gc = (globalThis as { gc?: () => void }).gc;
    const collected = url.searchParams.get('gc') === '1' && gc !== undefined;
    if (collected) gc();
    const threads = await deps.threads();
    const body = {
      rssBytes: process.memoryUsage.rss(),
      collected,
      main: heapFigures(getHeapStatistics()),
      threads: threads.map((t) => ({ slot: t.slot, threadId: t.threadId, ...heapFigures(t.heap) })),
      ...(deps.certificates === undefined ? {} : { certificates: deps.certificates() }),
    };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(`${JSON.stringify(body, null, 2)}\n`);
  };
}

function heapFigures(heap: HeapInfo) {
  return {
    heapUsedBytes: heap.used_heap_size,
    heapTotalBytes: heap.total_heap_size,
    externalBytes: heap.external_memory,
  };
}
