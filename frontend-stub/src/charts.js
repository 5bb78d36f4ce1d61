// Apache ECharts, only the parts the newsroom uses, drawn as SVG. Each chart sits in a figure
// with a caption; ECharts' aria option adds a spoken description of the data.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { h } from './dom.js';
import { number } from './i18n.js';

echarts.use([BarChart, LineChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const COLORS = ['#9b1c1c', '#0b4f9c', '#1c7a4a', '#b8860b', '#6b3fa0', '#2f8f9d', '#c2410c', '#475569'];
const charts = new Set();

window.addEventListener('resize', () => charts.forEach((chart) => chart.resize()));

/** A figure holding a chart; options as ECharts takes them. Returns the figure. */
export function chartFigure(caption, option, { height = 300, points = 0 } = {}) {
  const box = h('div', { class: 'chart', style: `height:${height}px` });
  const figure = h('figure', { class: 'chart-figure', dataset: { points: String(points) } }, h('figcaption', {}, caption), box);
  requestAnimationFrame(() => {
    const chart = echarts.init(box, null, { renderer: 'svg' });
    charts.add(chart);
    chart.setOption({
      color: COLORS,
      animation: false,
      aria: { enabled: true },
      textStyle: { fontFamily: 'system-ui, "PingFang SC", "Noto Sans CJK SC", sans-serif' },
      tooltip: { trigger: 'axis', valueFormatter: (v) => (v == null ? '—' : number(v)) },
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      ...option,
    });
    figure.dataset.drawn = 'true';
    const observer = new MutationObserver(() => {
      if (!figure.isConnected) {
        chart.dispose();
        charts.delete(chart);
        observer.disconnect();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
  return figure;
}

export function lineOption(labels, values, name) {
  return {
    xAxis: { type: 'category', data: labels, boundaryGap: false },
    yAxis: { type: 'value' },
    series: [{ type: 'line', name, data: values, smooth: false, symbolSize: 6, areaStyle: { opacity: 0.12 }, connectNulls: false }],
  };
}

export function barOption(labels, values, name, { horizontal = false } = {}) {
  const category = { type: 'category', data: labels, axisLabel: { interval: 0, width: horizontal ? 160 : 90, overflow: 'truncate' } };
  const value = { type: 'value' };
  return {
    grid: { left: 8, right: horizontal ? 56 : 16, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: [{ type: 'bar', name, data: values, barMaxWidth: 28, label: { show: true, position: horizontal ? 'right' : 'top', formatter: (p) => number(p.value) } }],
  };
}
