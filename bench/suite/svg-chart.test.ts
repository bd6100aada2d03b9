import { describe, expect, it } from 'vitest';
import { lineChart, niceStep } from './svg-chart.ts';

describe('niceStep', () => {
  it('picks 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(10)).toBe(2);
    expect(niceStep(2_700)).toBe(1_000);
    expect(niceStep(0.9)).toBe(0.2);
    expect(niceStep(0)).toBe(1);
  });
});

describe('lineChart', () => {
  const chart = lineChart({
    title: 'p99 <latency>',
    xLabel: 'offered rate',
    yLabel: 'ms',
    series: [
      {
        label: 'router',
        color: '#d62728',
        points: [
          { x: 1_000, y: 2 },
          { x: 2_000, y: 3 },
          { x: 3_000, y: 900, invalid: true },
        ],
      },
      { label: 'nginx', color: '#2ca02c', dashed: true, points: [{ x: 1_000, y: 1 }] },
    ],
  });

  it('is one svg element with a marker per valid point and a cross per invalid one', () => {
    expect(chart.startsWith('<svg ')).toBe(true);
    expect(chart.trim().endsWith('</svg>')).toBe(true);
    expect(chart.match(/<circle /g)).toHaveLength(3);
    expect(chart).toMatch(/<path d="M[\d.]+,[\d.]+ L[\d.]+,[\d.]+ M/); // the cross
  });

  it('escapes text and keeps invalid runs out of the scale', () => {
    expect(chart).toContain('p99 &lt;latency&gt;');
    // y ticks stop at 3 (the valid maximum), not at 900.
    expect(chart).not.toContain('>900<');
    expect(chart).toContain('>3<');
  });
});
