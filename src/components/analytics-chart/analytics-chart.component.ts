// <analytics-chart>: one Chart.js chart (bar or line) from labelled series. It renders what it is given;
// the page computes the numbers. A table with the same numbers sits behind it for screen readers.
import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

export interface ChartSeries {
  readonly label: string;
  readonly values: readonly number[];
}

const PALETTE = ['#14b8a6', '#f59e0b', '#60a5fa', '#f472b6', '#a3e635', '#c084fc', '#fb923c'];

declare global {
  interface HTMLElementTagNameMap {
    'analytics-chart': AnalyticsChart;
  }
}

@customElement('analytics-chart')
export class AnalyticsChart extends LitElement {
  static override styles = css`
    :host {
      display: block;
      position: relative;
      min-height: 220px;
    }
    canvas {
      width: 100% !important;
      max-height: 280px;
    }
    table {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
  `;

  @property() type: 'bar' | 'line' = 'bar';
  @property() heading = '';
  @property({ attribute: false }) labels: readonly string[] = [];
  @property({ attribute: false }) series: readonly ChartSeries[] = [];
  @property({ type: Boolean }) stacked = false;

  @query('canvas') private canvas!: HTMLCanvasElement;
  #chart: Chart | undefined;
  #chartType: 'bar' | 'line' | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#chart?.destroy();
    this.#chart = undefined;
  }

  override updated(): void {
    const text = getComputedStyle(this).getPropertyValue('--text-muted').trim() || '#94a3b8';
    const data = {
      labels: [...this.labels],
      datasets: this.series.map((s, i) => ({
        label: s.label,
        data: [...s.values],
        backgroundColor: PALETTE[i % PALETTE.length],
        borderColor: PALETTE[i % PALETTE.length],
        pointRadius: 0,
        tension: 0.25,
      })),
    };
    if (this.#chart && this.#chartType === this.type) {
      this.#chart.data = data;
      this.#chart.update('none');
      return;
    }
    this.#chart?.destroy();
    this.#chartType = this.type;
    this.#chart = new Chart(this.canvas, {
      type: this.type,
      data,
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { stacked: this.stacked, ticks: { color: text, maxRotation: 0, autoSkip: true } },
          y: { stacked: this.stacked, beginAtZero: true, ticks: { color: text, precision: 0 } },
        },
        plugins: { legend: { display: this.series.length > 1, labels: { color: text } } },
      },
    });
  }

  override render() {
    return html`<canvas role="img" aria-label=${this.heading}></canvas>
      <table>
        <caption>
          ${this.heading}
        </caption>
        <thead>
          <tr>
            <th scope="col"></th>
            ${this.series.map((s) => html`<th scope="col">${s.label}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${this.labels.map(
            (l, i) =>
              html`<tr>
                <th scope="row">${l}</th>
                ${this.series.map((s) => html`<td>${s.values[i] ?? 0}</td>`)}
              </tr>`,
          )}
        </tbody>
      </table>`;
  }
}
