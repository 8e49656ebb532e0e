import { clear } from './dom.js';

/**
 * A list that renders only the rows in view (fixed row height), so 10,000 entries cost what 40 do.
 * `setItems` swaps the data; `renderRow` builds one row's element.
 */
export class VirtualList<T> {
  private items: T[] = [];
  private readonly inner: HTMLDivElement;
  private readonly rows: HTMLDivElement;
  private frame = 0;

  constructor(
    private readonly container: HTMLElement,
    private readonly rowHeight: number,
    private readonly renderRow: (item: T, index: number) => HTMLElement,
  ) {
    container.classList.add('vlist');
    this.inner = document.createElement('div');
    this.inner.className = 'vlist-inner';
    this.rows = document.createElement('div');
    this.rows.className = 'vlist-rows';
    this.inner.append(this.rows);
    container.append(this.inner);
    container.addEventListener('scroll', () => this.schedule());
    window.addEventListener('resize', () => this.schedule());
  }

  setItems(items: T[]): void {
    this.items = items;
    this.inner.style.height = `${items.length * this.rowHeight}px`;
    this.render();
  }

  get length(): number {
    return this.items.length;
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const height = this.container.clientHeight || 600;
    const first = Math.max(0, Math.floor(this.container.scrollTop / this.rowHeight) - 5);
    const last = Math.min(this.items.length, first + Math.ceil(height / this.rowHeight) + 10);
    clear(this.rows);
    this.rows.style.transform = `translateY(${first * this.rowHeight}px)`;
    for (let i = first; i < last; i++) {
      const row = this.renderRow(this.items[i]!, i);
      row.style.height = `${this.rowHeight}px`;
      this.rows.append(row);
    }
  }
}
