/** A binary min-heap with a comparator; small and allocation-free once grown. */
export class Heap<T> {
  private readonly items: T[] = [];

  constructor(private readonly less: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const a = this.items;
    a.push(item);
    let k = a.length - 1;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (!this.less(a[k]!, a[parent]!)) break;
      [a[k], a[parent]] = [a[parent]!, a[k]!];
      k = parent;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  /** Re-establishes order after the top item's key grew. */
  updateTop(): void {
    if (this.items.length > 0) this.siftDown(0);
  }

  private siftDown(k: number): void {
    const a = this.items;
    const n = a.length;
    for (;;) {
      const l = 2 * k + 1;
      if (l >= n) return;
      const r = l + 1;
      const m = r < n && this.less(a[r]!, a[l]!) ? r : l;
      if (!this.less(a[m]!, a[k]!)) return;
      [a[k], a[m]] = [a[m]!, a[k]!];
      k = m;
    }
  }
}
